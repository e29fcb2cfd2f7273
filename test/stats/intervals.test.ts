import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/random.js';
import {
  bootstrapInterval,
  normalQuantile,
  quantileSorted,
  wilsonInterval,
} from '../../src/stats/intervals.js';

const round4 = (ci: [number, number]) => ci.map((v) => Math.round(v * 1e4) / 1e4);

describe('normalQuantile', () => {
  it('matches tabulated standard normal quantiles', () => {
    // Abramowitz & Stegun (1964), Table 26.5 / any normal table: z(0.975) = 1.959963985,
    // z(0.995) = 2.575829304, z(0.9) = 1.281551566, z(0.01) = −2.326347874.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829304, 8);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281551566, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it('gives the known intervals for 0/10, 10/10 and 5/10 at 95%', () => {
    // Wilson (1927) score interval, closed form; e.g. 5/10 → [0.2366, 0.7634], and at the edges
    // [0, z²/(n + z²)] = [0, 0.2775] and its mirror.
    expect(round4(wilsonInterval(5, 10))).toEqual([0.2366, 0.7634]);
    expect(round4(wilsonInterval(0, 10))).toEqual([0, 0.2775]);
    expect(round4(wilsonInterval(10, 10))).toEqual([0.7225, 1]);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
  });

  it("reproduces Newcombe's (1998) worked examples", () => {
    // Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion: comparison of
    // seven methods. Statistics in Medicine 17, 857–872, Table II, method 3 (Wilson score, no
    // continuity correction).
    expect(round4(wilsonInterval(81, 263))).toEqual([0.2553, 0.3662]);
    expect(round4(wilsonInterval(15, 148))).toEqual([0.0624, 0.1605]);
    expect(round4(wilsonInterval(0, 20))).toEqual([0, 0.1611]);
    expect(round4(wilsonInterval(1, 29))).toEqual([0.0061, 0.1718]);
  });

  it('widens with the level and rejects nonsense', () => {
    const [a, b] = wilsonInterval(30, 100, 0.99);
    const [c, d] = wilsonInterval(30, 100, 0.9);
    expect(a).toBeLessThan(c);
    expect(b).toBeGreaterThan(d);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
  });
});

describe('quantileSorted', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10], 0.3)).toBe(10);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('bootstrapInterval', () => {
  // The mean of 200 values 0..9: a statistic with a known sampling distribution.
  const values = Array.from({ length: 200 }, (_, i) => (i * 7) % 10);
  const mean = (w: Float64Array) => {
    let s = 0;
    let n = 0;
    for (let i = 0; i < w.length; i++) {
      s += w[i]! * values[i]!;
      n += w[i]!;
    }
    return s / n;
  };

  it('contains the estimate, is reproducible with a seed and differs with another seed', () => {
    const estimate = mean(new Float64Array(values.length).fill(1));
    const a = bootstrapInterval(mean, values.length, { seed: 42 });
    expect(a.low).toBeLessThan(estimate);
    expect(a.high).toBeGreaterThan(estimate);
    expect(a).toMatchObject({ level: 0.95, resamples: 1000, seed: 42, failed: 0 });
    expect(bootstrapInterval(mean, values.length, { seed: 42 })).toEqual(a);
    expect(bootstrapInterval(mean, values.length, { seed: 43 }).low).not.toBe(a.low);
  });

  it('agrees with the normal approximation for a mean', () => {
    // SD of 0..9 uniform is √8.25; standard error √(8.25/200) ≈ 0.203; 95% ≈ ±0.398.
    const r = bootstrapInterval(mean, values.length, { seed: 1, resamples: 4000 });
    const half = (r.high - r.low) / 2;
    expect(half).toBeGreaterThan(0.36);
    expect(half).toBeLessThan(0.44);
  });

  it('resamples units into groups: identical units collapsed give the same interval', () => {
    // Group 0 holds the units with value 0, …, group 9 those with value 9.
    const groupOf = Int32Array.from(values);
    const grouped = (w: Float64Array) => {
      let s = 0;
      let n = 0;
      for (let g = 0; g < w.length; g++) {
        s += w[g]! * g;
        n += w[g]!;
      }
      return s / n;
    };
    const a = bootstrapInterval(grouped, groupOf, { seed: 9 });
    const b = bootstrapInterval(mean, values.length, { seed: 9 });
    expect(a.low).toBeCloseTo(b.low, 12);
    expect(a.high).toBeCloseTo(b.high, 12);
  });

  it('leaves out and counts resamples where the statistic is undefined', () => {
    const r = bootstrapInterval((w) => (w[0]! > 0 ? 1 : Number.NaN), 3, { seed: 2, resamples: 300 });
    // A resample misses unit 0 with probability (2/3)³ ≈ 0.30.
    expect(r.failed).toBeGreaterThan(60);
    expect(r.failed).toBeLessThan(120);
    expect([r.low, r.high]).toEqual([1, 1]);
    const none = bootstrapInterval(() => Number.NaN, 3, { resamples: 10 });
    expect(none.low).toBeNaN();
    expect(none.failed).toBe(10);
  });

  it('rejects bad options', () => {
    expect(() => bootstrapInterval(mean, values.length, { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapInterval(mean, values.length, { level: 1.5 })).toThrow(RangeError);
    expect(() => bootstrapInterval(mean, 0)).toThrow(RangeError);
  });
});

describe('seededRandom', () => {
  it('is deterministic per seed and uniform enough', () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    const seq = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(seq);
    expect(seededRandom(124).uint32()).not.toBe(seq[0]);
    expect(seededRandom(2 ** 40).uint32()).not.toBe(seededRandom(0).uint32());
    const r = seededRandom(5);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[r.below(10)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(() => seededRandom(1.5)).toThrow(RangeError);
  });

  it('fills arrays of uniform indices, for small ranges and ranges past 2^21', () => {
    const out = new Int32Array(90_000);
    seededRandom(8).indices(out, 3);
    const counts = [0, 0, 0];
    for (const x of out) counts[x]!++;
    for (const c of counts) expect(Math.abs(c - 30_000)).toBeLessThan(600);
    const big = new Int32Array(10_000);
    seededRandom(8).indices(big, 2_000_000_000);
    expect(Math.min(...big)).toBeGreaterThanOrEqual(0);
    const mean = big.reduce((a, b) => a + b / big.length, 0);
    expect(Math.abs(mean - 1e9)).toBeLessThan(2e7);
    expect(() => seededRandom(1).indices(big, 3_000_000_000)).toThrow(RangeError);
    expect(() => seededRandom(1).indices(out, 0)).toThrow(RangeError);
  });
});
