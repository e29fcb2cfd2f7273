/**
 * Cohen's kappa for exactly two annotators (Cohen 1960), and weighted kappa (Cohen 1968). Items only
 * one of them judged are dropped. With disagreement weights d_ij over the two annotators' table of
 * counts N_ij (row sums r_i, column sums c_j, N items):
 *
 *   kappa = 1 − (Σ d_ij N_ij / N) / (Σ d_ij r_i c_j / N²)
 *
 * which for d_ij = [i ≠ j] is the familiar (p_o − p_e) / (1 − p_e). The level picks the weights:
 * - nominal: unweighted, d_ij = [i ≠ j];
 * - ordinal: linear weights on ranks, d_ij = |rank_i − rank_j|, ranks of the sorted distinct values
 *   the two annotators used (the textbook |i − j| over ordered categories);
 * - interval: quadratic weights on the values themselves, d_ij = (x_i − x_j)², so an unused value
 *   on the scale keeps its place. For a scale of consecutive integers this is the textbook
 *   (i − j)²; quadratic-weighted kappa equals Lin's concordance correlation of the two annotators'
 *   values (with n, not n − 1, in the variances).
 * Scaling the weights (the usual division by (k − 1) or (k − 1)²) does not change kappa.
 */

import { badInput, usage } from '../../core/errors.js';
import { type Level, numericScores, type ReliabilityData } from './data.js';
import { noVariation, type Resampling } from './profiles.js';

export type CohenWeights = 'unweighted' | 'linear' | 'quadratic';

export interface CohenResult {
  kappa: number;
  weights: CohenWeights;
  /** Observed (weighted) disagreement; unweighted, 1 − p_o. */
  observedDisagreement: number;
  /** (Weighted) disagreement expected by chance; unweighted, 1 − p_e. */
  expectedDisagreement: number;
  /** Items both annotators judged. */
  items: number;
  annotators: 2;
}

export function cohenWeights(level: Level): CohenWeights {
  if (level === 'nominal') return 'unweighted';
  if (level === 'ordinal') return 'linear';
  if (level === 'interval') return 'quadratic';
  throw usage(
    `Cohen's kappa has nominal (unweighted), ordinal (linear weights) and interval (quadratic weights) levels, not '${level}'`,
  );
}

export function cohensKappa(data: ReliabilityData, level: Level = 'nominal'): CohenResult {
  return prepareCohen(data, level).result;
}

export function prepareCohen(
  data: ReliabilityData,
  level: Level,
): { result: CohenResult; resampling: Resampling } {
  const weights = cohenWeights(level);
  if (data.annotators.length !== 2) {
    const names = data.annotators.slice(0, 5).map((a) => `'${a}'`);
    throw badInput(
      `Cohen's kappa compares exactly two annotators, and the data has ${data.annotators.length}` +
        (names.length ? ` (${names.join(', ')}${data.annotators.length > 5 ? ', …' : ''})` : '') +
        `; use Krippendorff's alpha or Fleiss' kappa for more`,
    );
  }
  const values = weights === 'unweighted' ? null : numericScores(data, level, "weighted Cohen's kappa");
  const k = data.categories.length;

  // The table of the two annotators' codes: one cell per (first, second) pair present.
  const cellIndex = new Map<number, number>();
  const cellA: number[] = [];
  const cellB: number[] = [];
  const multiplicity: number[] = [];
  const groupOf: number[] = [];
  const { unitStart, annotator, code } = data;
  for (let u = 0; u < data.items.length; u++) {
    const lo = unitStart[u]!;
    if (unitStart[u + 1]! - lo !== 2) continue; // no duplicates, so two values means both annotators
    const [a, b] = annotator[lo] === 0 ? [code[lo]!, code[lo + 1]!] : [code[lo + 1]!, code[lo]!];
    const key = a * k + b;
    let cell = cellIndex.get(key);
    if (cell === undefined) {
      cell = cellA.length;
      cellIndex.set(key, cell);
      cellA.push(a);
      cellB.push(b);
      multiplicity.push(0);
    }
    multiplicity[cell]!++;
    groupOf.push(cell);
  }
  if (groupOf.length === 0)
    throw badInput(
      `Cohen's kappa needs items both annotators judged, and '${data.annotators[0]}' and '${data.annotators[1]}' share none`,
    );

  // The position each code is weighted by: its rank among the codes in the table, or its value.
  const s = new Float64Array(k);
  if (values) {
    const used = new Uint8Array(k);
    for (let c = 0; c < cellA.length; c++) used[cellA[c]!] = used[cellB[c]!] = 1;
    let rank = 0;
    for (let c = 0; c < k; c++) {
      s[c] = weights === 'linear' ? rank : values[c]!;
      rank += used[c]!;
    }
  }
  const d = (i: number, j: number) => {
    if (weights === 'unweighted') return i === j ? 0 : 1;
    const diff = s[i]! - s[j]!;
    return weights === 'linear' ? Math.abs(diff) : diff * diff;
  };
  const cellD = Float64Array.from(cellA, (a, c) => d(a, cellB[c]!));
  const row = new Float64Array(k);
  const col = new Float64Array(k);

  const parts = (w: Float64Array) => {
    row.fill(0);
    col.fill(0);
    let n = 0;
    let observed = 0;
    for (let c = 0; c < cellA.length; c++) {
      const wc = w[c]!;
      n += wc;
      observed += wc * cellD[c]!;
      row[cellA[c]!]! += wc;
      col[cellB[c]!]! += wc;
    }
    let distinct = 0;
    let only = 0;
    for (let c = 0; c < k; c++)
      if (row[c]! + col[c]! > 0) {
        distinct++;
        only = c;
      }
    return { n, observed, expected: expectedSum(weights, row, col, s, n), distinct, only };
  };

  const r = parts(Float64Array.from(multiplicity));
  if (r.distinct < 2) throw badInput(noVariation(data.categories[r.only]));
  const result: CohenResult = {
    kappa: 1 - (r.observed * r.n) / r.expected,
    weights,
    observedDisagreement: r.observed / r.n,
    expectedDisagreement: r.expected / (r.n * r.n),
    items: r.n,
    annotators: 2,
  };
  const statistic = (w: Float64Array) => {
    const p = parts(w);
    return p.distinct < 2 ? Number.NaN : 1 - (p.observed * p.n) / p.expected;
  };
  return { result, resampling: { statistic, groupOf: Int32Array.from(groupOf) } };
}

/** Σ_ij r_i c_j d_ij in O(k): positions `s` ascend with the code. */
function expectedSum(
  weights: CohenWeights,
  row: Float64Array,
  col: Float64Array,
  s: Float64Array,
  n: number,
): number {
  const k = row.length;
  if (weights === 'unweighted') {
    let same = 0;
    for (let c = 0; c < k; c++) same += row[c]! * col[c]!;
    return n * n - same;
  }
  if (weights === 'quadratic') {
    // Σ r_i c_j (x_i − x_j)² = N Σ r x² + N Σ c x² − 2 (Σ r x)(Σ c x), after centring x.
    let sum = 0;
    for (let c = 0; c < k; c++) sum += (row[c]! + col[c]!) * s[c]!;
    const mean = sum / (2 * n);
    let rx = 0;
    let cx = 0;
    let rxx = 0;
    let cxx = 0;
    for (let c = 0; c < k; c++) {
      const x = s[c]! - mean;
      rx += row[c]! * x;
      cx += col[c]! * x;
      rxx += row[c]! * x * x;
      cxx += col[c]! * x * x;
    }
    return n * rxx + n * cxx - 2 * rx * cx;
  }
  // Linear: Σ_j c_j |s_i − s_j| = s_i·C_below − S_below + (S − S_below) − s_i·(C − C_below).
  let cTotal = 0;
  let sTotal = 0;
  for (let c = 0; c < k; c++) {
    cTotal += col[c]!;
    sTotal += col[c]! * s[c]!;
  }
  let cBelow = 0;
  let sBelow = 0;
  let out = 0;
  for (let i = 0; i < k; i++) {
    if (row[i]! > 0) {
      const si = s[i]!;
      out += row[i]! * (si * cBelow - sBelow + (sTotal - sBelow) - si * (cTotal - cBelow));
    }
    cBelow += col[i]!;
    sBelow += col[i]! * s[i]!;
  }
  return out;
}
