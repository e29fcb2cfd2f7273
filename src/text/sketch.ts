/**
 * Everything near-duplicate detection needs from one batch of texts, computed in one place so that it
 * can run on a worker thread: exact-duplicate keys, band hashes, and what confirms a candidate pair
 * (the shingle sets, or the MinHash signatures). The result is a handful of typed arrays, transferable
 * between threads without copying.
 */

import { sketchAscii } from './ascii.js';
import { type BandRows, bandHashesInto } from './lsh.js';
import { minhashInto, type Permutations, permutations, reduceHashes } from './minhash.js';
import { exactKeyInto, normalizeForHash } from './normalize.js';
import { Shingler, sortedUnique } from './shingles.js';

/** How a candidate pair is confirmed: Jaccard of the kept shingle sets, or the MinHash estimate. */
export type ConfirmBy = 'shingles' | 'minhash';

export interface SketchParams extends BandRows {
  numPerm: number;
  ngram: number;
  seed: number;
  confirm: ConfirmBy;
  /** With confirm 'shingles': the most shingle hashes kept per document (its smallest ones). */
  maxShingles: number;
}

export interface SketchBatch {
  count: number;
  /** Exact-duplicate keys: 4 words per document. */
  keys: Uint32Array;
  /** Number of distinct shingles per document (0: nothing to compare, e.g. an empty text). */
  sizes: Uint32Array;
  /** `bands` band hashes per document. */
  bandHashes: Uint32Array;
  /** confirm 'shingles': document i's kept hashes are shingles[offsets[i], offsets[i+1]), ascending. */
  offsets?: Uint32Array;
  shingles?: Uint32Array;
  /** confirm 'minhash': numPerm values per document. */
  signatures?: Uint32Array;
}

/** The buffers of a batch, for a transfer list. */
export function batchBuffers(b: SketchBatch): ArrayBuffer[] {
  const arrays = [b.keys, b.sizes, b.bandHashes, b.offsets, b.shingles, b.signatures];
  return arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer);
}

/** A sketcher for one thread: holds the permutations and scratch buffers between batches. */
export function createSketcher(params: SketchParams): (texts: readonly string[]) => SketchBatch {
  const perms: Permutations = permutations(params.numPerm, params.seed);
  const shingler = new Shingler(params.ngram);
  const { numPerm, bands, confirm, maxShingles } = params;
  let x = new Float64Array(256);
  const sig = new Uint32Array(numPerm);
  let kept = new Uint32Array(4096);

  return (texts) => {
    const n = texts.length;
    const keys = new Uint32Array(4 * n);
    const sizes = new Uint32Array(n);
    const bandHashes = new Uint32Array(bands * n);
    const offsets = confirm === 'shingles' ? new Uint32Array(n + 1) : undefined;
    const signatures = confirm === 'minhash' ? new Uint32Array(numPerm * n) : undefined;
    let used = 0;
    for (let i = 0; i < n; i++) {
      const text = texts[i]!;
      let count = sketchAscii(text, shingler, keys, 4 * i);
      if (count < 0) {
        const norm = normalizeForHash(text);
        exactKeyInto(norm, keys, 4 * i);
        count = shingler.run(norm);
      }
      // Only now: shingling may replace `hashes` with a larger buffer.
      const set = sortedUnique(shingler.hashes.subarray(0, count));
      const m = set.length;
      sizes[i] = m;
      if (x.length < m) x = new Float64Array(m + 256);
      reduceHashes(set, m, x);
      minhashInto(perms, x, m, sig, 0);
      bandHashesInto(sig, 0, params, bandHashes, bands * i);
      if (signatures) signatures.set(sig, numPerm * i);
      if (offsets) {
        const take = Math.min(m, maxShingles);
        if (kept.length < used + take) {
          const grown = new Uint32Array(Math.max(kept.length * 2, used + take));
          grown.set(kept.subarray(0, used));
          kept = grown;
        }
        kept.set(set.subarray(0, take), used);
        used += take;
        offsets[i + 1] = used;
      }
    }
    const batch: SketchBatch = { count: n, keys, sizes, bandHashes };
    if (offsets) {
      batch.offsets = offsets;
      batch.shingles = kept.slice(0, used);
    }
    if (signatures) batch.signatures = signatures;
    return batch;
  };
}
