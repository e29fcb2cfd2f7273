import { badInput } from '../../core/errors.js';
import { normalQuantile } from '../intervals.js';
import { checkConfidence, DEFAULT_CONFIDENCE, type Interval, wilsonAt } from './interval.js';

/** One stratum of an audit: how many records it holds, how many were audited, how many were wrong. */
export interface Stratum {
  /** Records in the stratum (the population), which sets its weight. */
  size: number;
  /** Records audited, drawn at random without replacement from the stratum. */
  n: number;
  /** Audited records with the property being counted (e.g. found wrong). */
  successes: number;
}

export interface StratifiedInterval extends Interval {
  /** The sample size a simple random sample would need for the same precision (Kish's effective n). */
  effectiveN: number;
  /** Records audited over all strata. */
  n: number;
}

/**
 * The proportion of a stratified population: each stratum's sample rate weighted by its share of the
 * records, with a Wilson score interval at the design's effective sample size (Korn and Graubard
 * 1998; Dean and Pagano 2015 found this the best-covering simple interval for survey proportions).
 *
 * The effective sample size is p(1 − p) / Var(p̂). The variance uses each stratum's finite-population
 * correction (an audit draws without replacement, so a fully audited stratum adds no uncertainty)
 * and a rate shrunk by half a success and half a failure, (x + ½)/(n + 1): with the raw rate a
 * stratum whose sample happened to hold no errors would count as certain and make the interval far
 * too narrow. With one stratum of unbounded size this is exactly the Wilson interval.
 *
 * Strata of size 0 are skipped; a stratum with records but no audited record cannot be estimated and
 * is bad input, as is a sample larger than its stratum.
 */
export function stratifiedProportion(
  strata: readonly Stratum[],
  confidence = DEFAULT_CONFIDENCE,
): StratifiedInterval {
  checkConfidence(confidence);
  if (strata.length === 0) throw badInput('a stratified estimate needs at least one stratum');
  let total = 0;
  strata.forEach((s, i) => {
    const where = `stratum ${i + 1}`;
    if (!(Number.isSafeInteger(s.size) && s.size >= 0))
      throw badInput(`${where}: size must be a whole number ≥ 0, got ${s.size}`);
    if (!(Number.isSafeInteger(s.n) && s.n >= 0 && s.n <= s.size))
      throw badInput(
        `${where}: the sample (${s.n}) must be a whole number between 0 and the stratum size ${s.size}`,
      );
    if (!(Number.isSafeInteger(s.successes) && s.successes >= 0 && s.successes <= s.n))
      throw badInput(
        `${where}: the count (${s.successes}) must be a whole number between 0 and the sample ${s.n}`,
      );
    if (s.size > 0 && s.n === 0) throw badInput(`${where}: ${s.size} records but none audited`);
    total += s.size;
  });
  if (total === 0) throw badInput('every stratum is empty');

  let estimate = 0;
  let shrunk = 0;
  let variance = 0;
  let n = 0;
  for (const s of strata) {
    if (s.size === 0) continue;
    const w = s.size / total;
    const rate = s.successes / s.n;
    const tilde = (s.successes + 0.5) / (s.n + 1);
    // SRS without replacement: Var(p̂_h) = (N − n)/(N − 1) · p(1 − p)/n.
    const fpc = s.size > 1 ? (s.size - s.n) / (s.size - 1) : 0;
    estimate += w * rate;
    shrunk += w * tilde;
    variance += ((w * w * fpc) / s.n) * tilde * (1 - tilde);
    n += s.n;
  }
  estimate = Math.min(1, Math.max(0, estimate));
  if (variance === 0) return { estimate, lo: estimate, hi: estimate, confidence, effectiveN: Infinity, n };
  const effectiveN = (shrunk * (1 - shrunk)) / variance;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const { lo, hi } = wilsonAt(estimate, effectiveN, z);
  return { estimate, lo, hi, confidence, effectiveN, n };
}
