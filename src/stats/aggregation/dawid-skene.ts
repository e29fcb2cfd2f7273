import { usage } from '../../core/errors.js';
import { groupByItem, type LabelTriples, validateTriples, voteCounts } from './triples.js';

/**
 * Dawid–Skene: maximum-likelihood estimation of annotator error rates with the EM algorithm
 * (A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer Error-Rates Using the EM
 * Algorithm", Journal of the Royal Statistical Society, Series C 28(1), 1979, 20–28).
 *
 * Model: item i has a hidden true class k with prior ρ_k; annotator a gives label l to an item of
 * class k with probability π_a[k][l] (one confusion matrix per annotator), independently of the
 * other annotators. EM alternates
 *   M-step: ρ_k ∝ Σ_i T_ik + α;  π_a[k][l] ∝ Σ_{labels (i, a, l)} T_ik + α   (α: Laplace smoothing)
 *   E-step: T_ik ∝ ρ_k Π_{labels (i, a, l)} π_a[k][l], computed as a sum of logs and normalised
 *           per item with log-sum-exp, so 10 or 1,000 labels per item never underflow.
 * T starts from each item's vote shares (the paper's initialisation, eq. 3.1: a soft majority vote).
 * Iteration stops when the log-likelihood changes by less than `tol` or after `maxIterations`.
 */

export interface DawidSkeneOptions {
  /** Largest number of EM iterations (default 100). */
  maxIterations?: number;
  /** Stop when |log-likelihood change| < tol (absolute, in nats over all items; default 1e-6). */
  tol?: number;
  /**
   * Pseudo-count α added to every confusion-matrix cell and every class-prior count (default 1:
   * Laplace smoothing, so no row has zeros and one unlucky label cannot rule a class out). 0 gives
   * the paper's plain maximum-likelihood estimates. Each annotator gets K² pseudo-counts, so when
   * annotators have few labels (fewer than a handful per confusion cell) smoothing dominates and
   * posteriors flatten towards the priors (confidence near 1/K): use majority vote for such small
   * batches, or a smaller α.
   */
  smoothing?: number;
}

export interface DawidSkeneResult {
  /** Most probable class per item (lowest code on an exact tie); -1 for an item with no labels. */
  labels: Int32Array;
  /** Posterior probability of `labels[i]` (0 for an item with no labels). */
  confidence: Float64Array;
  /** Posterior class probabilities, items × classes, row-major. Items with no labels get the priors. */
  posteriors: Float64Array;
  /**
   * Confusion matrices, annotators × classes × classes, row-major: entry [a][k][l] is the estimated
   * probability that annotator a gives label l to an item whose true class is k. Rows sum to 1.
   */
  confusion: Float64Array;
  /**
   * Estimated accuracy per annotator: the expected share of their labels that are correct, i.e. the
   * mean over their labels of the posterior probability of the class they gave. NaN for an annotator
   * with no labels.
   */
  accuracy: Float64Array;
  /** Number of labels each annotator gave. */
  labelCounts: Int32Array;
  /** Class priors ρ. */
  priors: Float64Array;
  /** EM iterations run (each one M-step and one E-step). */
  iterations: number;
  converged: boolean;
  /** log P(labels | final parameters), natural log, summed over items. */
  logLikelihood: number;
}

export function dawidSkene(input: LabelTriples, options: DawidSkeneOptions = {}): DawidSkeneResult {
  const maxIterations = options.maxIterations ?? 100;
  const tol = options.tol ?? 1e-6;
  const alpha = options.smoothing ?? 1;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw usage('maxIterations must be ≥ 1');
  if (!(tol >= 0)) throw usage('tol must be ≥ 0');
  if (!(alpha >= 0)) throw usage('smoothing must be ≥ 0');
  validateTriples(input);

  const { items: n, annotators: m, classes: k } = input;
  const kk = k * k;
  const rows = groupByItem(input);
  const nnz = rows.label.length;
  // Each entry's offset into an annotator's confusion matrix, column l: π_a[k][l] = cm[base + k * K].
  const base = new Int32Array(nnz);
  for (let e = 0; e < nnz; e++) base[e] = rows.annotator[e]! * kk + rows.label[e]!;

  const post = new Float64Array(n * k);
  const counts = voteCounts(rows, n, k);
  for (let i = 0; i < n; i++) {
    const total = rows.start[i + 1]! - rows.start[i]!;
    for (let c = 0; c < k; c++) post[i * k + c] = total === 0 ? 0 : counts[i * k + c]! / total;
  }

  const cmCounts = new Float64Array(m * kk); // Σ T_ik per (annotator, true k, given l)
  const priorCounts = new Float64Array(k);
  const accumulate = () => {
    cmCounts.fill(0);
    priorCounts.fill(0);
    for (let i = 0; i < n; i++) {
      const end = rows.start[i + 1]!;
      const row = i * k;
      if (rows.start[i] === end) continue;
      for (let c = 0; c < k; c++) priorCounts[c]! += post[row + c]!;
      for (let e = rows.start[i]!; e < end; e++) {
        const b = base[e]!;
        for (let c = 0; c < k; c++) cmCounts[b + c * k]! += post[row + c]!;
      }
    }
  };

  const confusion = new Float64Array(m * kk);
  const logCm = new Float64Array(m * kk);
  const priors = new Float64Array(k);
  const logPriors = new Float64Array(k);
  const mStep = () => {
    let priorTotal = 0;
    for (let c = 0; c < k; c++) priorTotal += priorCounts[c]! + alpha;
    for (let c = 0; c < k; c++) {
      priors[c] = priorTotal > 0 ? (priorCounts[c]! + alpha) / priorTotal : 1 / k;
      logPriors[c] = Math.log(priors[c]!);
    }
    for (let r = 0; r < m * k; r++) {
      const o = r * k;
      let total = 0;
      for (let l = 0; l < k; l++) total += cmCounts[o + l]! + alpha;
      for (let l = 0; l < k; l++) {
        const p = total > 0 ? (cmCounts[o + l]! + alpha) / total : 1 / k;
        confusion[o + l] = p;
        logCm[o + l] = Math.log(p);
      }
    }
  };

  // E-step: posteriors from the current parameters; returns the log-likelihood.
  const score = new Float64Array(k);
  const eStep = (): number => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const row = i * k;
      const end = rows.start[i + 1]!;
      if (rows.start[i] === end) {
        for (let c = 0; c < k; c++) post[row + c] = priors[c]!;
        continue;
      }
      for (let c = 0; c < k; c++) score[c] = logPriors[c]!;
      for (let e = rows.start[i]!; e < end; e++) {
        const b = base[e]!;
        for (let c = 0; c < k; c++) score[c]! += logCm[b + c * k]!;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) if (score[c]! > max) max = score[c]!;
      if (max === Number.NEGATIVE_INFINITY) {
        // Every class is impossible (only with smoothing 0): keep the priors rather than produce NaN.
        for (let c = 0; c < k; c++) post[row + c] = priors[c]!;
        ll = Number.NEGATIVE_INFINITY;
        continue;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const v = Math.exp(score[c]! - max);
        post[row + c] = v;
        sum += v;
      }
      for (let c = 0; c < k; c++) post[row + c]! /= sum;
      ll += max + Math.log(sum);
    }
    return ll;
  };

  let iterations = 0;
  let converged = false;
  let logLikelihood = Number.NEGATIVE_INFINITY;
  while (iterations < maxIterations) {
    accumulate();
    mStep();
    const ll = eStep();
    iterations++;
    const change = Math.abs(ll - logLikelihood);
    logLikelihood = ll;
    if (iterations > 1 && change < tol) {
      converged = true;
      break;
    }
  }

  const labels = new Int32Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rows.start[i] === rows.start[i + 1]) {
      labels[i] = -1;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (post[i * k + c]! > post[i * k + best]!) best = c;
    labels[i] = best;
    confidence[i] = post[i * k + best]!;
  }

  const accuracy = new Float64Array(m);
  const labelCounts = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    for (let e = rows.start[i]!; e < rows.start[i + 1]!; e++) {
      const a = rows.annotator[e]!;
      accuracy[a]! += post[i * k + rows.label[e]!]!;
      labelCounts[a]!++;
    }
  }
  for (let a = 0; a < m; a++)
    accuracy[a] = labelCounts[a] === 0 ? Number.NaN : accuracy[a]! / labelCounts[a]!;

  return {
    labels,
    confidence,
    posteriors: post,
    confusion,
    accuracy,
    labelCounts,
    priors,
    iterations,
    converged,
    logLikelihood,
  };
}
