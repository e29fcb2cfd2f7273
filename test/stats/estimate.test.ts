import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import { ppiProportion, stratifiedProportion, wilson } from '../../src/stats/estimate/index.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof TandemError ? e.code : 'not a TandemError';
  }
  return 'no error';
};

describe('wilson', () => {
  it('gives the Wilson score interval', () => {
    // 5/10 at 95% → [0.2366, 0.7634]; 0/10 → [0, z²/(n + z²)] = [0, 0.2775].
    const r = wilson(5, 10);
    expect(r.estimate).toBe(0.5);
    expect(r.lo).toBeCloseTo(0.2366, 4);
    expect(r.hi).toBeCloseTo(0.7634, 4);
    expect(r.confidence).toBe(0.95);
    expect(wilson(0, 10).lo).toBe(0);
    expect(wilson(0, 10).hi).toBeCloseTo(0.2775, 4);
    // Narrower at 90%: z = 1.6449, 5/10 → [0.2693, 0.7307].
    expect(wilson(5, 10, 0.9).lo).toBeCloseTo(0.2693, 4);
  });

  it('refuses impossible counts with typed errors', () => {
    expect(codeOf(() => wilson(1, 0))).toBe('bad_input');
    expect(codeOf(() => wilson(11, 10))).toBe('bad_input');
    expect(codeOf(() => wilson(1.5, 10))).toBe('bad_input');
    expect(codeOf(() => wilson(1, 10, 1))).toBe('usage');
  });
});

describe('stratifiedProportion', () => {
  it('is the Wilson interval for one stratum of unbounded size', () => {
    const s = stratifiedProportion([{ size: Number.MAX_SAFE_INTEGER, n: 40, successes: 7 }]);
    const w = wilson(7, 40);
    expect(s.estimate).toBeCloseTo(w.estimate, 12);
    expect(s.lo).toBeCloseTo(w.lo, 9);
    expect(s.hi).toBeCloseTo(w.hi, 9);
    expect(s.effectiveN).toBeCloseTo(40, 6);
  });

  it('weights strata by size and widens by the design effect', () => {
    // 600 records with 6/60 wrong, 400 with 8/40: p̂ = 0.6·0.1 + 0.4·0.2 = 0.14. By hand (shrunk
    // rates 6.5/61 and 8.5/41, finite-population corrections 540/599 and 360/399): effective n =
    // 113.075, Wilson at 0.14 with that n → [0.08783, 0.21583].
    const r = stratifiedProportion([
      { size: 600, n: 60, successes: 6 },
      { size: 400, n: 40, successes: 8 },
    ]);
    expect(r.estimate).toBeCloseTo(0.14, 12);
    expect(r.effectiveN).toBeCloseTo(113.0754, 3);
    expect(r.lo).toBeCloseTo(0.08783, 5);
    expect(r.hi).toBeCloseTo(0.21583, 5);
    expect(r.n).toBe(100);
  });

  it('does not call a stratum with no error seen certain', () => {
    // Half the records are in a stratum where 0 of 10 audited were wrong: that stratum alone could
    // hold ~30% errors, so the upper bound must stay far above the other stratum's 0.1%.
    const r = stratifiedProportion([
      { size: 10000, n: 10, successes: 0 },
      { size: 10000, n: 1000, successes: 1 },
    ]);
    expect(r.hi).toBeGreaterThan(0.1);
  });

  it('is exact when every stratum was audited in full, and skips empty strata', () => {
    const r = stratifiedProportion([
      { size: 10, n: 10, successes: 2 },
      { size: 30, n: 30, successes: 3 },
      { size: 0, n: 0, successes: 0 },
    ]);
    expect(r).toMatchObject({ estimate: 5 / 40, lo: 5 / 40, hi: 5 / 40 });
  });

  it('refuses strata it cannot estimate', () => {
    expect(codeOf(() => stratifiedProportion([]))).toBe('bad_input');
    expect(() => stratifiedProportion([{ size: 5, n: 6, successes: 0 }])).toThrow(
      /stratum 1: the sample \(6\)/,
    );
    expect(() =>
      stratifiedProportion([
        { size: 5, n: 5, successes: 0 },
        { size: 8, n: 0, successes: 0 },
      ]),
    ).toThrow(/stratum 2: 8 records but none audited/);
    expect(codeOf(() => stratifiedProportion([{ size: 5, n: 3, successes: 4 }]))).toBe('bad_input');
    expect(codeOf(() => stratifiedProportion([{ size: 0, n: 0, successes: 0 }]))).toBe('bad_input');
  });
});

describe('ppiProportion', () => {
  it('computes the PPI++ estimate, λ and interval', () => {
    // By hand: ȳ = 3/8, f̄ = 4/8, ū = 4/12; Cov(y, f) = 0.214286, Var(judge over all 20) = 0.252632,
    // λ = 0.214286 / ((1 + 8/12) · 0.252632) = 0.508929; θ = λ·ū + ȳ − λ·f̄ = 0.290179;
    // se² = λ²·Var(u)/12 + Var(y − λf)/8 → interval [0.008183, 0.572174].
    const r = ppiProportion({
      labelledHuman: [1, 0, 0, 1, 0, 1, 0, 0],
      labelledJudge: [1, 0, 0, 1, 1, 1, 0, 0],
      unlabelledJudge: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1],
    });
    expect(r.lambda).toBeCloseTo(0.508929, 6);
    expect(r.estimate).toBeCloseTo(0.290179, 6);
    expect(r.lo).toBeCloseTo(0.008183, 6);
    expect(r.hi).toBeCloseTo(0.572174, 6);
    expect(r).toMatchObject({ nLabelled: 8, nTotal: 20, confidence: 0.95 });
  });

  it('falls back to the sample mean when the judge says nothing', () => {
    const human = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    const r = ppiProportion({
      labelledHuman: human,
      labelledJudge: human.map(() => 1),
      unlabelledJudge: Array.from({ length: 50 }, () => 1),
    });
    expect(r.lambda).toBe(0);
    expect(r.estimate).toBeCloseTo(0.3, 12);
    // The plain CLT interval of the sample: 0.3 ± 1.96·√(Var/10) with Var = 0.233333.
    const half = 1.959963984540054 * Math.sqrt(0.7 / 3 / 10);
    expect(r.lo).toBeCloseTo(0.3 - half, 8);
    expect(r.hi).toBeCloseTo(0.3 + half, 8);
  });

  it('accepts typed arrays and judge probabilities', () => {
    const r = ppiProportion({
      labelledHuman: new Float64Array([1, 0, 1, 0]),
      labelledJudge: new Float64Array([0.9, 0.2, 0.7, 0.1]),
      unlabelledJudge: new Float64Array([0.8, 0.3, 0.1, 0.9, 0.6]),
    });
    expect(r.lambda).toBeGreaterThan(0);
    expect(r.lo).toBeLessThanOrEqual(r.estimate);
    expect(r.hi).toBeGreaterThanOrEqual(r.estimate);
  });

  it('refuses unusable inputs with typed errors', () => {
    const ok = { labelledHuman: [1, 0], labelledJudge: [1, 0], unlabelledJudge: [1] };
    expect(codeOf(() => ppiProportion(ok))).toBe('no error');
    expect(codeOf(() => ppiProportion({ ...ok, labelledJudge: [1] }))).toBe('bad_input');
    expect(
      codeOf(() => ppiProportion({ labelledHuman: [1], labelledJudge: [1], unlabelledJudge: [1] })),
    ).toBe('bad_input');
    expect(() => ppiProportion({ ...ok, unlabelledJudge: [Number.NaN] })).toThrow(/unlabelledJudge\[0\]/);
    expect(() => ppiProportion({ ...ok, labelledHuman: [1, 2] })).toThrow(/labelledHuman\[1\]/);
    expect(codeOf(() => ppiProportion(ok, 0))).toBe('usage');
  });
});
