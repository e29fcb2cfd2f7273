/**
 * Clusters documents from their sketches (see sketch.ts): documents with the same exact key join one
 * cluster directly; the rest go through LSH banding, every candidate pair is confirmed by its Jaccard
 * similarity, and confirmed pairs are merged with union-find (so clusters are transitive: A~B and B~C
 * put A, B and C together even when A and C alone fall below the threshold).
 */

import { keptJaccard } from './jaccard.js';
import { BucketSorter } from './lsh.js';
import { estimateJaccard } from './minhash.js';
import type { SketchBatch, SketchParams } from './sketch.js';
import { UnionFind } from './union-find.js';

/** Buckets larger than this are compared against leaders, not pair by pair (see `confirmBucket`). */
export const LARGE_BUCKET = 2000;
const MAX_LEADERS = 1000;

export interface ClusterStats {
  documents: number;
  /** Documents joined to an earlier one by the exact pass. */
  exactDuplicates: number;
  /** Candidate pairs whose similarity was computed (pairs already in one cluster are skipped). */
  candidatePairs: number;
  /** Candidate pairs at or above the threshold. */
  confirmedPairs: number;
}

/** Who is kept in a cluster: the highest priority, ties to the lowest index. */
export type Priority = ArrayLike<number> | ((index: number) => number);

export interface Clustering extends ClusterStats {
  /** Clusters of two or more documents: the kept one first, then the others ascending. */
  clusters: number[][];
  /** Documents that are not kept: the sum of (cluster size − 1). */
  duplicates: number;
}

/** Documents sketched in batches of `batchSize` (the last may be shorter), in document order. */
export function clusterSketches(
  batches: readonly SketchBatch[],
  batchSize: number,
  params: SketchParams,
  threshold: number,
  priority?: Priority,
): Clustering {
  const n = batches.reduce((s, b) => s + b.count, 0);
  const uf = new UnionFind(n);
  const batchOf = (i: number) => batches[Math.floor(i / batchSize)]!;

  // 1. Exact duplicates: open addressing on the 128-bit keys; later copies join the first.
  const representative = new Uint8Array(n);
  let exactDuplicates = 0;
  {
    const mask = (1 << Math.max(4, Math.ceil(Math.log2(2 * n + 1)))) - 1;
    const slots = new Int32Array(mask + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = batchOf(i).keys;
      const at = 4 * (i % batchSize);
      let s = k[at]! & mask;
      for (;;) {
        const j = slots[s]!;
        if (j < 0) {
          slots[s] = i;
          representative[i] = 1;
          break;
        }
        const kj = batchOf(j).keys;
        const jat = 4 * (j % batchSize);
        if (
          kj[jat] === k[at] &&
          kj[jat + 1] === k[at + 1] &&
          kj[jat + 2] === k[at + 2] &&
          kj[jat + 3] === k[at + 3]
        ) {
          uf.union(j, i);
          exactDuplicates++;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }

  // 2. LSH over representatives that have shingles.
  const ids = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (representative[i] && batchOf(i).sizes[i % batchSize]! > 0) ids[m++] = i;
  const keys = new Uint32Array(m);
  const similarity = similarityOf(batchOf, batchSize, params);
  let candidatePairs = 0;
  let confirmedPairs = 0;
  const tryPair = (x: number, y: number): boolean => {
    if (uf.find(x) === uf.find(y)) return true;
    candidatePairs++;
    if (similarity(x, y) < threshold) return false;
    confirmedPairs++;
    uf.union(x, y);
    return true;
  };
  const sorter = new BucketSorter(m);
  const members = ids.slice(0, m);
  const bands = params.bands;
  for (let band = 0; band < bands; band++) {
    // forEachBucket reorders ids: start each band from the members in ascending order.
    ids.set(members);
    for (let t = 0; t < m; t++) {
      const i = members[t]!;
      keys[t] = batchOf(i).bandHashes[(i % batchSize) * bands + band]!;
    }
    sorter.forEachBucket(keys, ids, m, (bucket, start, end) => confirmBucket(bucket, start, end, tryPair));
  }

  // 3. Clusters, kept first.
  const rank =
    priority === undefined
      ? undefined
      : typeof priority === 'function'
        ? priority
        : (i: number) => priority[i]!;
  const clusters = uf.groups().map((g) => {
    if (!rank) return g;
    let best = 0;
    let bestRank = rank(g[0]!);
    for (let k = 1; k < g.length; k++) {
      const r = rank(g[k]!);
      if (r > bestRank) {
        best = k;
        bestRank = r;
      }
    }
    return best === 0 ? g : [g[best]!, ...g.slice(0, best), ...g.slice(best + 1)];
  });
  const duplicates = clusters.reduce((s, c) => s + c.length - 1, 0);
  return { documents: n, exactDuplicates, candidatePairs, confirmedPairs, clusters, duplicates };
}

/**
 * Confirms the pairs of one bucket (ids ascending). Up to LARGE_BUCKET members: every pair not yet in
 * one cluster. Larger buckets (boilerplate shared by thousands of documents) would cost a quadratic
 * number of comparisons, so each member is compared with up to MAX_LEADERS earlier members that
 * matched no leader before them; a member matching no leader becomes one.
 */
function confirmBucket(
  ids: Uint32Array,
  start: number,
  end: number,
  tryPair: (x: number, y: number) => boolean,
): void {
  if (end - start <= LARGE_BUCKET) {
    for (let a = start; a < end; a++) for (let b = a + 1; b < end; b++) tryPair(ids[a]!, ids[b]!);
    return;
  }
  const leaders: number[] = [];
  for (let a = start; a < end; a++) {
    const x = ids[a]!;
    let matched = false;
    for (const l of leaders) if (tryPair(l, x)) matched = true;
    if (!matched && leaders.length < MAX_LEADERS) leaders.push(x);
  }
}

function similarityOf(
  batchOf: (i: number) => SketchBatch,
  batchSize: number,
  params: SketchParams,
): (x: number, y: number) => number {
  if (params.confirm === 'minhash') {
    const k = params.numPerm;
    return (x, y) =>
      estimateJaccard(
        batchOf(x).signatures!,
        batchOf(y).signatures!,
        (x % batchSize) * k,
        (y % batchSize) * k,
        k,
      );
  }
  return (x, y) => {
    const bx = batchOf(x);
    const by = batchOf(y);
    const lx = x % batchSize;
    const ly = y % batchSize;
    const ox = bx.offsets!;
    const oy = by.offsets!;
    return keptJaccard(
      bx.shingles!,
      ox[lx]!,
      ox[lx + 1]!,
      bx.sizes[lx]!,
      by.shingles!,
      oy[ly]!,
      oy[ly + 1]!,
      by.sizes[ly]!,
      params.maxShingles,
    );
  };
}
