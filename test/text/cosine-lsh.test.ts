import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/random.js';
import { cosineClusters, normalizeRows } from '../../src/text/cosine-lsh.js';

function gaussian(random: ReturnType<typeof seededRandom>): number {
  return Math.sqrt(-2 * Math.log(Math.max(random.float(), 1e-12))) * Math.cos(2 * Math.PI * random.float());
}

/** A vector at an exact cosine `c` from `v` (both unit length): c·v + sqrt(1−c²)·u, u ⟂ v. */
function atCosine(v: number[], c: number, random: ReturnType<typeof seededRandom>): number[] {
  const r = v.map(() => gaussian(random));
  const along = r.reduce((s, x, i) => s + x * v[i]!, 0);
  const u = r.map((x, i) => x - along * v[i]!);
  const norm = Math.sqrt(u.reduce((s, x) => s + x * x, 0));
  return v.map((x, i) => c * x + Math.sqrt(1 - c * c) * (u[i]! / norm));
}

const unit = (v: number[]) => {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => x / n);
};

describe('cosine near-duplicates by random-hyperplane LSH', () => {
  it('finds every planted pair above the threshold, none below it, and no unrelated vectors', () => {
    const random = seededRandom(3);
    const dims = 96;
    const vectors: number[][] = [];
    for (let i = 0; i < 1500; i++) vectors.push(unit(Array.from({ length: dims }, () => gaussian(random))));
    const planted: [number, number][] = [];
    const below: [number, number][] = [];
    for (let k = 0; k < 60; k++) {
      vectors.push(atCosine(vectors[k]!, 0.97, random));
      planted.push([k, vectors.length - 1]);
      vectors.push(atCosine(vectors[100 + k]!, 0.85, random));
      below.push([100 + k, vectors.length - 1]);
    }
    const clusters = cosineClusters(normalizeRows(vectors), { threshold: 0.95 });
    const together = (a: number, b: number) => clusters.some((c) => c.includes(a) && c.includes(b));
    const found = planted.filter(([a, b]) => together(a, b)).length;
    // At cosine 0.97 a pair is a candidate with probability ≈ 0.9998 under 8 bands of 8 bits.
    expect(found).toBe(60);
    expect(below.filter(([a, b]) => together(a, b))).toEqual([]);
    expect(clusters).toHaveLength(60);
    expect(clusters.every((c) => c.length === 2)).toBe(true);
  });

  it('rejects vectors of unequal length', () => {
    expect(() =>
      normalizeRows([
        [1, 0],
        [1, 0, 0],
      ]),
    ).toThrow('vector 1 has 3 dimensions, expected 2');
  });
});
