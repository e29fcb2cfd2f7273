/**
 * Disjoint sets over 0..n−1 in two Int32Arrays (8 bytes per element): union by size and path halving,
 * so any sequence of m operations costs O(m·α(n)), effectively constant per operation.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(readonly length: number) {
    this.parent = new Int32Array(length);
    this.size = new Int32Array(length).fill(1);
    for (let i = 0; i < length; i++) this.parent[i] = i;
  }

  /** The representative of x's set. */
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      const up = p[p[x]!]!;
      p[x] = up;
      x = up;
    }
    return x;
  }

  /** Merges the sets of a and b; false when they were already one set. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }

  /** Size of x's set. */
  sizeOf(x: number): number {
    return this.size[this.find(x)]!;
  }

  /** Every set of two or more elements, each sorted ascending, ordered by its smallest element. */
  groups(): number[][] {
    const n = this.length;
    const slot = new Int32Array(n).fill(-1);
    const out: number[][] = [];
    for (let i = 0; i < n; i++) {
      const r = this.find(i);
      if (this.size[r]! < 2) continue;
      let g = slot[r]!;
      if (g < 0) {
        g = out.length;
        slot[r] = g;
        out.push([]);
      }
      out[g]!.push(i);
    }
    return out;
  }
}
