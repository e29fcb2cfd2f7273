import { seededRandom } from '../core/random.js';
import { UnionFind } from './union-find.js';

/**
 * Near-duplicate embeddings: pairs whose cosine similarity reaches a threshold, found without
 * comparing every pair. Each vector gets a signature of random-hyperplane bits (Charikar's SimHash:
 * two vectors at angle θ agree on a bit with probability 1 − θ/π); signatures are cut into bands,
 * vectors sharing a band are candidates, and candidates are confirmed by their exact cosine.
 */

export interface CosineOptions {
  threshold: number;
  /**
   * Default 8 bands of 8 bits: a pair at cosine 0.95 becomes a candidate 99% of the time, at 0.9 94%,
   * while unrelated vectors (cosine ≈ 0) share a band with probability 8/256.
   */
  bands?: number;
  bitsPerBand?: number;
  seed?: number;
}

/** Unit-length copies of the vectors, one row each, in one Float32Array. */
export function normalizeRows(vectors: readonly (readonly number[])[]): { data: Float32Array; dims: number } {
  const dims = vectors[0]?.length ?? 0;
  const data = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => {
    if (v.length !== dims) throw new RangeError(`vector ${i} has ${v.length} dimensions, expected ${dims}`);
    let norm = 0;
    for (const x of v) norm += x * x;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dims; d++) data[i * dims + d] = v[d]! * scale;
  });
  return { data, dims };
}

function dot(data: Float32Array, dims: number, a: number, b: number): number {
  let s = 0;
  const oa = a * dims;
  const ob = b * dims;
  for (let d = 0; d < dims; d++) s += data[oa + d]! * data[ob + d]!;
  return s;
}

/** Clusters (two or more members, ascending) of vectors linked by cosine ≥ threshold. */
export function cosineClusters(
  rows: { data: Float32Array; dims: number },
  options: CosineOptions,
): number[][] {
  const { data, dims } = rows;
  const n = dims === 0 ? 0 : data.length / dims;
  const bands = options.bands ?? 8;
  const bits = options.bitsPerBand ?? 8;
  const random = seededRandom(options.seed ?? 1);
  // Gaussian hyperplanes (Box–Muller): a uniform direction on the sphere.
  const planes = new Float32Array(bands * bits * dims);
  for (let i = 0; i < planes.length; i++) {
    const u = Math.max(random.float(), 1e-12);
    planes[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.float());
  }
  const uf = new UnionFind(n);
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      let key = 0;
      for (let k = 0; k < bits; k++) {
        const p = (b * bits + k) * dims;
        let s = 0;
        for (let d = 0; d < dims; d++) s += data[i * dims + d]! * planes[p + d]!;
        key = (key << 1) | (s >= 0 ? 1 : 0);
      }
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const members of buckets.values()) {
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x]!;
          const j = members[y]!;
          if (uf.find(i) === uf.find(j)) continue;
          if (dot(data, dims, i, j) >= options.threshold) uf.union(i, j);
        }
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
