import { badInput } from '../core/errors.js';
import { chiSquareUpperTail } from './gamma.js';

/**
 * Distances between two distributions over the same categories, and a goodness-of-fit test of counts
 * against target shares: what a representation audit compares with a recipe's targets and what drift
 * compares between two versions. Inputs are counts or shares (each side is normalised to sum to 1);
 * the categories are matched by position.
 */

function normalise(values: readonly number[], what: string): Float64Array {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && Number.isFinite(v)))
      throw badInput(`${what}[${i}] must be a finite number ≥ 0, got ${v}`);
    sum += v;
  }
  if (!(sum > 0)) throw badInput(`${what} must have a positive total`);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! / sum;
  return out;
}

function pair(p: readonly number[], q: readonly number[]): [Float64Array, Float64Array] {
  if (p.length !== q.length)
    throw badInput(`the two distributions have ${p.length} and ${q.length} categories: they must match`);
  if (p.length === 0) throw badInput('the distributions have no categories');
  return [normalise(p, 'p'), normalise(q, 'q')];
}

/** Total variation distance, ½ Σ |pᵢ − qᵢ|: the largest gap in probability any set of categories can show; in [0, 1]. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  const [a, b] = pair(p, q);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return Math.min(1, s / 2);
}

/**
 * Jensen–Shannon distance in bits: the square root of the JS divergence ½ KL(p‖m) + ½ KL(q‖m) with
 * m = (p + q)/2, base 2 so it lies in [0, 1] (1 for disjoint supports). Unlike KL it is symmetric,
 * finite when a category is missing on one side, and a metric (Endres and Schindelin 2003).
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const [a, b] = pair(p, q);
  let js = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const m = (x + y) / 2;
    if (x > 0) js += 0.5 * x * Math.log2(x / m);
    if (y > 0) js += 0.5 * y * Math.log2(y / m);
  }
  return Math.sqrt(Math.min(1, Math.max(0, js)));
}

export interface ChiSquareResult {
  statistic: number;
  /** Degrees of freedom: categories with a positive expected share, minus one. */
  df: number;
  /** P(χ²_df ≥ statistic) under the hypothesis that the counts follow the shares. */
  pValue: number;
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against expected shares (normalised
 * to sum to 1), with the p-value from the regularised upper incomplete gamma function, accurate for
 * large df. A category with a zero share and no observation is left out (it lowers df); one with a
 * zero share but observations makes the statistic infinite and the p-value 0. The usual caution
 * applies: with expected counts below about 5 the chi-square approximation is rough.
 */
export function chiSquareGof(
  observed: readonly number[],
  expectedShares: readonly number[],
): ChiSquareResult {
  if (observed.length !== expectedShares.length)
    throw badInput(
      `${observed.length} observed counts but ${expectedShares.length} expected shares: they must match`,
    );
  if (observed.length === 0) throw badInput('the test needs at least one category');
  const shares = normalise(expectedShares, 'expectedShares');
  let total = 0;
  observed.forEach((o, i) => {
    if (!(o >= 0 && Number.isFinite(o)))
      throw badInput(`observed[${i}] must be a finite count ≥ 0, got ${o}`);
    total += o;
  });
  if (!(total > 0)) throw badInput('the observed counts must have a positive total');
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < observed.length; i++) {
    const o = observed[i]!;
    const e = total * shares[i]!;
    if (e === 0) {
      if (o > 0) statistic = Number.POSITIVE_INFINITY;
      continue;
    }
    categories++;
    statistic += ((o - e) * (o - e)) / e;
  }
  const df = categories - 1;
  if (df < 1)
    return {
      statistic: Number.isFinite(statistic) ? 0 : statistic,
      df: Math.max(df, 0),
      pValue: Number.isFinite(statistic) ? 1 : 0,
    };
  const pValue = Number.isFinite(statistic) ? chiSquareUpperTail(statistic, df) : 0;
  return { statistic, df, pValue };
}
