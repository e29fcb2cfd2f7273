import { describe, expect, it } from 'vitest';
import {
  BucketSorter,
  bandHashesInto,
  bandingError,
  candidateProbability,
  DATASKETCH_WEIGHTS,
  falseNegativeArea,
  falsePositiveArea,
  integrate,
  optimalBandRows,
} from '../../src/text/lsh.js';

describe('choosing bands and rows', () => {
  it("matches datasketch's MinHashLSH (its _optimal_param with scipy's quad)", () => {
    // datasketch, MinHashLSH(threshold=0.8, num_perm=128): 9 hash ranges of 13 (datasketch issue #209).
    expect(optimalBandRows(0.8, 128)).toEqual({ bands: 9, rows: 13 });
    expect(optimalBandRows(0.5, 128)).toEqual({ bands: 25, rows: 5 });
    // The rest computed with datasketch's procedure and scipy.integrate.quad.
    const expected: [number, number, number, number][] = [
      [64, 0.5, 14, 4],
      [64, 0.8, 5, 11],
      [64, 0.9, 3, 21],
      [128, 0.6, 18, 7],
      [128, 0.7, 14, 9],
      [128, 0.9, 5, 25],
      [256, 0.5, 42, 6],
      [256, 0.8, 17, 15],
    ];
    for (const [k, t, b, r] of expected)
      expect(optimalBandRows(t, k), `${k} ${t}`).toEqual({ bands: b, rows: r });
  });

  it('with other weights, as datasketch computes them', () => {
    expect(optimalBandRows(0.8, 128, { falsePositive: 0.1, falseNegative: 0.9 })).toEqual({
      bands: 14,
      rows: 9,
    });
    expect(optimalBandRows(0.8, 128, { falsePositive: 0.05, falseNegative: 0.95 })).toEqual({
      bands: 16,
      rows: 8,
    });
    expect(optimalBandRows(0.7, 128, { falsePositive: 0.3, falseNegative: 0.7 })).toEqual({
      bands: 16,
      rows: 8,
    });
  });

  it('minimises the weighted error over every (b, r) with b·r ≤ k', () => {
    for (const [t, k, w] of [
      [0.8, 64, DATASKETCH_WEIGHTS],
      [0.6, 100, { falsePositive: 0.2, falseNegative: 0.8 }],
      [0.9, 48, { falsePositive: 0.9, falseNegative: 0.1 }],
    ] as const) {
      const best = optimalBandRows(t, k, w);
      expect(best.bands * best.rows).toBeLessThanOrEqual(k);
      const e = bandingError(t, best.bands, best.rows, w);
      for (let b = 1; b <= k; b++)
        for (let r = 1; b * r <= k; r++) expect(bandingError(t, b, r, w)).toBeGreaterThanOrEqual(e);
    }
  });

  it('integrates the S-curve accurately', () => {
    for (const r of [1, 5, 13, 64, 128]) {
      expect(integrate((s) => s ** r, 0, 0.8)).toBeCloseTo(0.8 ** (r + 1) / (r + 1), 13);
    }
    // One band of one row: P(s) = s, so FP = t²/2 and FN = (1 − t)²/2.
    expect(falsePositiveArea(0.6, 1, 1)).toBeCloseTo(0.18, 13);
    expect(falseNegativeArea(0.6, 1, 1)).toBeCloseTo(0.08, 13);
    expect(candidateProbability(0.8, 9, 13)).toBeCloseTo(1 - (1 - 0.8 ** 13) ** 9, 15);
    expect(candidateProbability(1, 9, 13)).toBe(1);
    expect(candidateProbability(0, 9, 13)).toBe(0);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => optimalBandRows(0, 128)).toThrow(RangeError);
    expect(() => optimalBandRows(1.5, 128)).toThrow(RangeError);
  });
});

describe('band hashes', () => {
  it('are equal exactly when a band agrees', () => {
    const sig = new Uint32Array(12).map((_, i) => i * 1000);
    const other = sig.slice();
    other[5] = 1; // second band (rows 4–7) differs
    const a = new Uint32Array(3);
    const b = new Uint32Array(4);
    bandHashesInto(sig, 0, { bands: 3, rows: 4 }, a, 0);
    bandHashesInto(other, 0, { bands: 3, rows: 4 }, b, 1);
    expect(b[1]).toBe(a[0]);
    expect(b[2]).not.toBe(a[1]);
    expect(b[3]).toBe(a[2]);
    // The band index is the seed: equal values in different bands do not collide.
    const same = new Uint32Array(8).fill(7);
    const h = new Uint32Array(2);
    bandHashesInto(same, 0, { bands: 2, rows: 4 }, h, 0);
    expect(h[0]).not.toBe(h[1]);
  });
});

describe('BucketSorter', () => {
  it('groups ids by key, ascending within a bucket, skipping singletons', () => {
    let seed = 1;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const n = 5000;
    const keys = new Uint32Array(n);
    const ids = new Uint32Array(n);
    const pool = Array.from({ length: 1500 }, () => next()); // high and low 16 bits vary
    for (let i = 0; i < n; i++) {
      ids[i] = i * 3;
      keys[i] = pool[next() % pool.length]!;
    }
    const want = new Map<number, number[]>();
    for (let i = 0; i < n; i++) want.set(keys[i]!, [...(want.get(keys[i]!) ?? []), ids[i]!]);
    const got: number[][] = [];
    new BucketSorter(10).forEachBucket(keys, ids, n, (b, start, end) =>
      got.push([...b.subarray(start, end)]),
    );
    const expected = [...want.values()].filter((g) => g.length > 1);
    expect(got.length).toBe(expected.length);
    const sort = (g: number[][]) => g.map((x) => x.join()).sort();
    expect(sort(got)).toEqual(sort(expected));
  });
});
