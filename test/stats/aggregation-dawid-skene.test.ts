import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import { dawidSkene } from '../../src/stats/aggregation/dawid-skene.js';
import { majorityVoteCodes } from '../../src/stats/aggregation/majority.js';
import { type SimpleAnnotator, simulateLabels } from '../../src/stats/aggregation/simulate.js';
import type { LabelTriples } from '../../src/stats/aggregation/triples.js';

function triplesOf(items: number, annotators: number, classes: number, rows: [number, number, number][]) {
  return {
    items,
    annotators,
    classes,
    item: Int32Array.from(rows.map((r) => r[0])),
    annotator: Int32Array.from(rows.map((r) => r[1])),
    label: Int32Array.from(rows.map((r) => r[2])),
  };
}

/** Element-wise |actual − expected| < tol, and the same length. */
function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(...expected.map((x, i) => Math.abs(actual[i]! - x)));
  expect(worst).toBeLessThan(tol);
}

function share(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * The anaesthetist data of Dawid & Skene (1979), Table 1: 45 patients rated on a 4-point scale by
 * 5 anaesthetists, the first of whom rated every patient three times. One string per patient:
 * anaesthetist 1's three ratings, then anaesthetists 2–5. Transcribed from `generate_sample_data()`
 * in github.com/dallascard/dawid_skene (dawid_skene.py), which reproduces the paper's table.
 */
const ANAESTHETISTS = (
  '1111111 3334334 1122122 2223121 2223222 2223322 1222111 3333433 2222223 2322223 4444444 2223343 ' +
  '1111111 2223212 1211111 1112111 1111111 1111111 2222221 2221322 2222222 2222221 2223222 2212222 ' +
  '1111111 1111111 2322222 1111111 1111111 1121121 1111111 3333233 1111111 2222222 2223232 4334343 ' +
  '2212232 2323233 3333432 1111111 1111111 1212111 2322222 1211111 2222222'
).split(' ');

function anaesthetistTriples(): LabelTriples {
  const rows: [number, number, number][] = [];
  ANAESTHETISTS.forEach((ratings, patient) => {
    [...ratings].forEach((r, j) => {
      rows.push([patient, Math.max(0, j - 2), Number(r) - 1]);
    });
  });
  return triplesOf(45, 5, 4, rows);
}

/**
 * A deliberately plain Dawid–Skene: dense counts, products of probabilities (no logs), written from
 * the paper's equations 2.3–2.5 with the same vote-share start and the same smoothing. Fine for 45
 * patients; used to check the sparse log-space implementation.
 */
function referenceDawidSkene(t: LabelTriples, alpha: number, iterations: number) {
  const { items: n, annotators: m, classes: k } = t;
  const counts = Array.from({ length: n }, () =>
    Array.from({ length: m }, () => new Array<number>(k).fill(0)),
  );
  for (let e = 0; e < t.item.length; e++) counts[t.item[e]!]![t.annotator[e]!]![t.label[e]!]!++;
  let post = counts.map((byAnn) => {
    const votes = new Array<number>(k).fill(0);
    for (const c of byAnn) {
      for (let l = 0; l < k; l++) votes[l]! += c[l]!;
    }
    const total = votes.reduce((a, b) => a + b, 0);
    return votes.map((v) => v / total);
  });
  let priors: number[] = [];
  let pi: number[][][] = [];
  let ll = 0;
  for (let it = 0; it < iterations; it++) {
    const sums = Array.from({ length: k }, (_, c) => post.reduce((s, p) => s + p[c]!, 0) + alpha);
    priors = sums.map((x) => x / sums.reduce((a, b) => a + b, 0));
    pi = Array.from({ length: m }, (_, a) =>
      Array.from({ length: k }, (_, c) => {
        const row = Array.from(
          { length: k },
          (_, l) => post.reduce((s, p, i) => s + p[c]! * counts[i]![a]![l]!, 0) + alpha,
        );
        const total = row.reduce((x, y) => x + y, 0);
        return row.map((x) => x / total);
      }),
    );
    ll = 0;
    post = counts.map((byAnn) => {
      const joint = priors.map((p, c) => {
        let v = p;
        for (let a = 0; a < m; a++) {
          for (let l = 0; l < k; l++) v *= pi[a]![c]![l]! ** byAnn[a]![l]!;
        }
        return v;
      });
      const total = joint.reduce((a, b) => a + b, 0);
      ll += Math.log(total);
      return joint.map((v) => v / total);
    });
  }
  return { post, priors, pi, ll };
}

describe('Dawid–Skene on the anaesthetist data (Dawid & Skene 1979, Table 1)', () => {
  const data = anaesthetistTriples();

  it('has 45 patients × 7 ratings', () => {
    expect(data.item.length).toBe(315);
  });

  for (const alpha of [0, 1]) {
    it(`matches a plain dense implementation step for step (smoothing ${alpha})`, () => {
      const r = dawidSkene(data, { smoothing: alpha, maxIterations: 40, tol: 0 });
      const ref = referenceDawidSkene(data, alpha, 40);
      expect(r.iterations).toBe(40);
      expect(r.converged).toBe(false);
      expect(r.logLikelihood).toBeCloseTo(ref.ll, 9);
      expectClose(r.priors, ref.priors.flat(), 1e-12);
      expectClose(r.confusion, ref.pi.flat(2), 1e-12);
      expectClose(r.posteriors, ref.post.flat(), 1e-12);
    });
  }

  it('never lowers the likelihood from one EM iteration to the next (maximum likelihood, no smoothing)', () => {
    let previous = Number.NEGATIVE_INFINITY;
    for (let t = 1; t <= 30; t++) {
      const { logLikelihood } = dawidSkene(data, { smoothing: 0, maxIterations: t, tol: 0 });
      expect(logLikelihood).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = logLikelihood;
    }
  });

  it('converges and labels the unanimous patients with their class', () => {
    const r = dawidSkene(data);
    expect(r.converged).toBe(true);
    ANAESTHETISTS.forEach((ratings, i) => {
      if (new Set(ratings).size === 1) {
        expect(r.labels[i]).toBe(Number(ratings[0]) - 1);
        expect(r.confidence[i]).toBeGreaterThan(0.99);
      }
    });
  });
});

describe('Dawid–Skene on synthetic annotators', () => {
  const priors = [0.35, 0.25, 0.2, 0.12, 0.08];
  const annotators: SimpleAnnotator[] = [
    { accuracy: 0.85, errors: 'uniform' },
    { accuracy: 0.8, errors: 'uniform' },
    { accuracy: 0.75, errors: 'uniform' },
    { accuracy: 0.7, errors: 'uniform' },
    { accuracy: 0.35, errors: 'uniform' }, // noisy
    { accuracy: 0.3, errors: 'uniform' }, // noisy
    { accuracy: 0.1, errors: 'shift' }, // adversarial: says k + 1 nine times in ten
    { accuracy: 0.2, errors: 'shift' },
  ];
  const K = 5;
  const sim = simulateLabels({ items: 5000, classes: K, priors, annotators, seed: 20240601 });
  const r = dawidSkene(sim.triples);

  it('recovers the true labels far better than majority vote', () => {
    const ds = share(r.labels, sim.truth);
    const mv = share(majorityVoteCodes(sim.triples).labels, sim.truth);
    expect(ds).toBeGreaterThan(0.99);
    expect(mv).toBeLessThan(0.9);
    expect(r.converged).toBe(true);
  });

  it('estimates every annotator’s accuracy within ±0.05 and the class priors within ±0.02', () => {
    expectClose(
      r.accuracy,
      annotators.map((a) => a.accuracy),
      0.05,
    );
    expectClose(r.priors, priors, 0.02);
    expect([...r.labelCounts]).toEqual(annotators.map(() => 5000));
  });

  it('recovers the confusion matrices, including the adversaries’ shifted diagonal', () => {
    // What the simulated labels actually show, counted against the true classes.
    const t = sim.triples;
    const empirical = new Float64Array(annotators.length * K * K);
    for (let e = 0; e < t.item.length; e++) {
      empirical[(t.annotator[e]! * K + sim.truth[t.item[e]!]!) * K + t.label[e]!]!++;
    }
    for (let row = 0; row < annotators.length * K; row++) {
      let total = 0;
      for (let l = 0; l < K; l++) total += empirical[row * K + l]!;
      for (let l = 0; l < K; l++) {
        const x = row * K + l;
        expect(Math.abs(r.confusion[x]! - empirical[x]! / total)).toBeLessThan(0.03);
        // Generating matrices: the rarest class has ~400 items, so sampling noise alone is ~0.025.
        expect(Math.abs(r.confusion[x]! - sim.confusion[x]!)).toBeLessThan(0.07);
      }
    }
    // Adversary 6 turns class 2 into class 3 with probability 0.9.
    expect(r.confusion[(6 * K + 2) * K + 3]).toBeGreaterThan(0.85);
  });

  it('works when each annotator labels only part of the items, and is deterministic', () => {
    const sparse = simulateLabels({ items: 5000, classes: K, priors, annotators, seed: 7, coverage: 0.6 });
    const a = dawidSkene(sparse.triples);
    const b = dawidSkene(sparse.triples);
    expect(share(a.labels, sparse.truth)).toBeGreaterThan(
      share(majorityVoteCodes(sparse.triples).labels, sparse.truth) + 0.1,
    );
    expectClose(
      a.accuracy,
      annotators.map((x) => x.accuracy),
      0.05,
    );
    expect([...a.posteriors]).toEqual([...b.posteriors]);
  });
});

describe('Dawid–Skene edge cases', () => {
  it('does not underflow with hundreds of labels per item', () => {
    // 400 annotators at 40% accuracy: a product of 400 probabilities is ~1e-250 or less.
    const sim = simulateLabels({
      items: 20,
      classes: 5,
      annotators: Array.from({ length: 400 }, () => ({ accuracy: 0.4, errors: 'uniform' as const })),
      seed: 3,
    });
    const r = dawidSkene(sim.triples);
    for (let i = 0; i < 20; i++) {
      const row = [...r.posteriors.subarray(i * 5, i * 5 + 5)];
      expect(row.every(Number.isFinite)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(Number.isFinite(r.logLikelihood)).toBe(true);
    expect(share(r.labels, sim.truth)).toBe(1);
  });

  it('smooths: a label an annotator never used keeps a positive probability', () => {
    const t = triplesOf(3, 2, 3, [
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 1],
      [1, 1, 1],
      [2, 0, 0],
    ]);
    const smoothed = dawidSkene(t);
    expect(Math.min(...smoothed.confusion)).toBeGreaterThan(0);
    const plain = dawidSkene(t, { smoothing: 0 });
    expect(Math.min(...plain.confusion)).toBe(0);
    // Rows always sum to one.
    for (let row = 0; row < 6; row++) {
      expect(smoothed.confusion.subarray(row * 3, row * 3 + 3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('gives an unlabelled item no label and the priors as posterior; an idle annotator NaN accuracy', () => {
    const t = triplesOf(3, 3, 2, [
      [0, 0, 0],
      [0, 1, 0],
      [2, 0, 1],
      [2, 1, 1],
    ]);
    const r = dawidSkene(t);
    expect(r.labels[1]).toBe(-1);
    expect(r.confidence[1]).toBe(0);
    expect([...r.posteriors.subarray(2, 4)]).toEqual([...r.priors]);
    expect(r.accuracy[2]).toBeNaN();
    expect(r.labelCounts[2]).toBe(0);
  });

  it('leaves the fit of labelled items unchanged by adding unlabelled ones', () => {
    const sim = simulateLabels({
      items: 300,
      classes: 3,
      priors: [0.6, 0.3, 0.1],
      annotators: [0.8, 0.7, 0.6].map((accuracy) => ({ accuracy, errors: 'uniform' as const })),
      seed: 11,
    });
    const padded = { ...sim.triples, items: 1300 };
    const a = dawidSkene(sim.triples);
    const b = dawidSkene(padded);
    expectClose(b.priors, [...a.priors], 1e-12);
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 9);
    expect([...b.labels.subarray(0, 300)]).toEqual([...a.labels]);
    expect(b.labels[1299]).toBe(-1);
  });

  it('rejects inconsistent input with bad_input', () => {
    const ok = triplesOf(1, 1, 2, [[0, 0, 1]]);
    for (const bad of [
      { ...ok, label: Int32Array.of(2) },
      { ...ok, item: Int32Array.of(1) },
      { ...ok, annotator: Int32Array.of(-1) },
      { ...ok, label: Int32Array.of(0, 1) },
      { ...ok, classes: 1 },
    ]) {
      try {
        dawidSkene(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TandemError);
        expect((e as TandemError).code).toBe('bad_input');
      }
    }
    expect(() => dawidSkene(ok, { maxIterations: 0 })).toThrow(/maxIterations/);
  });
});
