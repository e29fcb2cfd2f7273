/**
 * The FineWeb quality filter: Penedo et al. 2024, "The FineWeb Datasets: Decanting the Web for
 * the Finest Text Data at Scale" §3.3 (custom filters), as implemented by datatrove's
 * FineWebQualityFilter (src/datatrove/pipeline/filters/fineweb_quality_filter.py), with its
 * defaults and its comparisons:
 *
 * - fineweb_min_line_punct_ratio: fraction of non-empty lines ending in terminal punctuation
 *   < 0.12 fails (with `linePunctExcludeZero`, a text with none at all is let through).
 * - fineweb_max_short_line_ratio: fraction of non-empty lines of ≤ 30 characters ≥ 0.67 fails.
 * - fineweb_max_char_duplicates_ratio: characters in lines that repeat an earlier line, over all
 *   characters except newlines, ≥ 0.01 fails.
 * - fineweb_max_new_line_ratio: newlines per word > 0.3 fails (lists and menus).
 * - fineweb_min_lines: the text has no non-empty line.
 *
 * Terminal punctuation is Unicode's Sentence_Terminal set (datatrove's TERMINAL_PUNCTUATION is the
 * same idea), also when followed by closing quotes or brackets. Trailing spaces are ignored.
 * Designed for English web pages; the ratios carry over to other languages better than Gopher's.
 */
import { z } from 'zod';
import { Failures, type QualityOptions, type QualityResult, ratio } from './result.js';
import { codePoints, duplicates, endsWithTerminalPunctuation, words } from './text-units.js';

const limit = (value: number) => z.number().nonnegative().nullable().default(value);

export const finewebThresholds = z.strictObject({
  minLinePunctRatio: limit(0.12),
  linePunctExcludeZero: z.boolean().default(false),
  maxShortLineRatio: limit(0.67),
  /** A line of at most this many characters is short. */
  shortLineLength: z.number().int().nonnegative().default(30),
  maxCharDuplicatesRatio: limit(0.01),
  maxNewLineRatio: limit(0.3),
});
export type FinewebThresholds = z.infer<typeof finewebThresholds>;

export interface FinewebStats {
  lines: number;
  linePunctRatio: number;
  shortLineRatio: number;
  charDuplicatesRatio: number;
  newLineRatio: number;
}

export function finewebQuality(
  text: string,
  thresholds: Partial<FinewebThresholds> = {},
  options: QualityOptions = {},
): QualityResult<FinewebStats> {
  const t = finewebThresholds.parse(thresholds);
  const doc = text.replace(/\r\n?/g, '\n');
  const lines = doc.split('\n').filter((l) => l.trim() !== '');
  let punct = 0;
  let short = 0;
  for (const line of lines) {
    if (endsWithTerminalPunctuation(line)) punct++;
    if (codePoints(line) <= t.shortLineLength) short++;
  }
  const newLines = doc.length - doc.replaceAll('\n', '').length;
  const stats: FinewebStats = {
    lines: lines.length,
    linePunctRatio: ratio(punct, lines.length),
    shortLineRatio: ratio(short, lines.length),
    charDuplicatesRatio: ratio(duplicates(lines).chars, codePoints(doc) - newLines),
    newLineRatio: ratio(newLines, words(doc, options.language).length),
  };
  const f = new Failures();
  f.min('fineweb_min_lines', lines.length, 1);
  if (lines.length > 0) {
    if (!(t.linePunctExcludeZero && punct === 0)) {
      f.min('fineweb_min_line_punct_ratio', stats.linePunctRatio, t.minLinePunctRatio);
    }
    f.maxExclusive('fineweb_max_short_line_ratio', stats.shortLineRatio, t.maxShortLineRatio);
    f.maxExclusive('fineweb_max_char_duplicates_ratio', stats.charDuplicatesRatio, t.maxCharDuplicatesRatio);
    f.max('fineweb_max_new_line_ratio', stats.newLineRatio, t.maxNewLineRatio);
  }
  return f.result(stats);
}
