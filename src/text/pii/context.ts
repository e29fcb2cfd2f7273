/**
 * Context: words just before a match that make it more likely to be what the pattern says ("phone",
 * "IBAN", "DOB"). As in Presidio, a context word within N words before a match adds CONTEXT_BOOST to
 * its score, capped at 1.0.
 */

export const CONTEXT_BOOST = 0.35;

/** Letters, digits, underscore and any non-ASCII character except common spaces count as word characters. */
function isWordChar(c: number): boolean {
  if (c < 128) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  }
  return !(c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x2028 || c === 0x2029);
}

/**
 * The lowercased text from the start of the `words`-th word before `start` up to `start`, with
 * the punctuation between the words. Looks back at most 40 characters per word.
 */
export function wordsBefore(text: string, start: number, words: number): string {
  const limit = Math.max(0, start - 40 * words);
  let i = start;
  let seen = 0;
  let inWord = false;
  while (i > limit) {
    const w = isWordChar(text.charCodeAt(i - 1));
    if (w && !inWord) {
      if (seen === words) break;
      seen++;
    }
    inWord = w;
    i--;
  }
  return text.slice(i, start).toLowerCase();
}

/** Whether `re` (written for lowercase text) matches within `words` words before `start`. */
export function hasContext(text: string, start: number, re: RegExp, words: number): boolean {
  return re.test(wordsBefore(text, start, words));
}

/** `score` plus the context boost when `context` is true, capped at 1.0. */
export function boosted(score: number, context: boolean): number {
  return context ? Math.min(1, Math.round((score + CONTEXT_BOOST) * 100) / 100) : score;
}

/**
 * A case-insensitive matcher for context words: each alternative must start at a word start; a
 * trailing `*` lets the word continue ("phone*" matches "phones", "phonenumber"), otherwise it must
 * end at a word end. Alternatives are lowercase and may contain spaces (any run of spaces, `_` or `-`
 * matches one). Alternatives in scripts written without spaces (電話) match anywhere.
 */
export function contextPattern(words: readonly string[]): RegExp {
  const spaced: string[] = [];
  const unspaced: string[] = [];
  for (const w of words) {
    const open = w.endsWith('*');
    const body = (open ? w.slice(0, -1) : w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s_-]*');
    if (/^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\d#]/u.test(w)) {
      spaced.push(open ? body : `${body}(?![\\p{L}\\p{N}])`);
    } else unspaced.push(body);
  }
  // One lookbehind in front of the whole alternation, not one per word: the regex engine then checks
  // it once per position, which matters with fifty words.
  const alts = [...(spaced.length ? [`(?<![\\p{L}\\p{N}])(?:${spaced.join('|')})`] : []), ...unspaced];
  return new RegExp(alts.join('|'), 'u');
}
