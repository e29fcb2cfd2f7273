import { badInput } from '../../core/errors.js';
import { normalQuantile } from '../intervals.js';
import { checkConfidence, clamp01, DEFAULT_CONFIDENCE, type Interval } from './interval.js';
import { checkPpiInput, type PpiInput, type PpiInterval, ppiMoments } from './ppi.js';

export interface StratifiedPpiInterval extends Interval {
  /** Each stratum's own PPI++ estimate (empty strata: null), with its weight. */
  strata: ((PpiInterval & { weight: number }) | null)[];
  nLabelled: number;
  nTotal: number;
}

/**
 * Prediction-powered inference over a stratified audit (stratified PPI, Fisch et al. 2024): in each
 * stratum h, PPI++ on its audited records and its judge-scored records, with its own power-tuning
 * λ_h (a judge can be good on English and useless on Arabic); overall, θ̂ = Σ w_h θ̂_h with w_h the
 * stratum's share of the records, and Var(θ̂) = Σ w_h² Var(θ̂_h), the strata being sampled
 * independently. Unlike pooled PPI this stays unbiased when strata are sampled out of proportion
 * (a small language audited as heavily as a large one), and it is never wider than needed where the
 * judge's quality differs between strata.
 *
 * Every stratum with records needs at least two audited ones (its correction's variance is
 * estimated from them); a stratum with no records at all is skipped (weight 0).
 */
export function stratifiedPpi(
  strata: readonly PpiInput[],
  confidence = DEFAULT_CONFIDENCE,
): StratifiedPpiInterval {
  checkConfidence(confidence);
  if (strata.length === 0) throw badInput('a stratified estimate needs at least one stratum');
  const sizes = strata.map((s) => s.labelledHuman.length + s.unlabelledJudge.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) throw badInput('every stratum is empty');
  strata.forEach((s, i) => {
    if (sizes[i]! > 0) checkPpiInput(s, `stratum ${i + 1}: `);
  });
  const z = normalQuantile(1 - (1 - confidence) / 2);
  let theta = 0;
  let variance = 0;
  let nLabelled = 0;
  const out = strata.map((s, i) => {
    if (sizes[i] === 0) return null;
    const w = sizes[i]! / total;
    const m = ppiMoments(s, z);
    theta += w * m.theta;
    variance += w * w * m.variance;
    nLabelled += s.labelledHuman.length;
    const se = Math.sqrt(m.variance);
    return {
      estimate: clamp01(m.theta),
      lo: clamp01(m.theta - z * se),
      hi: clamp01(m.theta + z * se),
      confidence,
      lambda: m.lambda,
      nLabelled: s.labelledHuman.length,
      nTotal: sizes[i]!,
      weight: w,
    };
  });
  const se = Math.sqrt(variance);
  return {
    estimate: clamp01(theta),
    lo: clamp01(theta - z * se),
    hi: clamp01(theta + z * se),
    confidence,
    strata: out,
    nLabelled,
    nTotal: total,
  };
}
