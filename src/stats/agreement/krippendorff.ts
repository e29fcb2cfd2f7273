/**
 * Krippendorff's alpha through the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability"): any number of annotators, missing values allowed, units with fewer than two
 * values are not pairable and ignored.
 *
 *   alpha = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * with o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1), n_c = Σ_k o_ck the pairable
 * values equal to c, and n = Σ_c n_c. The coincidence matrix is never materialised: since
 * Σ_ck o_ck δ²_ck = Σ_u Σ_ck n_uc n_uk δ²_ck / (m_u − 1), each unit contributes through its own value
 * counts, and the sums have closed forms for every metric but ratio:
 *
 * - nominal δ² = [c ≠ k]:        Σ_ck n_c n_k δ² = n² − Σ_c n_c²
 * - interval δ² = (c − k)²:      Σ_ck n_c n_k δ² = 2 n Σ_c n_c (c − c̄)²
 * - ordinal δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)² = (M_k − M_c)² with M_c = Σ_{g<c} n_g + n_c/2 the
 *   mid-rank of c among the pairable values: the interval form on mid-ranks.
 * - ratio δ² = ((c − k)/(c + k))²: summed over pairs of distinct values, O(k²) in distinct values.
 *
 * So the cost is one pass over the values plus O(k) (O(k²) for ratio), never O(n²).
 */

import { badInput } from '../../core/errors.js';
import { type Level, numericScores, type ReliabilityData } from './data.js';
import { noVariation, type Profiles, type Resampling, valueProfiles } from './profiles.js';

export interface AlphaResult {
  alpha: number;
  level: Level;
  /** Observed disagreement D_o. */
  observedDisagreement: number;
  /** Disagreement expected by chance D_e. */
  expectedDisagreement: number;
  /** Pairable units (items with two or more values). */
  items: number;
  /** Pairable values n. */
  values: number;
  annotators: number;
}

/**
 * The ratio metric has no closed form, so chance disagreement sums over pairs of distinct values:
 * 10,000 values are 5·10^7 pairs per evaluation (tens of milliseconds; a bootstrap repeats it per
 * resample). Beyond that, alpha at the ratio level refuses rather than runs for minutes.
 */
export const RATIO_MAX_VALUES = 10_000;

export function krippendorffAlpha(data: ReliabilityData, level: Level = 'nominal'): AlphaResult {
  return prepareAlpha(data, level).result;
}

/** Alpha and what the bootstrap needs to recompute it on resampled units. */
export function prepareAlpha(
  data: ReliabilityData,
  level: Level,
): { result: AlphaResult; resampling: Resampling } {
  const scores = level === 'nominal' ? null : numericScores(data, level, "Krippendorff's alpha");
  const profiles = valueProfiles(data, 2);
  if (profiles.size === 0)
    throw badInput(
      `Krippendorff's alpha needs items with two or more values to compare, and no item has more than one`,
    );
  if (level === 'ratio') {
    const used = new Uint8Array(data.categories.length);
    let k = 0;
    for (const c of profiles.code) if (used[c] === 0) k += used[c] = 1;
    if (k > RATIO_MAX_VALUES)
      throw badInput(
        `Krippendorff's alpha at the ratio level compares every pair of distinct values, and the items hold ${k} distinct values (at most ${RATIO_MAX_VALUES}); round the values, or use the interval level`,
      );
  }
  const alpha = alphaComputer(profiles, level, scores, data.categories.length);
  const parts = alpha(profiles.multiplicity);
  if (parts.distinct < 2) throw badInput(noVariation(data.categories[parts.only]));
  const value = 1 - ((parts.n - 1) * parts.observed) / parts.expected;
  const result: AlphaResult = {
    alpha: value,
    level,
    observedDisagreement: parts.observed / parts.n,
    expectedDisagreement: parts.expected / (parts.n * (parts.n - 1)),
    items: profiles.groupOf.length,
    values: parts.n,
    annotators: profiles.annotators,
  };
  const statistic = (w: Float64Array) => {
    const p = alpha(w);
    return p.distinct < 2 ? Number.NaN : 1 - ((p.n - 1) * p.observed) / p.expected;
  };
  return { result, resampling: { statistic, groupOf: profiles.groupOf } };
}

interface AlphaParts {
  /** Pairable values. */
  n: number;
  /** Σ_u Σ_ck n_uc n_uk δ²_ck / (m_u − 1). */
  observed: number;
  /** Σ_ck n_c n_k δ²_ck. */
  expected: number;
  /** Distinct values among the weighted units, and one of them. */
  distinct: number;
  only: number;
}

/** A function from profile weights to the sums alpha is made of. Scratch arrays are reused across calls. */
function alphaComputer(
  p: Profiles,
  level: Level,
  scores: Float64Array | null,
  k: number,
): (w: Float64Array) => AlphaParts {
  const nc = new Float64Array(k);
  const x = new Float64Array(k); // the value each code is compared as: the number, or its mid-rank
  const present = new Int32Array(level === 'ratio' ? k : 0);
  // Per-profile observed disagreement does not depend on the weights except at the ordinal level.
  const fixed = level === 'ordinal' ? null : profileDisagreement(p, level, scores);

  return (w) => {
    nc.fill(0);
    let n = 0;
    for (let q = 0; q < p.size; q++) {
      const wq = w[q]!;
      if (wq === 0) continue;
      n += wq * p.total[q]!;
      for (let j = p.start[q]!; j < p.start[q + 1]!; j++) nc[p.code[j]!]! += wq * p.count[j]!;
    }
    let distinct = 0;
    let only = 0;
    for (let c = 0; c < k; c++)
      if (nc[c]! > 0) {
        distinct++;
        only = c;
      }

    let expected = 0;
    if (level === 'nominal') {
      let sq = 0;
      for (let c = 0; c < k; c++) sq += nc[c]! * nc[c]!;
      expected = n * n - sq;
    } else if (level === 'ratio') {
      const s = scores!;
      let m = 0;
      for (let c = 0; c < k; c++) if (nc[c]! > 0) present[m++] = c;
      for (let i = 0; i < m; i++) {
        const c = present[i]!;
        for (let j = i + 1; j < m; j++) {
          const e = present[j]!;
          expected += 2 * nc[c]! * nc[e]! * ratioDelta(s[c]!, s[e]!);
        }
      }
    } else {
      if (level === 'ordinal') {
        let below = 0;
        for (let c = 0; c < k; c++) {
          x[c] = below + nc[c]! / 2;
          below += nc[c]!;
        }
      } else x.set(scores!);
      expected = 2 * n * spread(nc, x, 0, k, null);
    }

    let observed = 0;
    if (fixed) for (let q = 0; q < p.size; q++) observed += (w[q]! * fixed[q]!) / (p.total[q]! - 1);
    else
      for (let q = 0; q < p.size; q++) {
        if (w[q] === 0) continue;
        const sum = 2 * p.total[q]! * spread(p.count, x, p.start[q]!, p.start[q + 1]!, p.code);
        observed += (w[q]! * sum) / (p.total[q]! - 1);
      }
    return { n, observed, expected, distinct, only };
  };
}

/** Σ_ck n_uc n_uk δ²_ck of each profile, for the levels where δ² does not depend on the marginals. */
function profileDisagreement(p: Profiles, level: Level, scores: Float64Array | null): Float64Array {
  const out = new Float64Array(p.size);
  for (let q = 0; q < p.size; q++) {
    const lo = p.start[q]!;
    const hi = p.start[q + 1]!;
    const m = p.total[q]!;
    if (level === 'nominal') {
      let sq = 0;
      for (let j = lo; j < hi; j++) sq += p.count[j]! * p.count[j]!;
      out[q] = m * m - sq;
    } else if (level === 'interval') {
      out[q] = 2 * m * spread(p.count, scores!, lo, hi, p.code);
    } else {
      let s = 0;
      for (let j = lo; j < hi; j++)
        for (let i = j + 1; i < hi; i++)
          s += 2 * p.count[j]! * p.count[i]! * ratioDelta(scores![p.code[j]!]!, scores![p.code[i]!]!);
      out[q] = s;
    }
  }
  return out;
}

/**
 * Σ count_j (x_j − x̄)² over entries [lo, hi), x̄ the count-weighted mean; x is looked up through
 * `codes` when given. Centring first keeps large values from cancelling.
 */
function spread(
  count: ArrayLike<number>,
  x: Float64Array,
  lo: number,
  hi: number,
  codes: Int32Array | null,
): number {
  let total = 0;
  let sum = 0;
  for (let j = lo; j < hi; j++) {
    const c = count[j]!;
    total += c;
    sum += c * x[codes ? codes[j]! : j]!;
  }
  if (total === 0) return 0;
  const mean = sum / total;
  let s = 0;
  for (let j = lo; j < hi; j++) {
    const d = x[codes ? codes[j]! : j]! - mean;
    s += count[j]! * d * d;
  }
  return s;
}

function ratioDelta(a: number, b: number): number {
  const d = (a - b) / (a + b);
  return d * d;
}
