/**
 * MinHash signatures: for each of k seeded permutations h_i(x) = (a_i·x + b_i) mod p, the minimum of
 * h_i over a document's shingle hashes. Two documents agree at position i with probability equal to
 * the Jaccard similarity of their shingle sets, so the share of equal positions estimates it with
 * standard error sqrt(J(1−J)/k).
 *
 * Why p = 2^26 − 5, and why the arithmetic is exact. JavaScript numbers are doubles: integers are exact
 * below 2^53, and 64-bit products (datasketch's p = 2^61 − 1) would need BigInt or four-way split
 * multiplication, several times slower in the hot loop. With p < 2^26 and a, b, x < p:
 *   - y = a·x + b ≤ (p−1)² + (p−1) = p(p−1) < 2^52, so y is an exact double;
 *   - q = floor(y · INV), INV = fl(1/p), equals floor(y / p). Multiplying by the rounded reciprocal is
 *     25% faster than dividing, and exact for this p: INV = (1/p)(1 + δ) with δ = −4.1·10^-22 (a test
 *     checks |δ| < 2^-60 with BigInt). Write y/p = q + r/p, 0 ≤ r < p. The computed product differs
 *     from y/p by at most (y/p)|δ| + half an ulp < 2^26·2^-60 + 2^-28 < 1/p, while for r > 0 the
 *     integers q and q + 1 are both at least 1/p away from y/p: the floor is q. For r = 0, y·INV =
 *     q(1 + δ) lies within q·2^-60 of q, far less than half the spacing of doubles just below q
 *     (≥ q·2^-54), so it rounds to q itself;
 *   - q·p ≤ y < 2^53 is exact, and so is y − q·p = y mod p.
 * A test also compares this with BigInt arithmetic, edge values included. Shingle hashes (32 bits) are
 * reduced mod p once per shingle; two distinct shingles then collide with probability about 2^-26,
 * which biases a Jaccard estimate by far less than its sampling error.
 *
 * a_i ∈ [1, p) and b_i ∈ [0, p) come from a seeded generator (splitmix32 with rejection sampling), so
 * signatures are deterministic for a seed and comparable only between documents hashed with the same one.
 */

export const MINHASH_PRIME = 67108859; // 2^26 − 5, the largest prime below 2^26
export const DEFAULT_NUM_PERM = 128;
export const DEFAULT_SEED = 1;
/** The signature value of an empty set at every position: larger than any residue. */
export const EMPTY_VALUE = 0xffffffff;

const P = MINHASH_PRIME;
/** 1/p rounded to the nearest double (see the module comment for why flooring y·INV is exact). */
export const INV_PRIME = 1 / MINHASH_PRIME;
const INV = INV_PRIME;

export interface Permutations {
  readonly numPerm: number;
  readonly seed: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** splitmix32: a small, well-mixed 32-bit generator. */
function splitmix32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The k permutations for a seed. */
export function permutations(numPerm = DEFAULT_NUM_PERM, seed = DEFAULT_SEED): Permutations {
  if (!Number.isInteger(numPerm) || numPerm < 1) throw new RangeError('numPerm must be a positive integer');
  const next = splitmix32(seed);
  // Uniform in [0, m) for m ≤ 2^26: the top 26 bits, rejecting the few values ≥ m.
  const below = (m: number) => {
    for (;;) {
      const v = next() >>> 6;
      if (v < m) return v;
    }
  };
  const a = new Float64Array(numPerm);
  const b = new Float64Array(numPerm);
  for (let i = 0; i < numPerm; i++) {
    a[i] = 1 + below(P - 1);
    b[i] = below(P);
  }
  return { numPerm, seed, a, b };
}

/** Shingle hashes reduced mod p, as doubles: the x of h(x). */
export function reduceHashes(hashes: ArrayLike<number>, n: number, out: Float64Array): void {
  for (let j = 0; j < n; j++) {
    // h < 2^32 < p(p−1): the same exact reduction as in the loop below, and no slow double `%`.
    const h = hashes[j]! >>> 0;
    out[j] = h - Math.floor(h * INV) * P;
  }
}

/** (a·x + b) mod p for one permutation and one reduced shingle (the reference for the unrolled loop). */
export function permute(a: number, b: number, x: number): number {
  const y = a * x + b;
  return y - Math.floor(y * INV) * P;
}

/**
 * The signature of the n reduced shingles in x, written to out[at, at + k). Four permutations per pass
 * over the shingles: each shingle is loaded once per four and the four chains run in parallel.
 */
export function minhashInto(
  perms: Permutations,
  x: Float64Array,
  n: number,
  out: Uint32Array,
  at: number,
): void {
  const { a, b, numPerm: k } = perms;
  if (n === 0) {
    out.fill(EMPTY_VALUE, at, at + k);
    return;
  }
  let i = 0;
  for (; i + 3 < k; i += 4) {
    const a0 = a[i]!;
    const b0 = b[i]!;
    const a1 = a[i + 1]!;
    const b1 = b[i + 1]!;
    const a2 = a[i + 2]!;
    const b2 = b[i + 2]!;
    const a3 = a[i + 3]!;
    const b3 = b[i + 3]!;
    let m0 = P;
    let m1 = P;
    let m2 = P;
    let m3 = P;
    for (let j = 0; j < n; j++) {
      const v = x[j]!;
      const y0 = a0 * v + b0;
      const y1 = a1 * v + b1;
      const y2 = a2 * v + b2;
      const y3 = a3 * v + b3;
      // Residues are below 2^26: `| 0` makes them int32, so Math.min is an integer minimum.
      const r0 = (y0 - Math.floor(y0 * INV) * P) | 0;
      const r1 = (y1 - Math.floor(y1 * INV) * P) | 0;
      const r2 = (y2 - Math.floor(y2 * INV) * P) | 0;
      const r3 = (y3 - Math.floor(y3 * INV) * P) | 0;
      m0 = Math.min(m0, r0);
      m1 = Math.min(m1, r1);
      m2 = Math.min(m2, r2);
      m3 = Math.min(m3, r3);
    }
    out[at + i] = m0;
    out[at + i + 1] = m1;
    out[at + i + 2] = m2;
    out[at + i + 3] = m3;
  }
  for (; i < k; i++) {
    const ai = a[i]!;
    const bi = b[i]!;
    let m = P;
    for (let j = 0; j < n; j++) {
      const y = ai * x[j]! + bi;
      const r = (y - Math.floor(y * INV) * P) | 0;
      m = Math.min(m, r);
    }
    out[at + i] = m;
  }
}

/** The MinHash signature of a set of shingle hashes (repeats make no difference). */
export function minhash(
  shingleHashes: ArrayLike<number>,
  options: { numPerm?: number; seed?: number } | Permutations = {},
): Uint32Array {
  const perms =
    'a' in options
      ? options
      : permutations(options.numPerm ?? DEFAULT_NUM_PERM, options.seed ?? DEFAULT_SEED);
  const x = new Float64Array(shingleHashes.length);
  reduceHashes(shingleHashes, shingleHashes.length, x);
  const out = new Uint32Array(perms.numPerm);
  minhashInto(perms, x, shingleHashes.length, out, 0);
  return out;
}

/** The share of equal positions of two signatures of length k (at offsets aAt and bAt). */
export function estimateJaccard(
  a: Uint32Array,
  b: Uint32Array,
  aAt = 0,
  bAt = 0,
  k = a.length - aAt,
): number {
  let same = 0;
  for (let i = 0; i < k; i++) if (a[aAt + i] === b[bAt + i]) same++;
  return same / k;
}
