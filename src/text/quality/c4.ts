/**
 * The C4 heuristics: Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
 * Text-to-Text Transformer" §2.2, as implemented by TensorFlow Datasets' c4_utils.clean_page and
 * datatrove's C4QualityFilter (the implementation, not the prose, made C4; where they differ from
 * the paper we follow the implementation and say so).
 *
 * C4 rewrites pages: it keeps lines that end in terminal punctuation and have at least 3 words,
 * drops lines mentioning Javascript or a cookie/policy notice, and drops the page if fewer than 5
 * sentences remain, if a kept line contains "lorem ipsum" or "{", or (optionally) if any word is
 * on the bad-words list. Here it is a check: the text is not rewritten; the page-level rules are
 * failures and the line-level removals are counted in the stats.
 *
 * Rules (failure names):
 * - c4_min_sentences: sentences in the lines C4 would keep < 5 (TFDS/datatrove default; the
 *   paper's prose says 3 sentences and 5 words per line, the code has 5 and 3).
 * - c4_min_terminal_lines: no line ends in terminal punctuation at all (nothing would be kept).
 * - c4_lorem_ipsum, c4_curly_bracket: a line that would be kept contains "lorem ipsum" or "{".
 *   As in the implementation, only lines that passed the punctuation and length rules count, so
 *   code lines such as `function f() {` (no final punctuation) are dropped, not the page.
 * - c4_bad_words (off by default; the offensive-language check covers it): words from the
 *   List of Dirty, Naughty, Obscene or Otherwise Bad Words (npm naughty-words) for the language.
 *
 * Deviations: terminal punctuation includes other scripts' sentence terminals (。 ؟ । …) and
 * closing quotes after them; words per line are counted with `words()` rather than whitespace
 * splitting, so Chinese or Japanese lines are not all "one word".
 */
import { z } from 'zod';
import { findOffensive } from '../offensive.js';
import { Failures, type QualityOptions, type QualityResult } from './result.js';
import { endsWithTerminalPunctuation, sentenceCount, splitLines, words } from './text-units.js';

const limit = (value: number) => z.number().nonnegative().nullable().default(value);

/** C4 thresholds and switches (a null threshold or false switch disables the rule). */
export const c4Thresholds = z.strictObject({
  minSentences: limit(5),
  minWordsPerLine: limit(3),
  /** Lines with a whitespace-separated token longer than this are dropped. */
  maxWordLength: limit(1000),
  removeCitations: z.boolean().default(true),
  loremIpsum: z.boolean().default(true),
  curlyBracket: z.boolean().default(true),
  javascript: z.boolean().default(true),
  policy: z.boolean().default(true),
  badWords: z.boolean().default(false),
});
export type C4Thresholds = z.infer<typeof c4Thresholds>;

/** Wikipedia-style citation markers C4 removes before the punctuation test. */
const CITATION = /\[\d*]|\[edit]|\[citation needed]/gi;
const POLICY = [
  'terms of use',
  'privacy policy',
  'cookie policy',
  'uses cookies',
  'use of cookies',
  'use cookies',
];

export interface C4Stats {
  lines: number;
  linesKept: number;
  /** Lines ending in terminal punctuation (before the other line rules). */
  terminalLines: number;
  removedLongWord: number;
  removedNoTerminalPunctuation: number;
  removedTooFewWords: number;
  removedJavascript: number;
  removedPolicy: number;
  /** Sentences in the kept lines. */
  sentences: number;
  loremIpsumLines: number;
  curlyBracketLines: number;
  badWords: number;
}

export function c4Quality(
  text: string,
  thresholds: Partial<C4Thresholds> = {},
  options: QualityOptions = {},
): QualityResult<C4Stats> {
  const t = c4Thresholds.parse(thresholds);
  const stats: C4Stats = {
    lines: 0,
    linesKept: 0,
    terminalLines: 0,
    removedLongWord: 0,
    removedNoTerminalPunctuation: 0,
    removedTooFewWords: 0,
    removedJavascript: 0,
    removedPolicy: 0,
    sentences: 0,
    loremIpsumLines: 0,
    curlyBracketLines: 0,
    badWords: 0,
  };
  for (const raw of splitLines(text)) {
    stats.lines++;
    let line = raw.trim();
    if (t.maxWordLength !== null) {
      const max = t.maxWordLength;
      if (line.split(/\s+/).some((w) => w.length > max)) {
        stats.removedLongWord++;
        continue;
      }
    }
    if (t.removeCitations) line = line.replace(CITATION, '').trim();
    if (!endsWithTerminalPunctuation(line, { quotes: true }) || line.endsWith('...')) {
      stats.removedNoTerminalPunctuation++;
      continue;
    }
    stats.terminalLines++;
    if (t.minWordsPerLine !== null && words(line, options.language).length < t.minWordsPerLine) {
      stats.removedTooFewWords++;
      continue;
    }
    const lower = line.toLowerCase();
    if (t.loremIpsum && lower.includes('lorem ipsum')) {
      stats.loremIpsumLines++;
      continue;
    }
    if (t.javascript && lower.includes('javascript')) {
      stats.removedJavascript++;
      continue;
    }
    if (t.curlyBracket && line.includes('{')) {
      stats.curlyBracketLines++;
      continue;
    }
    if (t.policy && POLICY.some((p) => lower.includes(p))) {
      stats.removedPolicy++;
      continue;
    }
    stats.linesKept++;
    stats.sentences += sentenceCount(line, options.language);
  }
  if (t.badWords) {
    stats.badWords = findOffensive(text, {
      language: options.language ?? 'en',
      sources: ['naughty-words'],
    }).length;
  }

  const f = new Failures();
  f.min('c4_min_sentences', stats.sentences, t.minSentences);
  f.min('c4_min_terminal_lines', stats.terminalLines, 1);
  f.max('c4_lorem_ipsum', stats.loremIpsumLines, t.loremIpsum ? 0 : null);
  f.max('c4_curly_bracket', stats.curlyBracketLines, t.curlyBracket ? 0 : null);
  f.max('c4_bad_words', stats.badWords, t.badWords ? 0 : null);
  return f.result(stats);
}
