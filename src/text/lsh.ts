/**
 * Locality-sensitive hashing of MinHash signatures by banding: the k positions are cut into b bands of
 * r rows; two documents become a candidate pair when all r rows of some band agree. A pair of Jaccard
 * similarity s becomes a candidate with probability 1 − (1 − s^r)^b, an S-curve whose steep part sits
 * near (1/b)^(1/r).
 *
 * b and r are chosen as datasketch's `_optimal_param` does: over every b ≥ 1 and r ≥ 1 with b·r ≤ k,
 * minimise w_fp·FP + w_fn·FN, where FP is the area under the S-curve left of the threshold (pairs below
 * it that still become candidates) and FN the area above the curve right of it (pairs above it that
 * are missed); the first minimum in (b, r) order wins, as in datasketch.
 */

import { murmur3Words } from './hash.js';

export interface BandRows {
  bands: number;
  rows: number;
}

export interface ErrorWeights {
  falsePositive: number;
  falseNegative: number;
}

export const DATASKETCH_WEIGHTS: ErrorWeights = { falsePositive: 0.5, falseNegative: 0.5 };

/** The probability that a pair of similarity s becomes a candidate with b bands of r rows. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

// Gauss–Legendre nodes and weights on [-1, 1], by Newton's method on the Legendre polynomial.
const GL_POINTS = 10;
const GL_PANELS = 32;
const [NODES, WEIGHTS] = (() => {
  const n = GL_POINTS;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = 0;
      for (let j = 1; j <= n; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
      }
      dp = (n * (z * p0 - p1)) / (z * z - 1);
      const dz = p0 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return [x, w];
})();

/** ∫ f over [lo, hi] by composite Gauss–Legendre (32 panels of 10 points): the integrands here are
 * smooth polynomials of degree ≤ k, integrated to about 1e-13. */
export function integrate(f: (s: number) => number, lo: number, hi: number): number {
  const h = (hi - lo) / GL_PANELS;
  let sum = 0;
  for (let p = 0; p < GL_PANELS; p++) {
    const mid = lo + (p + 0.5) * h;
    for (let i = 0; i < GL_POINTS; i++) sum += WEIGHTS[i]! * f(mid + (NODES[i]! * h) / 2);
  }
  return (sum * h) / 2;
}

/** Area under the S-curve below the threshold: the false-positive "probability" datasketch minimises. */
export function falsePositiveArea(threshold: number, bands: number, rows: number): number {
  return integrate((s) => candidateProbability(s, bands, rows), 0, threshold);
}

/** Area above the S-curve from the threshold to 1: the false-negative "probability". */
export function falseNegativeArea(threshold: number, bands: number, rows: number): number {
  return integrate((s) => 1 - candidateProbability(s, bands, rows), threshold, 1);
}

/** The weighted error that `optimalBandRows` minimises. */
export function bandingError(threshold: number, bands: number, rows: number, w: ErrorWeights): number {
  return (
    w.falsePositive * falsePositiveArea(threshold, bands, rows) +
    w.falseNegative * falseNegativeArea(threshold, bands, rows)
  );
}

const chosen = new Map<string, BandRows>();

/** b and r (b·r ≤ numPerm) minimising the weighted false-positive and false-negative areas. */
export function optimalBandRows(
  threshold: number,
  numPerm: number,
  weights: ErrorWeights = DATASKETCH_WEIGHTS,
): BandRows {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('threshold must be in (0, 1]');
  const key = `${threshold} ${numPerm} ${weights.falsePositive} ${weights.falseNegative}`;
  const known = chosen.get(key);
  if (known) return { ...known };
  let best = Number.POSITIVE_INFINITY;
  let opt: BandRows = { bands: 1, rows: 1 };
  for (let b = 1; b <= numPerm; b++) {
    for (let r = 1; r <= Math.floor(numPerm / b); r++) {
      const e = bandingError(threshold, b, r, weights);
      if (e < best) {
        best = e;
        opt = { bands: b, rows: r };
      }
    }
  }
  chosen.set(key, opt);
  return { ...opt };
}

/** The b band hashes of the signature at sig[at, at + b·r), written to out[outAt, outAt + b). */
export function bandHashesInto(
  sig: Uint32Array,
  at: number,
  { bands, rows }: BandRows,
  out: Uint32Array,
  outAt: number,
): void {
  for (let j = 0; j < bands; j++) out[outAt + j] = murmur3Words(sig, at + j * rows, rows, j);
}

/** Scratch for `forEachBucket`, reusable across bands. */
export class BucketSorter {
  private keys2: Uint32Array;
  private ids2: Uint32Array;
  private readonly counts = new Uint32Array(0x10000);
  constructor(capacity: number) {
    this.keys2 = new Uint32Array(capacity);
    this.ids2 = new Uint32Array(capacity);
  }

  /**
   * Groups ids[0, n) by keys[0, n) (both reordered in place, by a two-pass radix sort, stable: ids in
   * ascending order stay ascending within a bucket) and calls `onBucket` for every bucket of two or more.
   */
  forEachBucket(
    keys: Uint32Array,
    ids: Uint32Array,
    n: number,
    onBucket: (ids: Uint32Array, start: number, end: number) => void,
  ): void {
    if (this.keys2.length < n) {
      this.keys2 = new Uint32Array(n);
      this.ids2 = new Uint32Array(n);
    }
    this.pass(keys, ids, this.keys2, this.ids2, n, 0);
    this.pass(this.keys2, this.ids2, keys, ids, n, 16);
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i === n || keys[i] !== keys[start]) {
        if (i - start > 1) onBucket(ids, start, i);
        start = i;
      }
    }
  }

  private pass(
    kIn: Uint32Array,
    iIn: Uint32Array,
    kOut: Uint32Array,
    iOut: Uint32Array,
    n: number,
    shift: number,
  ): void {
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(kIn[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let d = 0; d < 0x10000; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = kIn[i]!;
      const pos = counts[(k >>> shift) & 0xffff]!++;
      kOut[pos] = k;
      iOut[pos] = iIn[i]!;
    }
  }
}
