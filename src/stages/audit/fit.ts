import { chiSquareGof, totalVariation } from '../../stats/divergence.js';

/**
 * How far observed counts are from a recipe's target shares: total variation distance (the share of
 * records that would have to move) and a chi-square goodness-of-fit test of the counts against the
 * targets. A value the recipe never asks for but records have (target 0) makes the statistic
 * infinite (stored as null) and the p-value 0: it cannot come from the recipe.
 */
export interface TargetFit {
  tvd: number;
  chiSquare: { statistic: number | null; df: number; pValue: number } | null;
}

export function fitToTargets(values: readonly { count: number; target: number | null }[]): TargetFit | null {
  const counts = values.map((v) => v.count);
  const targets = values.map((v) => v.target ?? 0);
  if (!counts.some((c) => c > 0) || !targets.some((t) => t > 0)) return null;
  const chi = chiSquareGof(counts, targets);
  return {
    tvd: totalVariation(counts, targets),
    chiSquare: {
      statistic: Number.isFinite(chi.statistic) ? chi.statistic : null,
      df: chi.df,
      pValue: chi.pValue,
    },
  };
}
