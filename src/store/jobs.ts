import { sql } from 'kysely';
import type { Ctx } from './context.js';
import { adapterOf, now } from './context.js';
import { readJson, readJsonOrNull, writeJson } from './dialect.js';

/**
 * The work queue shared by `tandem worker` processes. A job is claimed with a lease; a worker that
 * dies stops renewing it, and the job goes back to the queue when the lease runs out. On PostgreSQL
 * claims use FOR UPDATE SKIP LOCKED, so many workers claim different jobs without waiting on each
 * other; SQLite has one writer, so its transaction alone makes a claim exclusive.
 */

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job<P = unknown> {
  id: number;
  kind: string;
  runId: string;
  payload: P;
  status: JobStatus;
  attempts: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  result: unknown;
  error: string | null;
}

type JobRow = {
  id: number;
  kind: string;
  run_id: string;
  payload: unknown;
  status: string;
  attempts: number;
  claimed_by: string | null;
  claimed_until: number | null;
  result: unknown;
  error: string | null;
};

function toJob<P>(r: JobRow): Job<P> {
  return {
    id: Number(r.id),
    kind: r.kind,
    runId: r.run_id,
    payload: readJson<P>(r.payload),
    status: r.status as JobStatus,
    attempts: Number(r.attempts),
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until === null ? null : Number(r.claimed_until),
    result: readJsonOrNull(r.result),
    error: r.error,
  };
}

export async function enqueueJobs(
  ctx: Ctx,
  kind: string,
  runId: string,
  payloads: unknown[],
): Promise<number> {
  const t = now();
  for (let i = 0; i < payloads.length; i += 500) {
    await ctx.db
      .insertInto('jobs')
      .values(
        payloads.slice(i, i + 500).map((p) => ({
          kind,
          run_id: runId,
          payload: writeJson(p),
          status: 'queued',
          attempts: 0,
          created_at: t,
          updated_at: t,
        })),
      )
      .execute();
  }
  return payloads.length;
}

/** Claims the oldest available job of these kinds (queued, or running with an expired lease). */
export async function claimJob<P = unknown>(
  ctx: Ctx,
  kinds: string[],
  worker: string,
  leaseMs: number,
  maxAttempts = 5,
  runId?: string,
): Promise<Job<P> | undefined> {
  const t = now();
  // One statement: atomic on both backends. SQLite needs no lock upgrade mid-transaction (which
  // would deadlock two processes claiming at once); PostgreSQL skips rows other workers hold.
  const lock = adapterOf(ctx).skipLocked();
  const result = await sql<JobRow>`
    UPDATE jobs SET status = 'running', claimed_by = ${worker}, claimed_until = ${t + leaseMs},
      attempts = attempts + 1, updated_at = ${t}
    WHERE id = (
      SELECT id FROM jobs
      WHERE kind IN (${sql.join(kinds)})${runId === undefined ? sql`` : sql` AND run_id = ${runId}`}
        AND (status = 'queued' OR (status = 'running' AND claimed_until < ${t}))
        AND attempts < ${maxAttempts}
      ORDER BY id LIMIT 1 ${lock})
    RETURNING *`.execute(ctx.db);
  const row = result.rows[0];
  return row ? toJob<P>(row) : undefined;
}

/** Extends a lease the worker still holds; false when another worker has taken the job over. */
export async function renewLease(ctx: Ctx, id: number, worker: string, leaseMs: number): Promise<boolean> {
  const t = now();
  const r = await ctx.db
    .updateTable('jobs')
    .set({ claimed_until: t + leaseMs, updated_at: t })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishJob(
  ctx: Ctx,
  id: number,
  outcome: { status: 'done'; result?: unknown } | { status: 'failed' | 'queued'; error: string },
): Promise<void> {
  await ctx.db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      result: outcome.status === 'done' ? writeJson(outcome.result ?? null) : null,
      error: outcome.status === 'done' ? null : outcome.error,
      claimed_until: null,
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

export async function jobsOfRun<P = unknown>(ctx: Ctx, runId: string, kind?: string): Promise<Job<P>[]> {
  let q = ctx.db.selectFrom('jobs').selectAll().where('run_id', '=', runId);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => toJob<P>(r as unknown as JobRow));
}

export async function countJobs(ctx: Ctx, runId: string): Promise<Record<JobStatus, number>> {
  const rows = await ctx.db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('status')
    .execute();
  const out: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) out[r.status as JobStatus] = Number(r.n);
  return out;
}

/** Updates a job's payload in place (a batch job records the ids OpenAI gave it). */
export async function updateJobPayload(ctx: Ctx, id: number, payload: unknown): Promise<void> {
  await ctx.db
    .updateTable('jobs')
    .set({ payload: writeJson(payload), updated_at: now() })
    .where('id', '=', id)
    .execute();
}

/**
 * Puts a running job back in the queue without counting the attempt: it stopped for a reason that is
 * not its own (the model server was unreachable), so another worker or a later run should take it.
 */
export async function releaseJob(ctx: Ctx, id: number, error: string): Promise<void> {
  await ctx.db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      attempts: eb('attempts', '-', 1),
      error,
      result: null,
      claimed_until: null,
      updated_at: now(),
    }))
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export const jobsRepository = {
  enqueue: enqueueJobs,
  claim: claimJob,
  renewLease,
  finish: finishJob,
  release: releaseJob,
  ofRun: jobsOfRun,
  count: countJobs,
  updatePayload: updateJobPayload,
};
