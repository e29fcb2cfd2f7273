/**
 * Words, lines and sentences for the quality heuristics, in one place so every filter counts the
 * same way. Pure functions; no dependency on the other text modules.
 *
 * Words: runs of letters, digits and marks (apostrophes and periods inside a run stay, so "don't",
 * "3.14" and "e.g" are one word each, as in Unicode word segmentation). Runs that contain a script
 * written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) are split into dictionary words by
 * `Intl.Segmenter`. The segmenter is not used on whole texts: V8's implementation slows down
 * quadratically on long strings (0.002 MB/s on 180 KB), so it only sees short runs.
 */

/** Letters, digits and marks, with `'`, `’` or `.` allowed between two of them. */
const WORD_RUN = /[\p{L}\p{N}\p{M}]+(?:['’.][\p{L}\p{N}\p{M}]+)*/gu;
/** Scripts written without spaces between words. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
/** The longest piece handed to Intl.Segmenter at once (its cost grows faster than linearly). */
const SEGMENT_CHUNK = 500;

const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(
  cache: Map<string, Intl.Segmenter>,
  language: string | undefined,
  granularity: 'word' | 'sentence',
) {
  const key = language ?? '';
  let s = cache.get(key);
  if (!s) {
    try {
      s = new Intl.Segmenter(language, { granularity });
    } catch {
      s = new Intl.Segmenter(undefined, { granularity });
    }
    cache.set(key, s);
  }
  return s;
}

/** The words of a text, in order (see the module comment for what a word is). */
export function words(text: string, language?: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RUN)) {
    const run = m[0];
    if (!UNSPACED.test(run)) {
      out.push(run);
      continue;
    }
    const seg = segmenter(wordSegmenters, language, 'word');
    for (let i = 0; i < run.length; i += SEGMENT_CHUNK) {
      for (const s of seg.segment(run.slice(i, i + SEGMENT_CHUNK))) if (s.isWordLike) out.push(s.segment);
    }
  }
  return out;
}

/** Length in code points (what Python's len() counts, so thresholds mean the same thing). */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/**
 * Lines as Python's `str.splitlines()` makes them (the definition the published filters use):
 * split on \n, \r, \r\n, \v, \f, \x1c–\x1e, \x85, U+2028, U+2029; no empty last line after a
 * final line break.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the separators splitlines() uses.
  const lines = text.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * datatrove's find_duplicates: how many elements repeat an earlier one, and their characters
 * (the first occurrence is not counted).
 */
export function duplicates(elements: readonly string[]): { count: number; chars: number } {
  const seen = new Set<string>();
  let count = 0;
  let chars = 0;
  for (const e of elements) {
    if (seen.has(e)) {
      count++;
      chars += codePoints(e);
    } else seen.add(e);
  }
  return { count, chars };
}

/** Count occurrences of a substring (non-overlapping, like Python's str.count). */
export function countOf(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Unicode Sentence_Terminal: . ! ? and their counterparts in other scripts (。 ؟ । ። …). */
const SENTENCE_TERMINAL = /\p{Sentence_Terminal}$/u;
/** Closing quotes and brackets that may follow the terminal mark: `He said "yes."` */
const CLOSERS = /[\p{Pe}\p{Pf}"'»」』]+$/u;

/** Whether a line ends in sentence-final punctuation (in any script), ignoring trailing spaces. */
export function endsWithTerminalPunctuation(line: string, options: { quotes?: boolean } = {}): boolean {
  const t = line.trimEnd();
  if (SENTENCE_TERMINAL.test(t)) return true;
  if (options.quotes && /["'”’»」』]$/u.test(t)) return true;
  const stripped = t.replace(CLOSERS, '');
  return stripped !== t && SENTENCE_TERMINAL.test(stripped);
}

/** Number of sentences (Intl.Segmenter sentence boundaries; long texts are cut at ". " first). */
export function sentenceCount(text: string, language?: string): number {
  const seg = segmenter(sentenceSegmenters, language, 'sentence');
  let n = 0;
  const count = (chunk: string) => {
    for (const s of seg.segment(chunk)) if (/[\p{L}\p{N}]/u.test(s.segment)) n++;
  };
  if (text.length <= 2000) {
    count(text);
    return n;
  }
  let chunk = '';
  for (const piece of text.split(/(?<=\p{Sentence_Terminal}\s+)/u)) {
    if (chunk.length + piece.length > 2000 && chunk !== '') {
      count(chunk);
      chunk = '';
    }
    chunk += piece;
  }
  if (chunk !== '') count(chunk);
  return n;
}

/** The primary language subtag, lower-cased ('pt-BR' → 'pt'), or undefined. */
export function primaryLanguage(language: string | undefined): string | undefined {
  if (!language) return undefined;
  return language.split(/[-_]/)[0]?.toLowerCase() || undefined;
}
