import { describe, expect, it } from 'vitest';
import {
  cohensKappa,
  computeAgreement,
  fleissKappa,
  type Judgement,
  krippendorffAlpha,
  LEVELS,
  type Level,
  percentAgreement,
  reliabilityData,
} from '../../src/stats/agreement/index.js';
import { randomJudgements } from './agreement-fixtures.js';

/** Values per item, missing ones left out. */
function unitsOf(judgements: Judgement[]): number[][] {
  const byItem = new Map<string, number[]>();
  for (const j of judgements) {
    if (j.value === null || j.value === undefined) continue;
    const key = String(j.item);
    if (!byItem.has(key)) byItem.set(key, []);
    byItem.get(key)!.push(Number(j.value));
  }
  return [...byItem.values()];
}

/**
 * Alpha straight from Krippendorff's (2011) definitions: the full coincidence matrix built pair by
 * pair, and δ² per metric as printed there (ordinal as the sum of marginals between c and k). O(n²):
 * an independent check of the closed forms the implementation uses.
 */
function bruteAlpha(units: number[][], level: Level): number {
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const at = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const u of pairable)
    for (let i = 0; i < u.length; i++)
      for (let j = 0; j < u.length; j++)
        if (i !== j) o[at.get(u[i]!)!]![at.get(u[j]!)!]! += 1 / (u.length - 1);
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const delta = (c: number, e: number): number => {
    const [x, y] = [values[c]!, values[e]!];
    if (level === 'nominal') return c === e ? 0 : 1;
    if (level === 'interval') return (x - y) ** 2;
    if (level === 'ratio') return ((x - y) / (x + y)) ** 2;
    const [lo, hi] = c < e ? [c, e] : [e, c];
    let s = 0;
    for (let g = lo; g <= hi; g++) s += nc[g]!;
    return (s - (nc[c]! + nc[e]!) / 2) ** 2;
  };
  let dO = 0;
  let dE = 0;
  for (let c = 0; c < k; c++)
    for (let e = 0; e < k; e++) {
      dO += o[c]![e]! * delta(c, e);
      dE += nc[c]! * nc[e]! * delta(c, e);
    }
  return 1 - ((n - 1) * dO) / dE;
}

/** Weighted kappa from the textbook k × k tables (Cohen 1968), weights on category indices or given scores. */
function bruteKappa(pairs: [number, number][], weight: (x: number, y: number) => number): number {
  const cats = [...new Set(pairs.flat())].sort((a, b) => a - b);
  const n = pairs.length;
  let dO = 0;
  for (const [a, b] of pairs) dO += weight(a, b) / n;
  let dE = 0;
  for (const x of cats)
    for (const y of cats) {
      const px = pairs.filter((p) => p[0] === x).length / n;
      const py = pairs.filter((p) => p[1] === y).length / n;
      dE += px * py * weight(x, y);
    }
  return 1 - dO / dE;
}

function pairsOf(judgements: Judgement[]): [number, number][] {
  const a = new Map<string, number>();
  const out: [number, number][] = [];
  for (const j of judgements) if (j.annotator === 'a0') a.set(String(j.item), Number(j.value));
  for (const j of judgements) {
    const x = a.get(String(j.item));
    if (j.annotator === 'a1' && x !== undefined) out.push([x, Number(j.value)]);
  }
  return out;
}

describe("Krippendorff's alpha against its definition", () => {
  for (const seed of [1, 2, 3]) {
    it(`matches the coincidence-matrix definition at every level (random data, seed ${seed})`, () => {
      const judgements = randomJudgements({
        items: 60,
        annotators: 4 + seed,
        scale: [0.5, 1, 2, 3, 5, 8, 13],
        agree: 0.5,
        missing: 0.3,
        seed,
      });
      const data = reliabilityData(judgements);
      for (const level of LEVELS)
        expect(krippendorffAlpha(data, level).alpha).toBeCloseTo(bruteAlpha(unitsOf(judgements), level), 12);
    });
  }

  it('is 1 under perfect agreement, at every level and for every metric', () => {
    const judgements = randomJudgements({ items: 50, annotators: 3, scale: [1, 2, 3, 4], agree: 1, seed: 4 });
    const data = reliabilityData(judgements);
    for (const level of LEVELS) expect(krippendorffAlpha(data, level).alpha).toBe(1);
    expect(fleissKappa(data).kappa).toBe(1);
    expect(percentAgreement(data).agreement).toBe(1);
    const two = reliabilityData(judgements.filter((j) => j.annotator !== 'a2'));
    for (const level of ['nominal', 'ordinal', 'interval'] as const)
      expect(cohensKappa(two, level).kappa).toBe(1);
  });

  it("relates to Scott's pi for two annotators without missing data: 1 − α = (2N − 1)/(2N) · (1 − π)", () => {
    // Krippendorff (2011): alpha corrects Scott's pi for small samples; with N units and 2N values,
    // D_e(alpha) = 2N/(2N − 1) · (1 − p_e) while D_o = 1 − p_o.
    const judgements = randomJudgements({
      items: 40,
      annotators: 2,
      scale: ['a', 'b', 'c'],
      agree: 0.5,
      seed: 9,
    });
    const pairs = pairsOf(judgements.map((j) => ({ ...j, value: 'abc'.indexOf(String(j.value)) })));
    const n = pairs.length;
    const po = pairs.filter(([x, y]) => x === y).length / n;
    let pe = 0;
    for (const c of [0, 1, 2]) pe += (pairs.flat().filter((v) => v === c).length / (2 * n)) ** 2;
    const pi = (po - pe) / (1 - pe);
    const data = reliabilityData(judgements);
    expect(krippendorffAlpha(data).alpha).toBeCloseTo(1 - ((2 * n - 1) / (2 * n)) * (1 - pi), 12);
    // Fleiss' kappa with two raters is Scott's pi itself.
    expect(fleissKappa(data).kappa).toBeCloseTo(pi, 12);
  });

  it('is invariant to relabelling (nominal), to affine maps (interval) and to scaling (ratio)', () => {
    const judgements = randomJudgements({
      items: 80,
      annotators: 3,
      scale: [1, 2, 4, 7],
      missing: 0.2,
      seed: 11,
    });
    const mapped = (f: (v: number) => number | string) =>
      reliabilityData(judgements.map((j) => ({ ...j, value: f(Number(j.value)) })));
    const data = reliabilityData(judgements);
    expect(krippendorffAlpha(mapped((v) => `label-${v}`)).alpha).toBeCloseTo(
      krippendorffAlpha(data).alpha,
      12,
    );
    expect(
      krippendorffAlpha(
        mapped((v) => 3 * v - 10),
        'interval',
      ).alpha,
    ).toBeCloseTo(krippendorffAlpha(data, 'interval').alpha, 12);
    expect(
      krippendorffAlpha(
        mapped((v) => 2.5 * v),
        'ratio',
      ).alpha,
    ).toBeCloseTo(krippendorffAlpha(data, 'ratio').alpha, 12);
    // Ordinal depends only on the order of the values.
    expect(
      krippendorffAlpha(
        mapped((v) => v ** 3),
        'ordinal',
      ).alpha,
    ).toBeCloseTo(krippendorffAlpha(data, 'ordinal').alpha, 12);
  });
});

describe("weighted Cohen's kappa against the textbook tables", () => {
  const judgements = randomJudgements({
    items: 200,
    annotators: 2,
    scale: [1, 2, 3, 4, 5],
    agree: 0.4,
    seed: 21,
  });
  const pairs = pairsOf(judgements);
  const data = reliabilityData(judgements);

  it('matches unweighted, linear and quadratic kappa from k × k weight matrices', () => {
    expect(cohensKappa(data, 'nominal').kappa).toBeCloseTo(
      bruteKappa(pairs, (x, y) => (x === y ? 0 : 1)),
      12,
    );
    expect(cohensKappa(data, 'ordinal').kappa).toBeCloseTo(
      bruteKappa(pairs, (x, y) => Math.abs(x - y) / 4),
      12,
    );
    expect(cohensKappa(data, 'interval').kappa).toBeCloseTo(
      bruteKappa(pairs, (x, y) => (x - y) ** 2 / 16),
      12,
    );
  });

  it('linear weights follow ranks, quadratic weights follow values', () => {
    const spread = judgements.map((j) => ({ ...j, value: [0, 1, 2, 10, 11, 30][Number(j.value)]! }));
    const d = reliabilityData(spread);
    // Ranks: the same as on 1..5.
    expect(cohensKappa(d, 'ordinal').kappa).toBeCloseTo(cohensKappa(data, 'ordinal').kappa, 12);
    // Quadratic weighted kappa is Lin's concordance correlation (variances over n).
    const p = pairsOf(spread);
    const n = p.length;
    const mx = p.reduce((s, [x]) => s + x, 0) / n;
    const my = p.reduce((s, [, y]) => s + y, 0) / n;
    const sxy = p.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / n;
    const sxx = p.reduce((s, [x]) => s + (x - mx) ** 2, 0) / n;
    const syy = p.reduce((s, [, y]) => s + (y - my) ** 2, 0) / n;
    expect(cohensKappa(d, 'interval').kappa).toBeCloseTo((2 * sxy) / (sxx + syy + (mx - my) ** 2), 12);
  });
});

describe('bootstrap intervals of the metrics', () => {
  const judgements = randomJudgements({
    items: 300,
    annotators: 4,
    scale: [1, 2, 3, 4, 5],
    missing: 0.2,
    seed: 31,
  });
  const data = reliabilityData(judgements);

  it('contain the estimate, narrow with the level, and repeat exactly for a seed', () => {
    for (const metric of ['krippendorff', 'fleiss', 'percent'] as const) {
      const r = computeAgreement(data, { metric, ci: { seed: 3, resamples: 400 } });
      expect(r.ci![0]).toBeLessThan(r.value);
      expect(r.ci![1]).toBeGreaterThan(r.value);
      expect(computeAgreement(data, { metric, ci: { seed: 3, resamples: 400 } }).ci).toEqual(r.ci);
      const narrow = computeAgreement(data, { metric, ci: { seed: 3, resamples: 400, level: 0.5 } });
      expect(narrow.ci![0]).toBeGreaterThan(r.ci![0]);
      expect(narrow.ci![1]).toBeLessThan(r.ci![1]);
    }
  });

  it('resample items, not values: the interval of alpha is about ±2 standard errors wide', () => {
    const r = computeAgreement(data, { level: 'interval', ci: { seed: 1 } });
    const width = r.ci![1] - r.ci![0];
    expect(width).toBeGreaterThan(0.03);
    expect(width).toBeLessThan(0.3);
  });
});
