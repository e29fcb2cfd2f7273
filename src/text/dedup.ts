/**
 * Near-duplicate detection over a stream of texts: an exact-duplicate pass on normalised text, then
 * MinHash + LSH with every candidate pair confirmed by Jaccard similarity, then clusters by union-find.
 * The per-text work (normalise, shingle, MinHash, band hashes) runs on worker threads, in batches; the
 * clustering runs here. See docs/checks.md for the method and measured figures.
 */

import { type Clustering, clusterSketches, type Priority } from './cluster.js';
import { type BandRows, type ErrorWeights, optimalBandRows } from './lsh.js';
import { DEFAULT_NUM_PERM, DEFAULT_SEED } from './minhash.js';
import { DEFAULT_NGRAM } from './shingles.js';
import { type ConfirmBy, createSketcher, type SketchBatch, type SketchParams } from './sketch.js';
import { sketchRunner } from './sketch-pool.js';

export type { Priority } from './cluster.js';

export const DEFAULT_THRESHOLD = 0.8;
export const DEFAULT_MAX_SHINGLES = 256;
export const DEFAULT_BATCH_SIZE = 1024;
/**
 * The LSH weights near-duplicate detection uses. Every candidate is confirmed, so a false positive of
 * the banding costs one comparison while a false negative is a duplicate missed for good: missing
 * weighs 19 times more. (datasketch's 0.5/0.5 gives b=9, r=13 at 0.8 and 128 permutations, which finds
 * a pair of similarity exactly 0.8 only 40% of the time; these weights give b=16, r=8: 95%.)
 */
export const DEDUP_WEIGHTS: ErrorWeights = { falsePositive: 0.05, falseNegative: 0.95 };

export interface NearDuplicateOptions {
  /** Jaccard similarity of shingle sets at or above which two texts are duplicates (default 0.8). */
  threshold?: number;
  /** MinHash permutations (default 128). */
  numPerm?: number;
  /** Shingle length in words, or characters for scripts written without spaces (default 5). */
  ngram?: number;
  /** Seed of the MinHash permutations (default 1). */
  seed?: number;
  /** How candidates are confirmed (default 'shingles': exact Jaccard, bottom-k beyond maxShingles). */
  confirm?: ConfirmBy;
  /** Shingle hashes kept per document for confirmation (default 256). */
  maxShingles?: number;
  /** LSH error weights (default DEDUP_WEIGHTS), or the bands and rows themselves. */
  weights?: ErrorWeights;
  bandRows?: BandRows;
  /** Who is kept in each cluster: the highest priority, ties to the lowest index (default: the first). */
  priority?: Priority;
  /** Worker threads (default: one per core; 0: this thread only; arrays of up to 2 batches: this thread). */
  threads?: number;
  batchSize?: number;
  /** Called after each batch with the number of texts sketched so far. */
  onProgress?: (texts: number) => void;
}

export interface NearDuplicateResult extends Clustering {
  threshold: number;
  numPerm: number;
  ngram: number;
  bands: number;
  rows: number;
}

export interface ResolvedOptions {
  threshold: number;
  batchSize: number;
  sketch: SketchParams;
}

function positiveInteger(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

/** Options with defaults applied and checked, and the bands and rows they lead to. */
export function resolveOptions(options: NearDuplicateOptions = {}): ResolvedOptions {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  const numPerm = positiveInteger('numPerm', options.numPerm ?? DEFAULT_NUM_PERM);
  const br = options.bandRows ?? optimalBandRows(threshold, numPerm, options.weights ?? DEDUP_WEIGHTS);
  if (br.bands * br.rows > numPerm) throw new RangeError('bands × rows must not exceed numPerm');
  return {
    threshold,
    batchSize: positiveInteger('batchSize', options.batchSize ?? DEFAULT_BATCH_SIZE),
    sketch: {
      numPerm,
      ngram: positiveInteger('ngram', options.ngram ?? DEFAULT_NGRAM),
      seed: options.seed ?? DEFAULT_SEED,
      bands: positiveInteger('bands', br.bands),
      rows: positiveInteger('rows', br.rows),
      confirm: options.confirm ?? 'shingles',
      maxShingles: positiveInteger('maxShingles', options.maxShingles ?? DEFAULT_MAX_SHINGLES),
    },
  };
}

function result(r: ResolvedOptions, batches: SketchBatch[], priority?: Priority): NearDuplicateResult {
  const c = clusterSketches(batches, r.batchSize, r.sketch, r.threshold, priority);
  const { numPerm, ngram, bands, rows } = r.sketch;
  return { ...c, threshold: r.threshold, numPerm, ngram, bands, rows };
}

function checkText(t: unknown, index: number): string {
  if (typeof t !== 'string') throw new TypeError(`text ${index} is not a string`);
  return t;
}

/**
 * Clusters of near-duplicate texts, their indexes in input order. Texts are sketched on worker threads
 * as they arrive (a stream is never held in memory; only each text's sketch is), then clustered. An
 * async iterable may yield arrays of texts instead of single texts (batches from a file reader), which
 * saves a promise per text.
 */
export async function findNearDuplicates(
  texts: Iterable<string> | AsyncIterable<string | readonly string[]>,
  options: NearDuplicateOptions = {},
): Promise<NearDuplicateResult> {
  // A string is iterable too, character by character: surely a mistake.
  if (typeof texts === 'string') throw new TypeError('texts must be an iterable of strings, not a string');
  const r = resolveOptions(options);
  // Starting workers costs ~100 ms, the work of about three batches: small arrays stay on this thread.
  const small = Array.isArray(texts) && texts.length <= 2 * r.batchSize;
  const runner = sketchRunner(r.sketch, small ? 0 : options.threads);
  const batches: SketchBatch[] = [];
  const inflight: Promise<SketchBatch>[] = [];
  const maxInflight = Math.max(2, 2 * runner.threads);
  let done = 0;
  let batch: string[] = [];
  const settle = async () => {
    const b = await inflight.shift()!;
    batches.push(b);
    done += b.count;
    options.onProgress?.(done);
  };
  const submit = async () => {
    const p = runner.sketch(batch);
    p.catch(() => {}); // awaited in order by settle; this only keeps a failure from going unhandled
    inflight.push(p);
    batch = [];
    while (inflight.length >= maxInflight) await settle();
  };
  try {
    let i = 0;
    if (Symbol.asyncIterator in texts) {
      for await (const item of texts) {
        for (const t of typeof item === 'string' ? [item] : item) {
          batch.push(checkText(t, i++));
          if (batch.length === r.batchSize) await submit();
        }
      }
    } else {
      for (const t of texts) {
        batch.push(checkText(t, i++));
        if (batch.length === r.batchSize) await submit();
      }
    }
    if (batch.length > 0) await submit();
    while (inflight.length > 0) await settle();
  } finally {
    await runner.close();
  }
  return result(r, batches, options.priority);
}

/** The same on this thread only, synchronously. */
export function findNearDuplicatesSync(
  texts: Iterable<string>,
  options: Omit<NearDuplicateOptions, 'threads'> = {},
): NearDuplicateResult {
  if (typeof texts === 'string') throw new TypeError('texts must be an iterable of strings, not a string');
  const r = resolveOptions(options);
  const sketch = createSketcher(r.sketch);
  const batches: SketchBatch[] = [];
  let batch: string[] = [];
  let i = 0;
  let done = 0;
  const flush = () => {
    batches.push(sketch(batch));
    done += batch.length;
    batch = [];
    options.onProgress?.(done);
  };
  for (const t of texts) {
    batch.push(checkText(t, i++));
    if (batch.length === r.batchSize) flush();
  }
  if (batch.length > 0) flush();
  return result(r, batches, options.priority);
}
