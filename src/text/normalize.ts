/**
 * Normalisation for hashing: two texts that differ only in Unicode form, case, punctuation or spacing
 * normalise to the same string, so they get the same exact-duplicate key and the same shingles.
 *
 * Steps, in order:
 *  1. NFKC (compatibility forms: ligatures, full-width letters, non-breaking spaces, superscripts).
 *  2. Lower-case (locale-independent `toLowerCase`).
 *  3. Delete apostrophes (U+0027, U+2019, U+02BC: "don't" = "dont") and format characters
 *     (`\p{Cf}`: soft hyphens, zero-width joiners, bidi marks, BOM), except U+200B ZERO WIDTH SPACE,
 *     which separates words in scripts written without spaces and so counts as a space.
 *  4. Every run of whitespace, punctuation (`\p{P}`), control characters and U+200B becomes one space;
 *     the result is trimmed. Symbols (`\p{S}`: emoji, currency, maths) are kept.
 */

import { murmur3x128String } from './hash.js';

const DROP = /['\u02bc\u2019]|(?!\u200b)\p{Cf}/gu;
const SEP = /[\s\p{P}\p{Cc}\u200b]+/gu;

// ASCII fast path: a class per character. Punctuation (\p{P}) is !"#%&'()*,-./:;?@[\]_{}, whitespace and
// controls separate too; the symbols $+<=>^`|~ stay. A test checks this table against the regexes.
export const KEEP = 0;
export const SEPARATE = 1;
export const DELETE = 2;
export const UPPER = 3;
/** What normalisation does with each ASCII character (shared with the one-pass sketch in ascii.ts). */
export const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII[c] = c === 0x27 ? DELETE : /[A-Z]/.test(ch) ? UPPER : /[\s\p{P}\p{Cc}]/u.test(ch) ? SEPARATE : KEEP;
}
let buffer = new Uint16Array(1024);
const utf16 = new TextDecoder('utf-16le');

/** Normalisation of an all-ASCII text in one pass (twice as fast as the regexes); undefined otherwise. */
function normalizeAscii(text: string): string | undefined {
  const n = text.length;
  if (buffer.length < n) buffer = new Uint16Array(n + 1024);
  const out = buffer;
  let o = 0;
  let space = true; // at the start, separators are dropped
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return undefined;
    const k = ASCII[c]!;
    if (k === SEPARATE) {
      if (!space) {
        out[o++] = 0x20;
        space = true;
      }
      continue;
    }
    if (k === DELETE) continue;
    if (k === UPPER) c += 0x20;
    out[o++] = c;
    space = false;
  }
  if (o > 0 && out[o - 1] === 0x20) o--;
  return utf16.decode(out.subarray(0, o));
}

/** The text as hashing sees it (see the module comment). */
export function normalizeForHash(text: string): string {
  const ascii = normalizeAscii(text);
  if (ascii !== undefined) return ascii;
  const s = text.normalize('NFKC').toLowerCase().replace(DROP, '').replace(SEP, ' ');
  const start = s.charCodeAt(0) === 32 ? 1 : 0;
  const end = s.length > start && s.charCodeAt(s.length - 1) === 32 ? s.length - 1 : s.length;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * The exact-duplicate key of an already normalised text: MurmurHash3_x86_128 of its UTF-16LE bytes,
 * four 32-bit words written to out[at..at+3]. Two texts get the same key iff (up to a 2^-128 chance)
 * they normalise to the same string.
 */
export function exactKeyInto(normalized: string, out: Uint32Array, at: number): void {
  murmur3x128String(normalized, 0, out, at);
}

/** The exact-duplicate key of a text, as 32 hex digits: equal for texts equal after normalisation. */
export function exactKey(text: string): string {
  const words = murmur3x128String(normalizeForHash(text));
  let hex = '';
  for (const w of words) hex += w.toString(16).padStart(8, '0');
  return hex;
}
