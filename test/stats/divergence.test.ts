import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import { chiSquareGof, jensenShannonDistance, totalVariation } from '../../src/stats/divergence.js';
import { chiSquareUpperTail, gammaP, gammaQ, logGamma } from '../../src/stats/gamma.js';

describe('logGamma and the incomplete gamma', () => {
  it('matches exact values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    // ln Γ(101) = ln 100! = 363.73937555556347 (Stirling series / tables).
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
    // P(1, x) = 1 − e^(−x); Q(1/2, x) = erfc(√x): erfc(1) = 0.157299207050285.
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(gammaQ(1, 30)).toBeCloseTo(Math.exp(-30), 25);
    expect(gammaQ(0.5, 1)).toBeCloseTo(0.157299207050285, 13);
    expect(gammaP(3, 0)).toBe(0);
    expect(gammaQ(3, 0)).toBe(1);
  });
});

describe('totalVariation', () => {
  it('is half the L1 distance of the normalised distributions', () => {
    // p = (.5,.3,.2), q = (.2,.3,.5): ½(.3 + 0 + .3) = 0.3.
    expect(totalVariation([0.5, 0.3, 0.2], [0.2, 0.3, 0.5])).toBeCloseTo(0.3, 15);
    // Counts are normalised: (50,30,20) vs (2,3,5) is the same pair.
    expect(totalVariation([50, 30, 20], [2, 3, 5])).toBeCloseTo(0.3, 15);
    expect(totalVariation([1, 0], [0, 1])).toBe(1);
    expect(totalVariation([3, 1], [6, 2])).toBe(0);
  });

  it('refuses mismatched, negative or empty distributions', () => {
    expect(() => totalVariation([1, 2], [1])).toThrow(TandemError);
    expect(() => totalVariation([1, -1], [1, 1])).toThrow(/p\[1\]/);
    expect(() => totalVariation([0, 0], [1, 1])).toThrow(/positive total/);
    expect(() => totalVariation([], [])).toThrow(TandemError);
  });
});

describe('jensenShannonDistance', () => {
  it('matches hand-computed values in bits', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBe(1);
    expect(jensenShannonDistance([0.25, 0.75], [0.25, 0.75])).toBe(0);
    // p = (1, 0), q = (½, ½): m = (¾, ¼); JS = ½ log2(4/3) + ½ (½ log2(2/3) + ½ log2 2)
    //   = ½ (0.415037) + ¼ (−0.584963) + ¼ = 0.311278; distance = 0.557923.
    const js = 0.5 * Math.log2(4 / 3) + 0.25 * Math.log2(2 / 3) + 0.25;
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBeCloseTo(Math.sqrt(js), 14);
    expect(Math.sqrt(js)).toBeCloseTo(0.557923, 5);
    // scipy.spatial.distance.jensenshannon([.1,.4,.5],[.3,.3,.4], base=2) = 0.19016...: check by formula.
    const p = [0.1, 0.4, 0.5];
    const q = [0.3, 0.3, 0.4];
    let d = 0;
    for (let i = 0; i < 3; i++) {
      const m = (p[i]! + q[i]!) / 2;
      d += 0.5 * p[i]! * Math.log2(p[i]! / m) + 0.5 * q[i]! * Math.log2(q[i]! / m);
    }
    expect(jensenShannonDistance(p, q)).toBeCloseTo(Math.sqrt(d), 14);
  });

  it('is symmetric', () => {
    expect(jensenShannonDistance([5, 1, 0], [1, 1, 1])).toBeCloseTo(
      jensenShannonDistance([1, 1, 1], [5, 1, 0]),
      15,
    );
  });
});

describe('chiSquareGof', () => {
  it('matches a textbook example', () => {
    // A die rolled 60 times: 5, 8, 9, 8, 10, 20 against uniform shares. Expected 10 each:
    // χ² = (25 + 4 + 1 + 4 + 0 + 100)/10 = 13.4, df = 5, p = 0.019905 (R: pchisq(13.4, 5, lower = F)).
    const r = chiSquareGof([5, 8, 9, 8, 10, 20], [1, 1, 1, 1, 1, 1]);
    expect(r.statistic).toBeCloseTo(13.4, 12);
    expect(r.df).toBe(5);
    expect(r.pValue).toBeCloseTo(0.019905, 5);
  });

  it('gives the tabulated critical values their 5% tail, also for a large df', () => {
    // Upper 5% points of chi-square (NIST/SEMATECH e-Handbook table; df 1000 from R qchisq):
    // df 1 → 3.841459, df 10 → 18.307038, df 1000 → 1074.679449.
    expect(chiSquareUpperTail(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareUpperTail(18.307038, 10)).toBeCloseTo(0.05, 7);
    expect(chiSquareUpperTail(1074.679449, 1000)).toBeCloseTo(0.05, 7);
    // df 100000: the Wilson–Hilferty cube-root approximation is exact to ~1e-6 this far out.
    const df = 100000;
    const z = 1.6448536269514722;
    const q = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
    expect(chiSquareUpperTail(q, df)).toBeCloseTo(0.05, 5);
    // Through the test itself: two categories, statistic 2a²/50 = 3.841459.
    const a = Math.sqrt(96.036475);
    expect(chiSquareGof([50 + a, 50 - a], [1, 1]).pValue).toBeCloseTo(0.05, 7);
  });

  it('handles zero shares', () => {
    // A category expected never but seen: the fit is impossible.
    expect(chiSquareGof([3, 1], [1, 0])).toMatchObject({ statistic: Number.POSITIVE_INFINITY, pValue: 0 });
    // Expected never and never seen: left out, df drops.
    expect(chiSquareGof([5, 5, 0], [1, 1, 0])).toMatchObject({ statistic: 0, df: 1, pValue: 1 });
  });

  it('refuses bad counts', () => {
    expect(() => chiSquareGof([1, 2], [1])).toThrow(TandemError);
    expect(() => chiSquareGof([1, Number.NaN], [1, 1])).toThrow(/observed\[1\]/);
    expect(() => chiSquareGof([0, 0], [1, 1])).toThrow(/positive total/);
  });
});
