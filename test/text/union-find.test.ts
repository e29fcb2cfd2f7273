import { describe, expect, it } from 'vitest';
import { UnionFind } from '../../src/text/union-find.js';

describe('UnionFind', () => {
  it('merges sets and reports whether a union changed anything', () => {
    const uf = new UnionFind(6);
    expect(uf.union(0, 1)).toBe(true);
    expect(uf.union(1, 0)).toBe(false);
    expect(uf.union(3, 4)).toBe(true);
    expect(uf.union(4, 1)).toBe(true);
    expect(uf.find(0)).toBe(uf.find(3));
    expect(uf.find(2)).not.toBe(uf.find(0));
    expect(uf.sizeOf(4)).toBe(4);
    expect(uf.sizeOf(5)).toBe(1);
    expect(uf.groups()).toEqual([[0, 1, 3, 4]]);
  });

  it('agrees with a naive labelling on random unions', () => {
    let seed = 5;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const n = 2000;
    const uf = new UnionFind(n);
    const label = Array.from({ length: n }, (_, i) => i);
    for (let k = 0; k < 1500; k++) {
      const a = next(n);
      const b = next(n);
      uf.union(a, b);
      const from = label[b]!;
      const to = label[a]!;
      for (let i = 0; i < n; i++) if (label[i] === from) label[i] = to;
    }
    for (let k = 0; k < 5000; k++) {
      const a = next(n);
      const b = next(n);
      expect(uf.find(a) === uf.find(b)).toBe(label[a] === label[b]);
    }
    const naive = new Map<number, number[]>();
    for (const [i, l] of label.entries()) naive.set(l, [...(naive.get(l) ?? []), i]);
    const expected = [...naive.values()].filter((g) => g.length > 1).sort((x, y) => x[0]! - y[0]!);
    expect(uf.groups()).toEqual(expected);
  });
});
