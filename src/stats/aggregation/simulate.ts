import { usage } from '../../core/errors.js';
import { seededRandom } from '../../core/random.js';
import type { LabelTriples } from './triples.js';

/**
 * Synthetic annotations from known annotators, for testing and benchmarking aggregators: true
 * classes are drawn from `priors`, and each annotator labels an item of class k by drawing from row
 * k of their confusion matrix. Deterministic for a given seed.
 */

/**
 * An annotator described by accuracy: the true class with probability `accuracy`, otherwise an error
 * spread uniformly over the other classes ('uniform', a noisy annotator) or always the next class,
 * k → (k + 1) mod K ('shift', a systematically wrong or adversarial one).
 */
export interface SimpleAnnotator {
  accuracy: number;
  errors: 'uniform' | 'shift';
}

/** The confusion matrix (classes × classes, row-major, row = true class) of a simple annotator. */
export function confusionOf(a: SimpleAnnotator, classes: number): Float64Array {
  const cm = new Float64Array(classes * classes);
  for (let k = 0; k < classes; k++) {
    for (let l = 0; l < classes; l++) {
      cm[k * classes + l] =
        l === k
          ? a.accuracy
          : a.errors === 'uniform'
            ? (1 - a.accuracy) / (classes - 1)
            : l === (k + 1) % classes
              ? 1 - a.accuracy
              : 0;
    }
  }
  return cm;
}

export interface SimulationSpec {
  items: number;
  classes: number;
  /** Class probabilities (default uniform). */
  priors?: readonly number[];
  annotators: readonly SimpleAnnotator[];
  /** Probability that an annotator labels a given item (default 1: everyone labels everything). */
  coverage?: number;
  seed: number;
}

export interface Simulation {
  triples: LabelTriples;
  /** True class per item. */
  truth: Int32Array;
  /** True confusion matrices, annotators × classes × classes. */
  confusion: Float64Array;
}

function draw(rand: () => number, probs: ArrayLike<number>, offset: number, n: number): number {
  let u = rand();
  for (let c = 0; c < n - 1; c++) {
    u -= probs[offset + c]!;
    if (u < 0) return c;
  }
  return n - 1;
}

export function simulateLabels(spec: SimulationSpec): Simulation {
  const { items, classes: k, annotators } = spec;
  const priors = spec.priors ?? Array.from({ length: k }, () => 1 / k);
  if (priors.length !== k) throw usage(`priors has ${priors.length} entries for ${k} classes`);
  const coverage = spec.coverage ?? 1;
  const random = seededRandom(spec.seed);
  const rand = () => random.float();
  const m = annotators.length;
  const confusion = new Float64Array(m * k * k);
  annotators.forEach((a, j) => {
    confusion.set(confusionOf(a, k), j * k * k);
  });
  const truth = new Int32Array(items);
  const cap = coverage >= 1 ? items * m : Math.ceil(items * m * coverage * 1.1) + 64;
  let item = new Int32Array(cap);
  let annotator = new Int32Array(cap);
  let label = new Int32Array(cap);
  let n = 0;
  for (let i = 0; i < items; i++) {
    const t = draw(rand, priors, 0, k);
    truth[i] = t;
    for (let j = 0; j < m; j++) {
      if (coverage < 1 && rand() >= coverage) continue;
      if (n === item.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        item = grow(item);
        annotator = grow(annotator);
        label = grow(label);
      }
      item[n] = i;
      annotator[n] = j;
      label[n] = draw(rand, confusion, (j * k + t) * k, k);
      n++;
    }
  }
  return {
    triples: {
      items,
      annotators: m,
      classes: k,
      item: item.subarray(0, n),
      annotator: annotator.subarray(0, n),
      label: label.subarray(0, n),
    },
    truth,
    confusion,
  };
}
