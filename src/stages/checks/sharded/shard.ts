import type { Store } from '../../../store/store.js';
import { resolveOptions } from '../../../text/dedup.js';
import { createSketcher, type SketchBatch } from '../../../text/sketch.js';
import { concatSketches, encodeSketches } from '../../../text/sketch-codec.js';
import { keepPriority } from '../dedup-check.js';
import { recordTexts } from '../record-texts.js';
import {
  type CheckInputs,
  checkPage,
  type PreparedChecks,
  prepareChecks,
  prepareModel,
} from '../run-checks.js';
import { emptyTallies, type Tallies } from '../tally.js';

/** A queued check run's unit of work: the records of one id range. */
export const CHECK_SHARD_JOB = 'check.shard';

export interface CheckShardPayload {
  runId: string;
  shard: number;
  ids: { from: number; to: number };
  inputs: CheckInputs;
}

export interface CheckShardResult {
  records: number;
  tallies: Tallies;
}

/** A worker takes many shards of one run: resolve its settings, eval sets and detectors once. */
let last: { runId: string; prepared: Promise<PreparedChecks> } | undefined;
function preparedFor(store: Store, job: CheckShardPayload): Promise<PreparedChecks> {
  if (last?.runId !== job.runId) {
    const prepared = prepareChecks(store, job.inputs);
    prepared.catch(() => {
      last = undefined;
    });
    last = { runId: job.runId, prepared };
  }
  return last.prepared;
}

/** What a shard hands over per record for near-duplicates, beside its sketch. */
export interface ShardSketchMeta {
  ids: number[];
  externalIds: string[];
  priorities: number[];
}

/**
 * Checks one shard: the per-record checks are stored at once; near-duplicate sketches go to
 * `check_shards` for the step that clusters the whole dataset. Statuses move only in that last step,
 * once every check has a verdict. Doing a shard twice (a worker died after writing) writes the same.
 */
export async function runCheckShard(
  store: Store,
  job: CheckShardPayload,
  prepared?: PreparedChecks,
): Promise<CheckShardResult> {
  const p = prepared ?? (await preparedFor(store, job));
  const names = p.checkers.map((c) => c.name);
  const tallies = emptyTallies(names);
  const dedup = p.config.dedup.enabled
    ? resolveOptions({ threshold: p.config.dedup.threshold, ngram: p.config.dedup.ngram })
    : undefined;
  const sketch = dedup ? createSketcher(dedup.sketch) : undefined;
  const batches: SketchBatch[] = [];
  const meta: ShardSketchMeta = { ids: [], externalIds: [], priorities: [] };
  let records = 0;
  for await (const page of store.records.stream(p.dataset.id, { ids: job.ids })) {
    await prepareModel(page, p);
    const results = checkPage(page, p, tallies);
    const ids = page.map((r) => r.id);
    if (names.length > 0) await store.checkResults.replace(ids, names, results);
    if (sketch) {
      batches.push(sketch(page.map((r) => recordTexts(r, p.dataset.settings).joined)));
      for (const r of page) {
        meta.ids.push(r.id);
        meta.externalIds.push(r.externalId);
        meta.priorities.push(keepPriority(r));
      }
    }
    records += page.length;
  }
  if (sketch)
    await store.checkShards.put(job.runId, job.shard, encodeSketches(concatSketches(batches), meta));
  return { records, tallies };
}
