/**
 * Word n-gram repetition measures of the Gopher repetition filter, after datatrove's
 * gopher_repetition_filter.py (find_top_duplicate, find_all_duplicate), on interned word ids.
 */
import { codePoints } from './text-units.js';

/** Word ids (equal words, equal ids) and a prefix sum of word lengths in code points. */
export interface WordTable {
  ids: Int32Array;
  /** chars[i] = code points of words 0..i-1, so words i..j-1 have chars[j] − chars[i]. */
  chars: Float64Array;
}

export function wordTable(ws: readonly string[]): WordTable {
  const index = new Map<string, number>();
  const ids = new Int32Array(ws.length);
  const chars = new Float64Array(ws.length + 1);
  ws.forEach((w, i) => {
    let id = index.get(w);
    if (id === undefined) {
      id = index.size;
      index.set(w, id);
    }
    ids[i] = id;
    chars[i + 1] = chars[i]! + codePoints(w);
  });
  return { ids, chars };
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A number per n-gram (index = first word): two rolling hashes of the word ids folded into 53
 * bits, instead of joined strings (five times faster). Two different n-grams of one text share
 * a key with probability about 2^-53 per pair.
 */
function ngramKeys(ids: Int32Array, n: number): Float64Array {
  const keys = new Float64Array(Math.max(0, ids.length - n + 1));
  const b1 = 0x01000193;
  const b2 = 0x9e3779b1 | 0;
  let p1 = 1;
  let p2 = 1;
  for (let k = 0; k < n; k++) {
    p1 = Math.imul(p1, b1);
    p2 = Math.imul(p2, b2);
  }
  const h1 = (i: number) => mix32(ids[i]! + 0x632be5ab);
  const h2 = (i: number) => mix32(Math.imul(ids[i]!, 0x27d4eb2f) ^ 0x165667b1);
  let g1 = 0;
  let g2 = 0;
  for (let j = 0; j < ids.length; j++) {
    g1 = (Math.imul(g1, b1) + h1(j)) | 0;
    g2 = (Math.imul(g2, b2) + h2(j)) | 0;
    if (j >= n) {
      g1 = (g1 - Math.imul(h1(j - n), p1)) | 0;
      g2 = (g2 - Math.imul(h2(j - n), p2)) | 0;
    }
    if (j >= n - 1) keys[j - n + 1] = (g1 >>> 0) * 2097152 + (g2 >>> 11);
  }
  return keys;
}

/**
 * datatrove's find_top_duplicate: characters of the most frequent n-gram (words joined by one
 * space) times its count. Deviation: an n-gram seen once is not a repetition, so a text whose
 * n-grams are all distinct scores 0 (datatrove scores its first n-gram, which fails short texts
 * such as a chat turn of a dozen words).
 */
export function topNgramChars(words: WordTable, n: number): number {
  const keys = ngramKeys(words.ids, n);
  const counts = new Map<number, number>();
  let best = 0;
  let bestChars = 0;
  for (let i = 0; i < keys.length; i++) {
    const c = (counts.get(keys[i]!) ?? 0) + 1;
    counts.set(keys[i]!, c);
    if (c > best) {
      best = c;
      bestChars = words.chars[i + n]! - words.chars[i]! + n - 1;
    }
  }
  return best >= 2 ? best * bestChars : 0;
}

/**
 * datatrove's find_all_duplicate: walk the n-grams; on one already seen, count its characters
 * (words without separators) and jump past it, so overlapping repeats are not counted twice.
 */
export function duplicateNgramChars(words: WordTable, n: number): number {
  const keys = ngramKeys(words.ids, n);
  const seen = new Set<number>();
  let chars = 0;
  let i = 0;
  while (i < keys.length) {
    if (seen.has(keys[i]!)) {
      chars += words.chars[i + n]! - words.chars[i]!;
      i += n;
    } else {
      seen.add(keys[i]!);
      i++;
    }
  }
  return chars;
}
