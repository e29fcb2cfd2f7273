/**
 * The all-ASCII fast path of sketching, the common case: normalisation, the exact-duplicate key and
 * the word tokens in one pass over the text, without building the normalised string. The result is
 * the same as normalizeForHash, then exactKeyInto, then Shingler.run (a test checks on random text);
 * it only saves work (about a third of what happens to a text besides MinHash).
 */

import { FNV_OFFSET, FNV_PRIME, murmur3x128Units } from './hash.js';
import { ASCII, DELETE, SEPARATE, UPPER } from './normalize.js';
import type { Shingler } from './shingles.js';

let units = new Uint16Array(1024);

/**
 * Shingles an all-ASCII text into shingler.hashes and writes its exact key to key[at..at+3]; returns
 * the number of shingles, or -1 (having written nothing) when the text is not all ASCII.
 */
export function sketchAscii(text: string, shingler: Shingler, key: Uint32Array, at: number): number {
  const n = text.length;
  if (units.length < n) units = new Uint16Array(n + 1024);
  const out = units;
  const tokens = shingler.reserve(n + 1);
  let o = 0;
  let t = 0;
  let space = true; // at the start, separators are dropped
  let inWord = false;
  let h = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    const k = ASCII[c]!;
    if (k === DELETE) continue; // an apostrophe: "don't" is one word, "dont"
    if (k === SEPARATE) {
      if (inWord) {
        tokens[t++] = h;
        inWord = false;
      }
      if (!space) {
        out[o++] = 0x20;
        space = true;
      }
      continue;
    }
    if (k === UPPER) c += 0x20;
    out[o++] = c;
    space = false;
    // After normalisation a word is a run of letters and digits; the symbols $+<=>^`|~ end one.
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (!inWord) {
        inWord = true;
        h = FNV_OFFSET;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    } else if (inWord) {
      tokens[t++] = h;
      inWord = false;
    }
  }
  if (inWord) tokens[t++] = h;
  if (o > 0 && out[o - 1] === 0x20) o--;
  murmur3x128Units(out, o, 0, key, at);
  shingler.mode = 'words';
  return shingler.shingleTokens(t);
}
