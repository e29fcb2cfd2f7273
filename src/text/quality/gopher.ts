/**
 * The Gopher quality and repetition filters: Rae et al. 2021, "Scaling Language Models: Methods,
 * Analysis & Insights from Training Gopher", appendix A.1.1 (MassiveWeb), with the published
 * thresholds as defaults. Where the paper leaves a definition open, we follow datatrove's
 * GopherQualityFilter and GopherRepetitionFilter (huggingface/datatrove,
 * src/datatrove/pipeline/filters/gopher_{quality,repetition}_filter.py), and say so below.
 *
 * Designed for English web pages. Words come from `words()` (letter/digit runs; Intl.Segmenter
 * for scripts without spaces), so counts work for Chinese, Japanese or Thai too, but the
 * thresholds do not transfer: Chinese words average under 2 characters and fail the mean word
 * length rule, so a Chinese dataset should lower `minMeanWordLength`. The stop-word rule is
 * English only and is skipped when a language other than English is given.
 *
 * Unlike the published filters, which stop at the first failed rule, every rule is evaluated
 * and every failure reported. "Characters" are code points, as Python's len() counts them.
 */
import { z } from 'zod';
import { duplicateNgramChars, topNgramChars, wordTable } from './ngrams.js';
import { Failures, type QualityOptions, type QualityResult, ratio } from './result.js';
import { codePoints, countOf, duplicates, primaryLanguage, splitLines, words } from './text-units.js';

const limit = (value: number) => z.number().nonnegative().nullable().default(value);

/** Gopher quality thresholds (null disables a rule). */
export const gopherQualityThresholds = z.strictObject({
  minWords: limit(50),
  maxWords: limit(100_000),
  minMeanWordLength: limit(3),
  maxMeanWordLength: limit(10),
  /** Applied to '#' and to ellipses ("..." or "…") separately, per word. */
  maxSymbolWordRatio: limit(0.1),
  maxBulletLinesRatio: limit(0.9),
  maxEllipsisLinesRatio: limit(0.3),
  minAlphaWordsRatio: limit(0.8),
  minStopWords: limit(2),
});
export type GopherQualityThresholds = z.infer<typeof gopherQualityThresholds>;

/** The English stop words of the paper. */
export const GOPHER_STOP_WORDS: ReadonlySet<string> = new Set([
  'the',
  'be',
  'to',
  'of',
  'and',
  'that',
  'have',
  'with',
]);

/** Bullet marks: datatrove checks '•' and '-'; we add the other common bullet glyphs and '*'. */
const BULLET = /^[-*•‣◦⁃▪●○■►]/u;

export interface GopherQualityStats {
  words: number;
  meanWordLength: number;
  hashRatio: number;
  ellipsisRatio: number;
  bulletLinesRatio: number;
  ellipsisLinesRatio: number;
  alphaWordsRatio: number;
  /** Occurrences of the stop words; null when the rule was skipped for a non-English text. */
  stopWords: number | null;
}

export function gopherQuality(
  text: string,
  thresholds: Partial<GopherQualityThresholds> = {},
  options: QualityOptions = {},
): QualityResult<GopherQualityStats> {
  const t = gopherQualityThresholds.parse(thresholds);
  const ws = words(text, options.language);
  const n = ws.length;
  let chars = 0;
  let alpha = 0;
  let stop = 0;
  for (const w of ws) {
    chars += codePoints(w);
    if (/\p{L}/u.test(w)) alpha++;
    if (GOPHER_STOP_WORDS.has(w.toLowerCase())) stop++;
  }
  const lines = splitLines(text);
  let bullets = 0;
  let ellipsisLines = 0;
  for (const line of lines) {
    if (BULLET.test(line.trimStart())) bullets++;
    const end = line.trimEnd();
    if (end.endsWith('...') || end.endsWith('…')) ellipsisLines++;
  }
  const language = primaryLanguage(options.language);
  const english = language === undefined || language === 'en';
  const stats: GopherQualityStats = {
    words: n,
    meanWordLength: ratio(chars, n),
    hashRatio: ratio(countOf(text, '#'), n),
    ellipsisRatio: ratio(countOf(text, '...') + countOf(text, '…'), n),
    bulletLinesRatio: ratio(bullets, lines.length),
    ellipsisLinesRatio: ratio(ellipsisLines, lines.length),
    alphaWordsRatio: ratio(alpha, n),
    stopWords: english ? stop : null,
  };

  const f = new Failures();
  f.min('gopher_min_words', n, t.minWords);
  f.max('gopher_max_words', n, t.maxWords);
  // With no words at all, the per-word rules have nothing to measure; min_words already failed.
  if (n > 0) {
    f.min('gopher_min_mean_word_length', stats.meanWordLength, t.minMeanWordLength);
    f.max('gopher_max_mean_word_length', stats.meanWordLength, t.maxMeanWordLength);
    f.max('gopher_max_hash_ratio', stats.hashRatio, t.maxSymbolWordRatio);
    f.max('gopher_max_ellipsis_ratio', stats.ellipsisRatio, t.maxSymbolWordRatio);
    f.min('gopher_min_alpha_words_ratio', stats.alphaWordsRatio, t.minAlphaWordsRatio);
  }
  f.max('gopher_max_bullet_lines_ratio', stats.bulletLinesRatio, t.maxBulletLinesRatio);
  f.max('gopher_max_ellipsis_lines_ratio', stats.ellipsisLinesRatio, t.maxEllipsisLinesRatio);
  // "At least two of the stop words": datatrove counts occurrences, not distinct words; so do we.
  if (stats.stopWords !== null) f.min('gopher_min_stop_words', stats.stopWords, t.minStopWords);
  return f.result(stats);
}

/** Gopher repetition thresholds (null disables a rule). */
export const gopherRepetitionThresholds = z.strictObject({
  maxDuplicateLineFraction: limit(0.3),
  maxDuplicateParagraphFraction: limit(0.3),
  maxDuplicateLineCharFraction: limit(0.2),
  maxDuplicateParagraphCharFraction: limit(0.2),
  maxTop2gramCharFraction: limit(0.2),
  maxTop3gramCharFraction: limit(0.18),
  maxTop4gramCharFraction: limit(0.16),
  maxDuplicate5gramCharFraction: limit(0.15),
  maxDuplicate6gramCharFraction: limit(0.14),
  maxDuplicate7gramCharFraction: limit(0.13),
  maxDuplicate8gramCharFraction: limit(0.12),
  maxDuplicate9gramCharFraction: limit(0.11),
  maxDuplicate10gramCharFraction: limit(0.1),
});
export type GopherRepetitionThresholds = z.infer<typeof gopherRepetitionThresholds>;

export interface GopherRepetitionStats {
  duplicateLineFraction: number;
  duplicateParagraphFraction: number;
  duplicateLineCharFraction: number;
  duplicateParagraphCharFraction: number;
  /** By n (2–4): characters of the most frequent n-gram × its count, over all characters. */
  topNgramCharFraction: Record<number, number>;
  /** By n (5–10): characters inside repeated n-grams, over all characters. */
  duplicateNgramCharFraction: Record<number, number>;
}

export function gopherRepetition(
  text: string,
  thresholds: Partial<GopherRepetitionThresholds> = {},
  options: QualityOptions = {},
): QualityResult<GopherRepetitionStats> {
  const t = gopherRepetitionThresholds.parse(thresholds);
  const doc = text.replace(/\r\n?/g, '\n');
  const total = codePoints(doc);
  // datatrove: paragraphs = re.split(r"\n{2,}", text.strip()); lines = re.split("\n+", text).
  // We drop the empty strings a leading or trailing newline leaves (they are not lines).
  const paragraphs = doc.trim().split(/\n{2,}/);
  const lines = doc.split(/\n+/).filter((l) => l !== '');
  const para = duplicates(paragraphs);
  const line = duplicates(lines);
  const ws = words(doc, options.language);
  const table = wordTable(ws);

  const stats: GopherRepetitionStats = {
    duplicateLineFraction: ratio(line.count, lines.length),
    duplicateParagraphFraction: ratio(para.count, paragraphs.length),
    duplicateLineCharFraction: ratio(line.chars, total),
    duplicateParagraphCharFraction: ratio(para.chars, total),
    topNgramCharFraction: {},
    duplicateNgramCharFraction: {},
  };
  const f = new Failures();
  f.max('gopher_max_duplicate_line_fraction', stats.duplicateLineFraction, t.maxDuplicateLineFraction);
  f.max(
    'gopher_max_duplicate_paragraph_fraction',
    stats.duplicateParagraphFraction,
    t.maxDuplicateParagraphFraction,
  );
  f.max(
    'gopher_max_duplicate_line_char_fraction',
    stats.duplicateLineCharFraction,
    t.maxDuplicateLineCharFraction,
  );
  f.max(
    'gopher_max_duplicate_paragraph_char_fraction',
    stats.duplicateParagraphCharFraction,
    t.maxDuplicateParagraphCharFraction,
  );
  const top: [number, number | null][] = [
    [2, t.maxTop2gramCharFraction],
    [3, t.maxTop3gramCharFraction],
    [4, t.maxTop4gramCharFraction],
  ];
  for (const [n, threshold] of top) {
    const value = ratio(topNgramChars(table, n), total);
    stats.topNgramCharFraction[n] = value;
    f.max(`gopher_max_top_${n}gram_char_fraction`, value, threshold);
  }
  const dup: [number, number | null][] = [
    [5, t.maxDuplicate5gramCharFraction],
    [6, t.maxDuplicate6gramCharFraction],
    [7, t.maxDuplicate7gramCharFraction],
    [8, t.maxDuplicate8gramCharFraction],
    [9, t.maxDuplicate9gramCharFraction],
    [10, t.maxDuplicate10gramCharFraction],
  ];
  for (const [n, threshold] of dup) {
    const value = ratio(duplicateNgramChars(table, n), total);
    stats.duplicateNgramCharFraction[n] = value;
    f.max(`gopher_max_duplicate_${n}gram_char_fraction`, value, threshold);
  }
  return f.result(stats);
}
