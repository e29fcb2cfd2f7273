/**
 * Fleiss' kappa (Fleiss 1971) for any number of annotators on nominal data, in the generalisation
 * to items with different numbers of ratings given by Gwet (2014, Handbook of Inter-Rater
 * Reliability, 4th ed., ch. 2; the irrCAC package's fleiss.kappa.raw):
 *
 *   p_a = mean over items with r_i ≥ 2 of Σ_c r_ic (r_ic − 1) / (r_i (r_i − 1))
 *   π_c = mean over items with r_i ≥ 1 of r_ic / r_i
 *   p_e = Σ_c π_c²,   kappa = (p_a − p_e) / (1 − p_e)
 *
 * With the same number of ratings on every item this is exactly Fleiss' original statistic. An item
 * with a single rating compares nothing, but still tells how often each category is used.
 */

import { badInput } from '../../core/errors.js';
import type { ReliabilityData } from './data.js';
import { noVariation, type Resampling, valueProfiles } from './profiles.js';

export interface FleissResult {
  kappa: number;
  /** Mean pairwise agreement p_a. */
  observedAgreement: number;
  /** Chance agreement p_e. */
  expectedAgreement: number;
  /** Items with two or more ratings (those p_a averages over). */
  items: number;
  /** Items with at least one rating (those π averages over). */
  rated: number;
  annotators: number;
}

export function fleissKappa(data: ReliabilityData): FleissResult {
  return prepareFleiss(data).result;
}

export function prepareFleiss(data: ReliabilityData): { result: FleissResult; resampling: Resampling } {
  const p = valueProfiles(data, 1);
  const k = data.categories.length;
  // Per profile: its pairwise agreement (NaN below two ratings).
  const agreement = new Float64Array(p.size);
  for (let q = 0; q < p.size; q++) {
    const m = p.total[q]!;
    let s = 0;
    for (let j = p.start[q]!; j < p.start[q + 1]!; j++) s += p.count[j]! * (p.count[j]! - 1);
    agreement[q] = m >= 2 ? s / (m * (m - 1)) : Number.NaN;
  }
  const pi = new Float64Array(k);

  const parts = (w: Float64Array) => {
    pi.fill(0);
    let rated = 0;
    let pairable = 0;
    let sum = 0;
    for (let q = 0; q < p.size; q++) {
      const wq = w[q]!;
      if (wq === 0) continue;
      rated += wq;
      const m = p.total[q]!;
      for (let j = p.start[q]!; j < p.start[q + 1]!; j++) pi[p.code[j]!]! += (wq * p.count[j]!) / m;
      if (m >= 2) {
        pairable += wq;
        sum += wq * agreement[q]!;
      }
    }
    let pe = 0;
    let distinct = 0;
    let only = 0;
    for (let c = 0; c < k; c++) {
      if (pi[c]! > 0) {
        distinct++;
        only = c;
      }
      const share = pi[c]! / rated;
      pe += share * share;
    }
    const pa = sum / pairable;
    return { pa, pe, pairable, rated, distinct, only };
  };

  const r = parts(p.multiplicity);
  if (r.pairable === 0)
    throw badInput(
      `Fleiss' kappa needs items with two or more ratings to compare, and no item has more than one`,
    );
  if (r.distinct < 2) throw badInput(noVariation(data.categories[r.only]));
  const result: FleissResult = {
    kappa: (r.pa - r.pe) / (1 - r.pe),
    observedAgreement: r.pa,
    expectedAgreement: r.pe,
    items: r.pairable,
    rated: r.rated,
    annotators: p.annotators,
  };
  const statistic = (w: Float64Array) => {
    const s = parts(w);
    return s.pairable === 0 || s.distinct < 2 ? Number.NaN : (s.pa - s.pe) / (1 - s.pe);
  };
  return { result, resampling: { statistic, groupOf: p.groupOf } };
}
