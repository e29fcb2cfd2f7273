/**
 * Shingles of a normalised text (see normalize.ts), each hashed to 32 bits.
 *
 * Words are the word-like segments of `Intl.Segmenter` (granularity 'word', `isWordLike`). The segmenter
 * costs about 2 µs per word, more than everything else in near-duplicate detection together, so texts
 * made only of characters whose word-break behaviour is simple (letters and digits of alphabetic
 * scripts, combining marks, spaces, symbols, emoji) take a scanner that yields the same words: after
 * normalisation there is no punctuation left, so a word is a run of letters and digits together with
 * the marks that follow them (Unicode's word rules WB4–WB10). A test compares the two over every BMP
 * code point. Any other character (ideographs, kana, Thai, rare symbols) sends the text to the segmenter.
 *
 * Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar, Yi, …): when at least half of a
 * text's letters are in one of them, its tokens are characters (code points, spaces skipped) instead.
 *
 * A word hashes to FNV-1a over its UTF-16 units; a character to its code point. A shingle is n
 * consecutive tokens and hashes to MurmurHash3_x86_32 of the n token hashes. A text with fewer than n
 * tokens (but at least one) has one shingle of all of them; a text with none has no shingles.
 */

import { FNV_OFFSET, FNV_PRIME, murmur3Words } from './hash.js';
import { normalizeForHash } from './normalize.js';

export const DEFAULT_NGRAM = 5;

export type TokenMode = 'words' | 'chars';

const SPACE = 0;
const WORD = 1;
const MARK = 2;
const SYMBOL = 3;
/** Needs the segmenter: its word-break behaviour is not the scanner's. */
const COMPLEX = 4;
/** A letter of a script written without spaces; needs the segmenter too. */
const NOSPACE = 5;
const HIGH = 6;
/** A Hangul syllable: a word character, but ICU ends a word where Hangul meets other letters. */
const HANGUL = 7;

const NOSPACE_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{Script=Yi}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const MARK_RE = /[\p{M}\p{Emoji_Modifier}]/u;
const PLAIN_SYMBOL = /[\p{Sm}\p{Sc}\p{So}\p{Co}\p{Cc}\p{P}]/u;

// Letters, marks and numbers of the CJK blocks are written without spaces whatever their script
// property says (U+30FC KATAKANA-HIRAGANA PROLONGED SOUND MARK is Common, U+3099 is Inherited).
const CJK_BLOCKS: readonly (readonly [number, number])[] = [
  [0x2e80, 0x9fff],
  [0xf900, 0xfaff],
  [0xff66, 0xff9f],
];

function isNoSpaceLetter(cp: number, ch: string): boolean {
  if (NOSPACE_RE.test(ch)) return true;
  return CJK_BLOCKS.some(([lo, hi]) => cp >= lo && cp <= hi) && /[\p{L}\p{M}\p{N}]/u.test(ch);
}

/** The scanner's class of a code point (see the constants above). */
export function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (cp === 0x20) return SPACE;
  if (cp < 0x80) return LETTER_OR_DIGIT.test(ch) ? WORD : /\s/.test(ch) ? SPACE : SYMBOL;
  if (isNoSpaceLetter(cp, ch)) return NOSPACE;
  if (cp >= 0xac00 && cp <= 0xd7a3) return HANGUL;
  if (LETTER_OR_DIGIT.test(ch)) return WORD;
  if (MARK_RE.test(ch)) return MARK;
  // U+2044 FRACTION SLASH joins digits (MidNum); non-ASCII modifier symbols may be ALetter.
  if (cp === 0x2044 || /\p{Sk}/u.test(ch)) return COMPLEX;
  if (/\p{Extended_Pictographic}/u.test(ch) || PLAIN_SYMBOL.test(ch)) return SYMBOL;
  if (/[\s\p{Z}]/u.test(ch)) return SPACE;
  return COMPLEX; // numbers that are not digits, format characters, unassigned code points
}

let bmp: Uint8Array | undefined;

/** The class table the scanner uses (exported for the test that checks it against `classify`). */
export const classTable = (): Uint8Array => bmpTable();
const astral = new Map<number, number>();

/**
 * The class of every BMP code unit: `classify` for each, computed with one regular-expression pass
 * per class over a string of all of them (much faster than 65,536 separate calls), lowest precedence
 * first. A test checks the table against `classify`.
 */
function bmpTable(): Uint8Array {
  if (bmp) return bmp;
  const t = new Uint8Array(0x10000).fill(COMPLEX);
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0 : c;
  let all = '';
  for (let c = 0; c < 0x10000; c += 4096) all += String.fromCharCode(...units.subarray(c, c + 4096));
  const mark = (re: RegExp, k: number) => {
    for (const m of all.matchAll(re)) t[m.index] = k;
  };
  mark(/[\s\p{Z}]/gu, SPACE);
  mark(new RegExp(`\\p{Extended_Pictographic}|${PLAIN_SYMBOL.source}`, 'gu'), SYMBOL);
  mark(/[\p{Sk}\u2044]/gu, COMPLEX);
  mark(new RegExp(MARK_RE.source, 'gu'), MARK);
  mark(new RegExp(LETTER_OR_DIGIT.source, 'gu'), WORD);
  t.fill(HANGUL, 0xac00, 0xd7a4);
  mark(new RegExp(NOSPACE_RE.source, 'gu'), NOSPACE);
  for (const [lo, hi] of CJK_BLOCKS) {
    for (const m of all.slice(lo, hi + 1).matchAll(/[\p{L}\p{M}\p{N}]/gu)) t[lo + m.index] = NOSPACE;
  }
  for (let c = 0; c < 0x80; c++) t[c] = classify(c);
  t.fill(HIGH, 0xd800, 0xdc00);
  t.fill(COMPLEX, 0xdc00, 0xe000);
  bmp = t;
  return t;
}

function astralClass(cp: number): number {
  let k = astral.get(cp);
  if (k === undefined) {
    k = classify(cp);
    astral.set(cp, k);
  }
  return k;
}

let segmenter: Intl.Segmenter | undefined;
/** A fixed locale, so segmentation does not depend on the machine's language settings. */
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  return segmenter;
}

/** Word-like segments of a normalised text by `Intl.Segmenter` alone (the reference for the scanner). */
export function segmenterWords(normalized: string): string[] {
  const out: string[] = [];
  for (const s of wordSegmenter().segment(normalized)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/**
 * Reusable buffers for shingling many texts: `run` fills `hashes` and returns how many it wrote. Not
 * shared between threads; one per worker.
 */
export class Shingler {
  tokens = new Int32Array(256);
  hashes = new Uint32Array(256);
  /** Set by the last `run`: whether the text was split into words or characters. */
  mode: TokenMode = 'words';
  private readonly table = bmpTable();

  constructor(readonly ngram = DEFAULT_NGRAM) {
    if (!Number.isInteger(ngram) || ngram < 1) throw new RangeError(`ngram must be a positive integer`);
  }

  /** Shingle hashes of a normalised text, in text order (repeats kept), in hashes[0, n). */
  run(normalized: string): number {
    let t = this.scan(normalized);
    if (t < 0) t = this.slowTokens(normalized);
    else this.mode = 'words';
    return this.shingleTokens(t);
  }

  /** Ensures room for `n` tokens (for callers that fill `tokens` themselves). */
  reserve(n: number): Int32Array {
    if (this.tokens.length < n) this.tokens = new Int32Array(n + 256);
    return this.tokens;
  }

  /** Shingle hashes of tokens[0, t) into hashes[0, n); returns n. */
  shingleTokens(t: number): number {
    const n = this.ngram;
    const count = t === 0 ? 0 : t < n ? 1 : t - n + 1;
    if (this.hashes.length < count) this.hashes = new Uint32Array(count + 256);
    const tokens = this.tokens;
    const hashes = this.hashes;
    if (t > 0 && t < n) hashes[0] = murmur3Words(tokens, 0, t);
    else for (let i = 0; i < count; i++) hashes[i] = murmur3Words(tokens, i, n);
    return count;
  }

  /** Words as strings, by the same rules as `run` (for tests and debugging); undefined in char mode. */
  words(normalized: string): string[] | undefined {
    return (
      this.scannedWords(normalized) ??
      (this.textMode(normalized) === 'chars' ? undefined : segmenterWords(normalized))
    );
  }

  /** The words the fast scanner finds, or undefined when it leaves the text to the segmenter. */
  scannedWords(normalized: string): string[] | undefined {
    const out: string[] = [];
    return this.scan(normalized, out) >= 0 ? out : undefined;
  }

  /** Whether a normalised text is tokenised into words or characters. */
  textMode(normalized: string): TokenMode {
    const table = this.table;
    let letters = 0;
    let nospace = 0;
    for (let i = 0; i < normalized.length; i++) {
      let cp = normalized.charCodeAt(i);
      let k = table[cp]!;
      if (k === HIGH) {
        cp = normalized.codePointAt(i)!;
        if (cp > 0xffff) {
          k = astralClass(cp);
          i++;
        }
      }
      if (k === NOSPACE) nospace++;
      else if (k === WORD || k === HANGUL) letters++;
    }
    return nospace > 0 && nospace * 2 >= nospace + letters ? 'chars' : 'words';
  }

  /**
   * The fast path: FNV-1a hashes of the words into `tokens`, or -1 when the text holds a character the
   * scanner does not model. With `strings`, also collects the words themselves.
   */
  private scan(s: string, strings?: string[]): number {
    const table = this.table;
    const len = s.length;
    const tokens = this.reserve(len + 1);
    let t = 0;
    let start = -1;
    let kind = WORD;
    let h = 0;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      let k = table[c]!;
      let width = 1;
      if (k === HIGH) {
        const lo = i + 1 < len ? s.charCodeAt(i + 1) : 0;
        if (lo < 0xdc00 || lo > 0xdfff) return -1;
        k = astralClass(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
        width = 2;
      }
      // ICU does not treat a mark on a Hangul syllable as part of the word: leave such text to it.
      if (k === MARK && start >= 0 && kind === HANGUL) return -1;
      if (k === WORD || k === HANGUL || (k === MARK && start >= 0)) {
        // A mark extends the word it follows; after anything else it belongs to that (WB4).
        if (start >= 0 && k !== MARK && k !== kind) {
          tokens[t++] = h;
          strings?.push(s.slice(start, i));
          start = -1;
        }
        if (start < 0) {
          start = i;
          kind = k;
          h = FNV_OFFSET;
        }
        h = Math.imul(h ^ c, FNV_PRIME);
        if (width === 2) h = Math.imul(h ^ s.charCodeAt(i + 1), FNV_PRIME);
      } else if (k === SPACE || k === SYMBOL) {
        if (start >= 0) {
          tokens[t++] = h;
          strings?.push(s.slice(start, i));
          start = -1;
        }
      } else if (k !== MARK) {
        return -1;
      }
      i += width - 1;
    }
    if (start >= 0) {
      tokens[t++] = h;
      strings?.push(s.slice(start));
    }
    return t;
  }

  /** Tokens of a text the scanner declined: characters, or the segmenter's words. */
  private slowTokens(s: string): number {
    const tokens = this.tokens;
    let t = 0;
    this.mode = this.textMode(s);
    if (this.mode === 'chars') {
      for (const ch of s) if (ch !== ' ') tokens[t++] = ch.codePointAt(0)!;
      return t;
    }
    for (const seg of wordSegmenter().segment(s)) {
      if (!seg.isWordLike) continue;
      const w = seg.segment;
      let h = FNV_OFFSET;
      for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
      tokens[t++] = h;
    }
    return t;
  }
}

let shared: Shingler | undefined;

/** Shingle hashes of a text (normalised here), in text order with repeats. */
export function shingles(text: string, options: { ngram?: number } = {}): Uint32Array {
  const ngram = options.ngram ?? DEFAULT_NGRAM;
  if (shared?.ngram !== ngram) shared = new Shingler(ngram);
  const s = shared;
  const n = s.run(normalizeForHash(text)); // first: run may replace `hashes` with a larger buffer
  return s.hashes.slice(0, n);
}

/** The set of shingle hashes of a text: sorted ascending, no repeats. */
export function shingleSet(text: string, options: { ngram?: number } = {}): Uint32Array {
  return sortedUnique(shingles(text, options));
}

/** Sorts `a` in place and returns the prefix holding each value once. */
export function sortedUnique(a: Uint32Array): Uint32Array {
  a.sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[n - 1]) a[n++] = a[i]!;
  return a.subarray(0, n);
}
