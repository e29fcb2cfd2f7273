import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Actor } from '../../../core/actor.js';
import { TandemError } from '../../../core/errors.js';
import type { Store } from '../../../store/store.js';
import { type CheckInputs, type CheckRunSummary, prepareChecks } from '../run-checks.js';
import type { Tallies } from '../tally.js';
import { finishCheckRun } from './finish.js';
import { CHECK_SHARD_JOB, type CheckShardPayload, type CheckShardResult, runCheckShard } from './shard.js';

/**
 * `tandem check --queue`: the run is cut into shards of records, queued as jobs that any number of
 * `tandem worker` processes (on any machine reaching the store) take; this process works on them
 * too unless told not to, reports progress across all workers, and finishes the run when the last
 * shard is done. A worker that dies loses its lease and another takes its shard over; this process
 * dying loses nothing either: `--run ID` picks the run up where it was.
 */

export interface QueuedCheckOptions extends CheckInputs {
  actor: Actor;
  /** Records per shard (default 10,000). */
  shardSize?: number;
  /** Resume this run instead of starting one. */
  runId?: string;
  /** Take shards here as well as waiting for workers (default true). */
  work?: boolean;
  leaseMs?: number;
  pollMs?: number;
  onProgress?: (p: { shards: number; done: number; records: number; runId: string }) => void;
}

export async function runQueuedChecks(
  store: Store,
  o: QueuedCheckOptions,
): Promise<CheckRunSummary & { runId: string; shards: number }> {
  const inputs: CheckInputs = { dataset: o.dataset, only: o.only, config: o.config, evalFiles: o.evalFiles };
  // Resolving here first: bad settings are an error before anything is queued.
  const prepared = await prepareChecks(store, inputs);
  let runId = o.runId;
  if (runId === undefined) {
    runId = `check-${randomUUID()}`;
    const ranges = await store.checkShards.ranges(prepared.dataset.id, o.shardSize ?? 10_000);
    const payloads: CheckShardPayload[] = ranges.map((ids, shard) => ({ runId: runId!, shard, ids, inputs }));
    await store.jobs.enqueue(CHECK_SHARD_JOB, runId, payloads);
  } else if ((await store.jobs.ofRun(runId, CHECK_SHARD_JOB)).length === 0) {
    throw new TandemError('usage', `no queued check run '${runId}'`);
  }
  const worker = `${hostname()}:${process.pid}`;
  const leaseMs = o.leaseMs ?? 60_000;
  for (;;) {
    const jobs = await store.jobs.ofRun<CheckShardPayload>(runId, CHECK_SHARD_JOB);
    const done = jobs.filter((j) => j.status === 'done');
    const failed = jobs.find((j) => j.status === 'failed');
    if (failed)
      throw new TandemError('internal', `shard ${failed.payload.shard} of ${runId} failed: ${failed.error}`);
    o.onProgress?.({
      runId,
      shards: jobs.length,
      done: done.length,
      records: done.reduce((s, j) => s + (j.result as CheckShardResult).records, 0),
    });
    if (done.length === jobs.length) {
      const summary = await finishCheckRun(store, {
        runId,
        inputs,
        shardTallies: done.map((j) => (j.result as CheckShardResult).tallies as Tallies),
        actor: o.actor,
      });
      return { ...summary, runId, shards: jobs.length };
    }
    const took = o.work === false ? false : await workOneShard(store, worker, leaseMs, runId);
    if (!took) await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
}

/** Claims and does one shard of `runId` (any run when undefined); false when none was free. */
export async function workOneShard(
  store: Store,
  worker: string,
  leaseMs: number,
  runId?: string,
): Promise<boolean> {
  const job = await store.jobs.claim<CheckShardPayload>([CHECK_SHARD_JOB], worker, leaseMs, 5, runId);
  if (!job) return false;
  const renew = setInterval(() => {
    store.jobs.renewLease(job.id, worker, leaseMs).catch(() => {});
  }, leaseMs / 3);
  try {
    const result = await runCheckShard(store, job.payload);
    await store.jobs.finish(job.id, { status: 'done', result });
  } catch (e) {
    const bad =
      (e as { code?: string }).code === 'bad_input' || (e as { code?: string }).code === 'not_found';
    await store.jobs.finish(job.id, { status: bad ? 'failed' : 'queued', error: (e as Error).message });
    if (bad) throw e;
  } finally {
    clearInterval(renew);
  }
  return true;
}
