/**
 * Tokens and n-gram hashes for decontamination: normalisation (NFKC, lower case), a scanner that
 * splits a text into words and hashes each while reading it (two independent 32-bit hashes), and
 * rolling hashes of n consecutive words. See ../decontaminate.ts for what a word is.
 */

const WORD = 1;
const UNSPACED = 2;
const SEPARATOR = 3;
/** Classes of BMP code units, filled lazily (0 = not yet classified). */
const bmpClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const word = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  bmpClass[c] = word ? WORD : SEPARATOR;
}
const UNSPACED_RE =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;

function classify(cp: number): number {
  if (cp < 0x10000) {
    const k = bmpClass[cp]!;
    if (k !== 0) return k;
  }
  const ch = String.fromCodePoint(cp);
  const k = UNSPACED_RE.test(ch) ? UNSPACED : WORD_RE.test(ch) ? WORD : SEPARATOR;
  if (cp < 0x10000) bmpClass[cp] = k;
  return k;
}

/** murmur3's finaliser: spreads every input bit over the 32 output bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Words of a normalised text: two hashes and the [start, end) span of each. */
export class Words {
  h1 = new Int32Array(1024);
  h2 = new Int32Array(1024);
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  length = 0;

  push(h1: number, h2: number, start: number, end: number): void {
    if (this.length === this.h1.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.h1 = grow(this.h1);
      this.h2 = grow(this.h2);
      this.start = grow(this.start);
      this.end = grow(this.end);
    }
    const i = this.length++;
    this.h1[i] = fmix32(h1);
    this.h2[i] = fmix32(h2 ^ Math.imul(end - start, 0x9e3779b1));
    this.start[i] = start;
    this.end[i] = end;
  }

  /** Tokenises a normalised text into this buffer (replacing its contents). */
  scan(norm: string): void {
    this.length = 0;
    const len = norm.length;
    let inWord = false;
    let h1 = 0;
    let h2 = 0;
    let ws = 0;
    for (let i = 0; i < len; ) {
      let c = norm.charCodeAt(i);
      let width = 1;
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < len) {
        const d = norm.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      const k = c < 0x10000 && bmpClass[c] !== 0 ? bmpClass[c]! : classify(c);
      if (k === WORD) {
        if (!inWord) {
          inWord = true;
          h1 = 0x811c9dc5;
          h2 = 0x2545f491;
          ws = i;
        }
        if (c >= 0x41 && c <= 0x5a) c |= 0x20; // ASCII upper case (normalise() skips ASCII texts)
        h1 = Math.imul(h1 ^ c, 0x01000193); // FNV-1a
        h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ c;
      } else {
        if (inWord) {
          this.push(h1, h2, ws, i);
          inWord = false;
        }
        if (k === UNSPACED) {
          this.push(
            Math.imul(0x811c9dc5 ^ c, 0x01000193),
            Math.imul(0x2545f491, 0x5bd1e995) ^ c,
            i,
            i + width,
          );
        }
      }
      i += width;
    }
    if (inWord) this.push(h1, h2, ws, len);
  }
}

/**
 * NFKC and lower case. ASCII text is returned as it is (NFKC leaves it alone and the scanner folds
 * ASCII capitals itself): a fifth of the scanning time otherwise.
 */
export function normalise(text: string): string {
  return /[^\p{ASCII}]/u.test(text) ? text.normalize('NFKC').toLowerCase() : text;
}

/** The normalised words of a text, as decontamination compares them. */
export function normalizedWords(text: string): string[] {
  const norm = normalise(text);
  const w = new Words();
  w.scan(norm);
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(norm.slice(w.start[i], w.end[i]).toLowerCase());
  return out;
}

const B1 = 0x01000193;
const B2 = 0x9e3779b1 | 0;

function pow32(b: number, e: number): number {
  let r = 1;
  for (let i = 0; i < e; i++) r = Math.imul(r, b);
  return r;
}

/** N-gram hashes of a word buffer, reused between texts. */
export class Ngrams {
  g1 = new Int32Array(1024);
  g2 = new Int32Array(1024);
  length = 0;
  private readonly p1: number;
  private readonly p2: number;

  constructor(readonly n: number) {
    this.p1 = pow32(B1, n);
    this.p2 = pow32(B2, n);
  }

  /**
   * Rolling hashes, g = Σ h[k]·B^(n-1-k) mod 2^32, updated in O(1) per word; entry i is the
   * n-gram starting at word i.
   */
  compute(w: Words): void {
    const n = this.n;
    this.length = Math.max(0, w.length - n + 1);
    if (this.g1.length < this.length) {
      this.g1 = new Int32Array(this.length * 2);
      this.g2 = new Int32Array(this.length * 2);
    }
    const { h1, h2 } = w;
    const { g1: out1, g2: out2, p1, p2 } = this;
    let g1 = 0;
    let g2 = 0;
    for (let j = 0; j < w.length; j++) {
      g1 = (Math.imul(g1, B1) + h1[j]!) | 0;
      g2 = (Math.imul(g2, B2) + h2[j]!) | 0;
      if (j >= n) {
        g1 = (g1 - Math.imul(h1[j - n]!, p1)) | 0;
        g2 = (g2 - Math.imul(h2[j - n]!, p2)) | 0;
      }
      if (j >= n - 1) {
        out1[j - n + 1] = g1;
        out2[j - n + 1] = g2;
      }
    }
  }
}
