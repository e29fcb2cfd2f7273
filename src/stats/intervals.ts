/**
 * Confidence intervals: the Wilson score interval for a proportion, and a percentile bootstrap over
 * units (items) for any statistic that can be computed from how often each unit was drawn. Pure
 * functions, no I/O; the bootstrap is seeded so a result can be reproduced exactly.
 */

import { seededRandom } from '../core/random.js';

export const DEFAULT_LEVEL = 0.95;
export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 1;

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1))
    throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
}

// Acklam's rational approximation of the inverse normal CDF (relative error below 1.2e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

const poly = (c: number[], x: number) => c.reduce((acc, k) => acc * x + k, 0);

/** The standard normal quantile: z such that P(Z ≤ z) = p, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/**
 * Wilson score interval for `successes` out of `trials` (Wilson 1927). Unlike the normal ("Wald")
 * interval it stays inside [0, 1] and behaves at 0/n and n/n, so it suits small samples and
 * agreement rates near 1.
 */
export function wilsonInterval(successes: number, trials: number, level = DEFAULT_LEVEL): [number, number] {
  checkLevel(level);
  if (!(Number.isInteger(trials) && trials > 0)) throw new RangeError(`trials must be a whole number > 0`);
  if (!(successes >= 0 && successes <= trials)) throw new RangeError(`successes must be in [0, trials]`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const p = successes / trials;
  const denom = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [
    successes === 0 ? 0 : Math.max(0, center - half),
    successes === trials ? 1 : Math.min(1, center + half),
  ];
}

/** The p-quantile of sorted values, interpolating linearly between order statistics (Hyndman–Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  return a + (h - lo) * (sorted[lo + 1]! - a);
}

export interface BootstrapOptions {
  /** Resamples to draw (default 1000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed of the generator (default 1): the same seed and data give the same interval. */
  seed?: number;
}

export interface BootstrapInterval {
  low: number;
  high: number;
  level: number;
  resamples: number;
  seed: number;
  /** Resamples where the statistic was undefined (NaN), e.g. every drawn value the same; left out. */
  failed: number;
}

/**
 * Percentile bootstrap over units. Each resample draws as many units as there are, with replacement,
 * and calls `statistic(weights)` where `weights[g]` is how many drawn units fall in group `g`.
 * `groupOf` gives each unit's group (units in one group contribute identically, so a metric can
 * collapse identical units and stay fast), or is the number of units when each is its own group.
 * `statistic` must not keep or modify `weights`; it returns NaN when undefined on a resample, and
 * such resamples are counted in `failed` and left out of the percentiles. With no defined resample at
 * all, `low` and `high` are NaN.
 */
export function bootstrapInterval(
  statistic: (weights: Float64Array) => number,
  groupOf: Int32Array | number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? DEFAULT_LEVEL;
  const seed = options.seed ?? DEFAULT_SEED;
  checkLevel(level);
  if (!(Number.isInteger(resamples) && resamples >= 1))
    throw new RangeError(`resamples must be a whole number ≥ 1, got ${resamples}`);
  const n = typeof groupOf === 'number' ? groupOf : groupOf.length;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError('the bootstrap needs at least one unit');
  let groups = n;
  if (typeof groupOf !== 'number') {
    groups = 0;
    for (let i = 0; i < n; i++) if (groupOf[i]! >= groups) groups = groupOf[i]! + 1;
  }

  const random = seededRandom(seed);
  const weights = new Float64Array(groups);
  const estimates = new Float64Array(resamples);
  const drawn = new Int32Array(n);
  let ok = 0;
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    random.indices(drawn, n);
    if (typeof groupOf === 'number') for (let i = 0; i < n; i++) weights[drawn[i]!]!++;
    else for (let i = 0; i < n; i++) weights[groupOf[drawn[i]!]!]!++;
    const v = statistic(weights);
    if (Number.isFinite(v)) estimates[ok++] = v;
  }
  const sorted = estimates.subarray(0, ok).sort();
  const tail = (1 - level) / 2;
  return {
    low: quantileSorted(sorted, tail),
    high: quantileSorted(sorted, 1 - tail),
    level,
    resamples,
    seed,
    failed: resamples - ok,
  };
}
