import { sql } from 'kysely';
import type { RecordStatus } from '../../core/record.js';
import type { Ctx } from '../../store/context.js';
import { countByStatus, type Dataset, totalOf } from '../../store/datasets.js';
import { ANNOTATION_ROUND } from '../../store/queue.js';

export interface AnnotatorProgress {
  username: string;
  submitted: number;
  discarded: number;
  drafts: number;
  skipped: number;
  medianTimeMs: number | null;
  meanTimeMs: number | null;
  lastAt: number | null;
}

export interface Progress {
  dataset: string;
  total: number;
  byStatus: Partial<Record<RecordStatus, number>>;
  responsesPerRecord: number;
  remainingResponses: number;
  awaitingReview: number;
  annotators: AnnotatorProgress[];
}

/**
 * A dataset's progress: records per status, answers still wanted, records waiting for a reviewer,
 * and per annotator what they did and how long a record took them (median and mean of submitted
 * answers). `onlyUser` limits the per-annotator rows to one person (what an annotator may see).
 */
export async function datasetProgress(ctx: Ctx, dataset: Dataset, onlyUser?: number): Promise<Progress> {
  const byStatus = await countByStatus(ctx, dataset.id);
  const wanted = dataset.settings.distribution.responsesPerRecord;
  const slots = await sql<{ remaining: number | null; awaiting: number | null }>`
    SELECT
      sum(CASE WHEN status IN ('accepted', 'rejected') THEN 0 ELSE coalesce(open_slots, ${wanted}) END) AS remaining,
      sum(CASE WHEN open_slots = 0 AND status = 'in_review' THEN 1 ELSE 0 END) AS awaiting
    FROM records WHERE dataset_id = ${dataset.id}`.execute(ctx.db);
  const userFilter = onlyUser === undefined ? sql`` : sql`AND x.user_id = ${onlyUser}`;
  const counts = await sql<{
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
    WHERE r.dataset_id = ${dataset.id} AND x.round = ${ANNOTATION_ROUND} ${userFilter}
    GROUP BY x.user_id, u.username ORDER BY u.username`.execute(ctx.db);
  const skipped = await sql<{ user_id: number; n: number }>`
    SELECT a.user_id, count(*) AS n FROM assignments a JOIN records r ON r.id = a.record_id
    WHERE r.dataset_id = ${dataset.id} AND a.kind = 'skipped' GROUP BY a.user_id`.execute(ctx.db);
  const skips = new Map(skipped.rows.map((s) => [Number(s.user_id), Number(s.n)]));

  const annotators: AnnotatorProgress[] = [];
  for (const c of counts.rows) {
    annotators.push({
      username: c.username,
      submitted: Number(c.submitted),
      discarded: Number(c.discarded),
      drafts: Number(c.drafts),
      skipped: skips.get(Number(c.user_id)) ?? 0,
      medianTimeMs: Number(c.submitted) > 0 ? await medianTime(ctx, dataset.id, Number(c.user_id)) : null,
      meanTimeMs: c.mean === null ? null : Math.round(Number(c.mean)),
      lastAt: c.last_at === null ? null : Number(c.last_at),
    });
  }
  return {
    dataset: dataset.name,
    total: totalOf(byStatus),
    byStatus,
    responsesPerRecord: wanted,
    remainingResponses: Number(slots.rows[0]?.remaining ?? 0),
    awaitingReview: Number(slots.rows[0]?.awaiting ?? 0),
    annotators,
  };
}

/** The median by OFFSET: the database sorts one annotator's times, nothing else leaves it. */
async function medianTime(ctx: Ctx, datasetId: number, userId: number): Promise<number | null> {
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
