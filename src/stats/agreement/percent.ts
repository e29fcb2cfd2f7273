/**
 * Pairwise percent agreement: for each item with two or more values, the share of pairs of its
 * annotators who gave the same value, Σ_c n_c (n_c − 1) / (m (m − 1)); then the mean over items (each
 * item counts once, however many annotators it had). With two annotators this is the share of items
 * they agree on. No correction for chance: use it next to a kappa or alpha, not instead.
 */

import { badInput } from '../../core/errors.js';
import type { ReliabilityData } from './data.js';
import { type Resampling, valueProfiles } from './profiles.js';

export interface PercentResult {
  agreement: number;
  /** Items with two or more values. */
  items: number;
  annotators: number;
  /** When every compared item has exactly two values: the items the two agree on (a binomial count). */
  agreed: number | null;
}

export function percentAgreement(data: ReliabilityData): PercentResult {
  return preparePercent(data).result;
}

export function preparePercent(data: ReliabilityData): { result: PercentResult; resampling: Resampling } {
  const p = valueProfiles(data, 2);
  if (p.size === 0)
    throw badInput(
      `percent agreement needs items with two or more values to compare, and no item has more than one`,
    );
  const share = new Float64Array(p.size);
  let pairsOnly = true;
  for (let q = 0; q < p.size; q++) {
    const m = p.total[q]!;
    if (m !== 2) pairsOnly = false;
    let s = 0;
    for (let j = p.start[q]!; j < p.start[q + 1]!; j++) s += p.count[j]! * (p.count[j]! - 1);
    share[q] = s / (m * (m - 1));
  }
  const statistic = (w: Float64Array) => {
    let sum = 0;
    let items = 0;
    for (let q = 0; q < p.size; q++) {
      sum += w[q]! * share[q]!;
      items += w[q]!;
    }
    return sum / items;
  };
  let agreed = 0;
  for (let q = 0; q < p.size; q++) agreed += p.multiplicity[q]! * share[q]!;
  const result: PercentResult = {
    agreement: statistic(p.multiplicity),
    items: p.groupOf.length,
    annotators: p.annotators,
    agreed: pairsOnly ? Math.round(agreed) : null,
  };
  return { result, resampling: { statistic, groupOf: p.groupOf } };
}
