import { badInput } from '../../core/errors.js';
import { normalQuantile } from '../intervals.js';
import { checkConfidence, clamp01, DEFAULT_CONFIDENCE, type Interval } from './interval.js';

/**
 * What prediction-powered inference combines: the human verdicts on an audited random sample, the
 * judge's verdicts on those same records, and the judge's verdicts on the records nobody audited.
 * Values are 0/1 verdicts (or judge probabilities) in [0, 1].
 */
export interface PpiInput {
  labelledHuman: ArrayLike<number>;
  labelledJudge: ArrayLike<number>;
  unlabelledJudge: ArrayLike<number>;
}

export interface PpiInterval extends Interval {
  /** The power-tuning weight on the judge, in [0, 1]: 0 ignores the judge (the sample mean alone). */
  lambda: number;
  nLabelled: number;
  /** Labelled plus unlabelled records. */
  nTotal: number;
}

function checkValues(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1)) throw badInput(`${what}[${i}] must be a number in [0, 1], got ${v}`);
  }
}

function mean(values: ArrayLike<number>, scale = 1): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length === 0 ? 0 : (s * scale) / values.length;
}

/** Sample variance (n − 1 in the denominator); 0 for fewer than two values. */
function variance(values: ArrayLike<number>, m: number): number {
  if (values.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - m;
    s += d * d;
  }
  return s / (values.length - 1);
}

/**
 * The mean of the human verdict over all records (a dataset's error rate, say) by PPI++
 * (Angelopoulos, Duchi and Zrnic 2023, "PPI++: Efficient Prediction-Powered Inference"):
 *
 *   θ̂ = λ · mean(judge on unlabelled) + mean(human − λ · judge on labelled).
 *
 * The second term corrects the judge's bias on the audited sample, so θ̂ is unbiased whatever the
 * judge is worth. λ is tuned to minimise the variance, λ = Cov(human, judge) / ((1 + n/N) Var(judge))
 * (the paper's λ̂ for a mean), and clipped to [0, 1]: a judge that says nothing about the human
 * verdict gets λ ≈ 0 and the estimate falls back to the audited sample's mean; a good judge gets
 * λ ≈ 1 and the unlabelled records narrow the interval. The interval is the CLT one,
 * θ̂ ± z · sqrt(λ² Var(judge on unlabelled)/N + Var(human − λ · judge on labelled)/n), clipped to
 * [0, 1], with the human verdicts' variance inside the second term taken at the Agresti–Coull centre
 * (see below) so it keeps its coverage when errors are rare. It is still asymptotic: with a handful
 * of audited records, prefer `wilson`.
 *
 * Needs at least two audited records (the variance of the correction is estimated from them).
 */
export function ppiProportion(input: PpiInput, confidence = DEFAULT_CONFIDENCE): PpiInterval {
  checkConfidence(confidence);
  checkPpiInput(input);
  const n = input.labelledHuman.length;
  const N = input.unlabelledJudge.length;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const { theta, variance: v, lambda } = ppiMoments(input, z);
  const se = Math.sqrt(v);
  return {
    estimate: clamp01(theta),
    lo: clamp01(theta - z * se),
    hi: clamp01(theta + z * se),
    confidence,
    lambda,
    nLabelled: n,
    nTotal: n + N,
  };
}

/** Bad input for PPI: verdict counts that do not pair, fewer than 2 audited records, values outside [0, 1]. */
export function checkPpiInput(input: PpiInput, where = ''): void {
  const { labelledHuman: y, labelledJudge: f, unlabelledJudge: u } = input;
  if (y.length !== f.length)
    throw badInput(
      `${where}the audited sample has ${y.length} human verdicts but ${f.length} judge verdicts: each audited record needs both`,
    );
  if (y.length < 2)
    throw badInput(`${where}prediction-powered inference needs at least 2 audited records, got ${y.length}`);
  checkValues(y, `${where}labelledHuman`);
  checkValues(f, `${where}labelledJudge`);
  checkValues(u, `${where}unlabelledJudge`);
}

/**
 * PPI++'s point estimate, the variance of it and λ, for inputs already checked (n ≥ 2, values in
 * [0, 1]); `z` sets the Agresti–Coull centre. The stratified estimate combines these per stratum.
 */
export function ppiMoments(input: PpiInput, z: number): { theta: number; variance: number; lambda: number } {
  const { labelledHuman: y, labelledJudge: f, unlabelledJudge: u } = input;
  const n = y.length;
  const N = u.length;
  const yBar = mean(y);
  const fBar = mean(f);
  const uBar = mean(u);

  let lambda = 0;
  if (N > 0) {
    let cov = 0;
    for (let i = 0; i < n; i++) cov += (y[i]! - yBar) * (f[i]! - fBar);
    cov /= n - 1;
    // The judge's variance over every record it scored, labelled and unlabelled.
    const allBar = (fBar * n + uBar * N) / (n + N);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (f[i]! - allBar) ** 2;
    for (let i = 0; i < N; i++) ss += (u[i]! - allBar) ** 2;
    const varJudge = ss / (n + N - 1);
    if (varJudge > 0) lambda = Math.min(1, Math.max(0, cov / ((1 + n / N) * varJudge)));
  }

  const theta = lambda * uBar + yBar - lambda * fBar;
  const rectifier = new Float64Array(n);
  for (let i = 0; i < n; i++) rectifier[i] = y[i]! - lambda * f[i]!;
  // Small-sample correction: a CLT interval for a proportion undercovers when errors are rare, since
  // a sample with fewer errors also gets a smaller standard error (93% instead of 95% at a 5% rate
  // and n = 200 in the simulation tests). Taking the human verdicts' variance at the Agresti–Coull
  // centre (x + z²/2)/(n + z²) instead of at x/n fixes that, as it does for the Wald interval
  // (Agresti and Coull 1998), and vanishes as n grows, leaving the PPI++ interval.
  const centre = (yBar * n + (z * z) / 2) / (n + z * z);
  const inflation = Math.max(0, centre * (1 - centre) - yBar * (1 - yBar)) * (n / (n - 1));
  const rectifierVariance = variance(rectifier, yBar - lambda * fBar) + inflation;
  return {
    theta,
    variance: (lambda * lambda * variance(u, uBar)) / Math.max(N, 1) + rectifierVariance / n,
    lambda,
  };
}
