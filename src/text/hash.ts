/**
 * Fast non-cryptographic hashes for text checks, written for V8: 32-bit arithmetic with Math.imul,
 * no allocation. Strings are hashed as their UTF-16 code units (little-endian, two units per 32-bit
 * block), which is exactly MurmurHash3 of the string's UTF-16LE bytes, so values are stable across
 * platforms and match any reference implementation fed those bytes.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function mixK1(k: number): number {
  return Math.imul(rotl(Math.imul(k, C1), 15), C2);
}

function mixH1(h: number, k: number): number {
  h ^= mixK1(k);
  return (Math.imul(rotl(h, 13), 5) + 0xe6546b64) | 0;
}

/** MurmurHash3_x86_32 of `s` as UTF-16LE bytes. */
export function murmur3String(s: string, seed = 0): number {
  const n = s.length;
  let h = seed | 0;
  let i = 0;
  for (; i + 1 < n; i += 2) h = mixH1(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < n) h ^= mixK1(s.charCodeAt(i));
  return fmix32(h ^ (n * 2));
}

/** MurmurHash3_x86_32 of `count` 32-bit words of `words` from `start` (the words' little-endian bytes). */
export function murmur3Words(words: ArrayLike<number>, start: number, count: number, seed = 0): number {
  let h = seed | 0;
  const end = start + count;
  for (let i = start; i < end; i++) h = mixH1(h, words[i]!);
  return fmix32(h ^ (count * 4));
}

/** MurmurHash3_x86_32 of bytes: the reference form, for checks against published values. */
export function murmur3Bytes(b: Uint8Array, seed = 0): number {
  const n = b.length;
  let h = seed | 0;
  let i = 0;
  for (; i + 3 < n; i += 4) h = mixH1(h, b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
  let k = 0;
  switch (n & 3) {
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the reference algorithm falls through
    case 3:
      k ^= b[i + 2]! << 16;
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the reference algorithm falls through
    case 2:
      k ^= b[i + 1]! << 8;
    case 1:
      k ^= b[i]!;
      h ^= mixK1(k);
  }
  return fmix32(h ^ n);
}

const D1 = 0x239b961b;
const D2 = 0xab0e9789;
const D3 = 0x38b34ae5;
const D4 = 0xa1e38b93;

/**
 * MurmurHash3_x86_128 of 32-bit little-endian words: `word(i)` for i < ceil(bytes / 4), `bytes` the
 * input length in bytes (the last word holds the tail, zero-padded). Writes h1..h4 to out[at..at+3].
 */
function murmur128(
  word: (i: number) => number,
  bytes: number,
  seed: number,
  out: Uint32Array,
  at: number,
): void {
  let h1 = seed | 0;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const blocks = bytes >>> 4;
  for (let b = 0; b < blocks; b++) {
    const w = b * 4;
    h1 ^= Math.imul(rotl(Math.imul(word(w), D1), 15), D2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(word(w + 1), D2), 16), D3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(word(w + 2), D3), 17), D4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(word(w + 3), D4), 18), D1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const tail = bytes & 15;
  const w = blocks * 4;
  if (tail > 12) h4 ^= Math.imul(rotl(Math.imul(word(w + 3), D4), 18), D1);
  if (tail > 8) h3 ^= Math.imul(rotl(Math.imul(word(w + 2), D3), 17), D4);
  if (tail > 4) h2 ^= Math.imul(rotl(Math.imul(word(w + 1), D2), 16), D3);
  if (tail > 0) h1 ^= Math.imul(rotl(Math.imul(word(w), D1), 15), D2);
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  out[at] = h1;
  out[at + 1] = h2;
  out[at + 2] = h3;
  out[at + 3] = h4;
}

/** MurmurHash3_x86_128 of `s` as UTF-16LE bytes, written as four 32-bit words to out[at..at+3]. */
export function murmur3x128String(
  s: string,
  seed = 0,
  out: Uint32Array = new Uint32Array(4),
  at = 0,
): Uint32Array {
  const n = s.length;
  // Word i holds code units 2i and 2i+1; past the end, charCodeAt gives NaN, which `| 0` makes 0.
  murmur128((i) => s.charCodeAt(2 * i) | 0 | ((s.charCodeAt(2 * i + 1) | 0) << 16), n * 2, seed, out, at);
  return out;
}

/** MurmurHash3_x86_128 of UTF-16 code units units[0, n) as little-endian bytes (like the string form). */
export function murmur3x128Units(
  units: Uint16Array,
  n: number,
  seed: number,
  out: Uint32Array,
  at: number,
): void {
  const unit = (j: number) => (j < n ? units[j]! : 0);
  murmur128((i) => unit(2 * i) | (unit(2 * i + 1) << 16), n * 2, seed, out, at);
}

/** MurmurHash3_x86_128 of bytes (the reference form), as four 32-bit words. */
export function murmur3x128Bytes(b: Uint8Array, seed = 0): Uint32Array {
  const at = (j: number) => (j < b.length ? b[j]! : 0);
  const out = new Uint32Array(4);
  murmur128(
    (i) => at(4 * i) | (at(4 * i + 1) << 8) | (at(4 * i + 2) << 16) | (at(4 * i + 3) << 24),
    b.length,
    seed,
    out,
    0,
  );
  return out;
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of s[start, end): the hash of one word. */
export function fnv1a(s: string, start = 0, end = s.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
