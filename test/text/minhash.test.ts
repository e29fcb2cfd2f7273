import { describe, expect, it } from 'vitest';
import { keptJaccard, sortedJaccard } from '../../src/text/jaccard.js';
import {
  EMPTY_VALUE,
  estimateJaccard,
  INV_PRIME,
  MINHASH_PRIME,
  minhash,
  minhashInto,
  permutations,
  permute,
  reduceHashes,
} from '../../src/text/minhash.js';
import { sortedUnique } from '../../src/text/shingles.js';

const P = MINHASH_PRIME;
const Pn = BigInt(P);

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Two sets of random 32-bit values with `both` shared and `onlyA`, `onlyB` apart: J = both / total. */
function setPair(r: () => number, both: number, onlyA: number, onlyB: number): [Uint32Array, Uint32Array] {
  const seen = new Set<number>();
  const fresh = () => {
    for (;;) {
      const v = r();
      if (!seen.has(v)) {
        seen.add(v);
        return v;
      }
    }
  };
  const shared = Array.from({ length: both }, fresh);
  const a = [...shared, ...Array.from({ length: onlyA }, fresh)];
  const b = [...shared, ...Array.from({ length: onlyB }, fresh)];
  return [new Uint32Array(a), new Uint32Array(b)];
}

describe('the permutation arithmetic', () => {
  it('uses a prime p below 2^26', () => {
    expect(P).toBeLessThan(2 ** 26);
    for (let d = 2; d * d <= P; d++) if (P % d === 0) expect.fail(`${P} is divisible by ${d}`);
  });

  it('has 1/p rounded with relative error below 2^-60, which the exactness proof needs', () => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, INV_PRIME);
    const bits = view.getBigUint64(0);
    const exponent = Number((bits >> 52n) & 0x7ffn) - 1075;
    const mantissa = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
    // INV = mantissa · 2^exponent, so INV·p − 1 = (mantissa·p − 2^-exponent) / 2^-exponent.
    const one = 1n << BigInt(-exponent);
    const diff = mantissa * Pn - one;
    expect((diff < 0n ? -diff : diff) << 60n).toBeLessThan(one);
  });

  it('computes (a·x + b) mod p exactly, edge values included', () => {
    const r = prng(5);
    const cases: [number, number, number][] = [
      [P - 1, P - 1, P - 1],
      [P - 1, 0, P - 1],
      [1, 0, 0],
      [1, P - 1, 0],
      [P - 1, 1, P - 2],
      [2, 0, Math.floor(P / 2) + 1],
    ];
    // Products that are exact multiples of p (residue 0) are where a rounded reciprocal could slip.
    for (let q = 1; q < 2000; q++) cases.push([q, P - q, 0], [(q * 7919) % P, 0, 0]);
    for (let i = 0; i < 100_000; i++) cases.push([1 + (r() % (P - 1)), r() % P, r() % P]);
    for (const [a, b, x] of cases) {
      const want = Number((BigInt(a) * BigInt(x) + BigInt(b)) % Pn);
      if (permute(a, b, x) !== want)
        expect.fail(`(${a}·${x} + ${b}) mod p: got ${permute(a, b, x)}, want ${want}`);
    }
    // Every multiple of p up to p(p−1): y·INV must floor to the exact quotient.
    for (let i = 0; i < 100_000; i++) {
      const q = r() % P;
      const y = q * P;
      expect(y - Math.floor(y * INV_PRIME) * P).toBe(0);
    }
  });

  it('takes the minimum of every permutation, also when k is not a multiple of 4', () => {
    const r = prng(9);
    for (const k of [1, 7, 128]) {
      const perms = permutations(k, 3);
      const hashes = new Uint32Array(50).map(() => r());
      const x = new Float64Array(50);
      reduceHashes(hashes, 50, x);
      const sig = new Uint32Array(k + 2);
      minhashInto(perms, x, 50, sig, 1);
      for (let i = 0; i < k; i++) {
        let min = Number.POSITIVE_INFINITY;
        for (const h of hashes) {
          const v = Number((BigInt(perms.a[i]!) * (BigInt(h) % Pn) + BigInt(perms.b[i]!)) % Pn);
          min = Math.min(min, v);
        }
        expect(sig[i + 1]).toBe(min);
      }
      expect(sig[0]).toBe(0);
      expect(sig[k + 1]).toBe(0);
    }
  });

  it('draws a in [1, p) and b in [0, p), deterministically per seed', () => {
    const p = permutations(256, 42);
    for (let i = 0; i < 256; i++) {
      expect(p.a[i]).toBeGreaterThanOrEqual(1);
      expect(p.a[i]).toBeLessThan(P);
      expect(p.b[i]).toBeLessThan(P);
    }
    expect([...permutations(256, 42).a]).toEqual([...p.a]);
    expect([...permutations(256, 43).a]).not.toEqual([...p.a]);
  });
});

describe('MinHash signatures', () => {
  it('are deterministic, order- and repeat-blind, seeded, and MAX for the empty set', () => {
    const s = minhash([1, 2, 3, 4, 5]);
    expect(s.length).toBe(128);
    expect([...minhash([5, 4, 3, 2, 1, 1, 2])]).toEqual([...s]);
    expect([...minhash([1, 2, 3, 4, 5], { seed: 2 })]).not.toEqual([...s]);
    expect(minhash([1, 2, 3], { numPerm: 16 }).length).toBe(16);
    expect([...minhash([])]).toEqual(new Array(128).fill(EMPTY_VALUE));
  });

  it('estimate Jaccard on random sets with mean absolute error about 1/sqrt(k) or better', () => {
    const r = prng(2024);
    for (const k of [64, 128, 256]) {
      const perms = permutations(k, 7);
      let absError = 0;
      let expected = 0;
      const pairs = 400;
      for (let t = 0; t < pairs; t++) {
        const total = 100 + (r() % 200);
        const both = Math.round((t / pairs) * total);
        const onlyA = Math.floor((total - both) / 2);
        const [a, b] = setPair(r, both, onlyA, total - both - onlyA);
        const j = both / total;
        const est = estimateJaccard(minhash(a, perms), minhash(b, perms));
        absError += Math.abs(est - j);
        // E|error| of a binomial share: sqrt(2/π)·sqrt(J(1−J)/k) (normal approximation).
        expected += Math.sqrt(2 / Math.PI) * Math.sqrt((j * (1 - j)) / k);
      }
      const mae = absError / pairs;
      expect(mae).toBeLessThan(1 / Math.sqrt(k));
      expect(mae / (expected / pairs)).toBeGreaterThan(0.8);
      expect(mae / (expected / pairs)).toBeLessThan(1.2);
    }
  });

  it('estimateJaccard compares positions at offsets', () => {
    const a = new Uint32Array([9, 1, 2, 3, 4]);
    const b = new Uint32Array([1, 2, 0, 4]);
    expect(estimateJaccard(a, b, 1, 0, 4)).toBe(0.75);
  });
});

describe('Jaccard of kept shingle sets', () => {
  it('is exact when both sets are complete', () => {
    const a = new Uint32Array([1, 3, 5, 7]);
    const b = new Uint32Array([3, 4, 5, 6, 7, 8]);
    expect(sortedJaccard(a, b)).toBe(3 / 7);
    expect(sortedJaccard(a, a)).toBe(1);
    expect(sortedJaccard(a, new Uint32Array())).toBe(0);
    expect(sortedJaccard(new Uint32Array(), new Uint32Array())).toBe(0);
    // Complete sets are compared in full even when their union is larger than the cap.
    expect(keptJaccard(a, 0, 4, 4, b, 0, 6, 6, 4)).toBe(3 / 7);
  });

  it('estimates from bottom-k sketches when a set was truncated, one side complete or not', () => {
    const r = prng(77);
    const cap = 256;
    let err = 0;
    const trials = 100;
    for (let t = 0; t < trials; t++) {
      const big = t % 2 === 0;
      const [a, b] = setPair(r, 600, 200, big ? 200 : 0);
      const sa = sortedUnique(a);
      const sb = sortedUnique(b);
      const j = sortedJaccard(sa, sb);
      const ka = sa.subarray(0, cap);
      const kb = sb.subarray(0, cap);
      const est = keptJaccard(ka, 0, ka.length, sa.length, kb, 0, kb.length, sb.length, cap);
      err += Math.abs(est - j);
    }
    // Standard error sqrt(J(1−J)/256) ≈ 0.03 at J = 0.6–0.75.
    expect(err / trials).toBeLessThan(0.035);
    expect(err / trials).toBeGreaterThan(0.005);
  });
});
