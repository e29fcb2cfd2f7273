import { usage } from '../../core/errors.js';

/** A point estimate of a proportion with its confidence interval, all in [0, 1]. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
  /** The confidence level the interval was computed at, e.g. 0.95. */
  confidence: number;
}

export const DEFAULT_CONFIDENCE = 0.95;

/** A level outside (0, 1) is a caller's mistake (a flag or a setting), so it is a usage error. */
export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1))
    throw usage(`confidence must be strictly between 0 and 1, got ${confidence}`);
}

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The Wilson score interval for an observed proportion `p` with an effective sample size `n` (which
 * need not be whole): the set of true rates θ with (p − θ)² ≤ z² θ(1 − θ)/n. With a whole `n` and
 * `p = x/n` it is Wilson (1927); a design-effect-adjusted `n` makes it the interval of Korn and
 * Graubard (1998) / Dean and Pagano (2015) for stratified samples.
 */
export function wilsonAt(p: number, n: number, z: number): { lo: number; hi: number } {
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: p <= 0 ? 0 : clamp01(center - half), hi: p >= 1 ? 1 : clamp01(center + half) };
}
