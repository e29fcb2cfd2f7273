import { sql } from 'kysely';
import { CLOSED_STATUSES } from '../core/lifecycle.js';
import { ANNOTATION_ROUND } from '../core/rounds.js';
import type { Ctx } from './context.js';

/** What a dataset's progress page reads: answers still wanted, and per annotator what they did. */

/** Answers still wanted over the dataset, and records with all their answers waiting for a reviewer. */
export async function slotTotals(
  ctx: Ctx,
  datasetId: number,
  wanted: number,
): Promise<{ remaining: number; awaiting: number }> {
  const r = await sql<{ remaining: number | null; awaiting: number | null }>`
    SELECT
      sum(CASE WHEN status IN (${sql.join([...CLOSED_STATUSES])}) THEN 0 ELSE coalesce(open_slots, ${wanted}) END) AS remaining,
      sum(CASE WHEN open_slots = 0 AND status = 'in_review' THEN 1 ELSE 0 END) AS awaiting
    FROM records WHERE dataset_id = ${datasetId}`.execute(ctx.db);
  return { remaining: Number(r.rows[0]?.remaining ?? 0), awaiting: Number(r.rows[0]?.awaiting ?? 0) };
}

export interface AnswerCounts {
  userId: number;
  username: string;
  submitted: number;
  discarded: number;
  drafts: number;
  /** Mean time of submitted answers, in milliseconds. */
  meanTimeMs: number | null;
  lastAt: number | null;
}

/** Per annotator (or for one), their answers in the annotation round by status, in user name order. */
export async function answerCounts(ctx: Ctx, datasetId: number, onlyUser?: number): Promise<AnswerCounts[]> {
  const userFilter = onlyUser === undefined ? sql`` : sql`AND x.user_id = ${onlyUser}`;
  const r = await sql<{
    user_id: number;
    username: string;
    submitted: number;
    discarded: number;
    drafts: number;
    mean: number | null;
    last_at: number | null;
  }>`
    SELECT x.user_id, u.username,
      sum(CASE WHEN x.status = 'submitted' THEN 1 ELSE 0 END) AS submitted,
      sum(CASE WHEN x.status = 'discarded' THEN 1 ELSE 0 END) AS discarded,
      sum(CASE WHEN x.status = 'draft' THEN 1 ELSE 0 END) AS drafts,
      avg(CASE WHEN x.status = 'submitted' THEN x.time_spent_ms END) AS mean,
      max(x.updated_at) AS last_at
    FROM responses x JOIN records r ON r.id = x.record_id JOIN users u ON u.id = x.user_id
    WHERE r.dataset_id = ${datasetId} AND x.round = ${ANNOTATION_ROUND} ${userFilter}
    GROUP BY x.user_id, u.username ORDER BY u.username`.execute(ctx.db);
  return r.rows.map((c) => ({
    userId: Number(c.user_id),
    username: c.username,
    submitted: Number(c.submitted),
    discarded: Number(c.discarded),
    drafts: Number(c.drafts),
    meanTimeMs: c.mean === null ? null : Math.round(Number(c.mean)),
    lastAt: c.last_at === null ? null : Number(c.last_at),
  }));
}

/** Records each user skipped in the dataset, by user id. */
export async function skipsByUser(ctx: Ctx, datasetId: number): Promise<Map<number, number>> {
  const r = await sql<{ user_id: number; n: number }>`
    SELECT a.user_id, count(*) AS n FROM assignments a JOIN records r ON r.id = a.record_id
    WHERE r.dataset_id = ${datasetId} AND a.kind = 'skipped' GROUP BY a.user_id`.execute(ctx.db);
  return new Map(r.rows.map((s) => [Number(s.user_id), Number(s.n)]));
}

/** The median time of one annotator's submitted answers, by OFFSET: the database sorts them, nothing else leaves it. */
export async function medianTime(ctx: Ctx, datasetId: number, userId: number): Promise<number | null> {
  const base = sql`FROM responses x JOIN records r ON r.id = x.record_id
    WHERE r.dataset_id = ${datasetId} AND x.user_id = ${userId} AND x.round = ${ANNOTATION_ROUND}
      AND x.status = 'submitted'`;
  const n = Number((await sql<{ n: number }>`SELECT count(*) AS n ${base}`.execute(ctx.db)).rows[0]?.n ?? 0);
  if (n === 0) return null;
  const mid = await sql<{ t: number }>`
    SELECT x.time_spent_ms AS t ${base} ORDER BY x.time_spent_ms LIMIT ${n % 2 ? 1 : 2} OFFSET ${Math.floor((n - 1) / 2)}`.execute(
    ctx.db,
  );
  const ts = mid.rows.map((r) => Number(r.t));
  return Math.round(ts.reduce((a, b) => a + b, 0) / ts.length);
}

export const progressReadsRepository = { slotTotals, answerCounts, skipsByUser, medianTime };
