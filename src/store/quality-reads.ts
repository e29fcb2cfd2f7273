import { sql } from 'kysely';
import { ANNOTATION_ROUND } from '../core/rounds.js';
import type { Ctx } from './context.js';
import { readJson } from './dialect.js';

/** What the quality measurements read: answers for agreement, disputed records, second-review tallies. */

export interface AnnotationAnswer {
  record: number;
  user: string;
  status: string;
  values: Record<string, unknown>;
  /** Time spent, in milliseconds. */
  time: number;
}

const PAGE = 5000;

/**
 * Every final answer (submitted or discarded) of the annotation round on the dataset's ordinary
 * (not gold) records, a page of records at a time in record order.
 */
export async function* annotationAnswers(ctx: Ctx, datasetId: number): AsyncGenerator<AnnotationAnswer[]> {
  let after = 0;
  for (;;) {
    const page = sql`SELECT id FROM records WHERE dataset_id = ${datasetId} AND gold_values IS NULL
      AND id > ${after} ORDER BY id LIMIT ${PAGE}`;
    const rows = await sql<{
      record_id: number;
      username: string;
      status: string;
      values: unknown;
      t: number;
    }>`
      SELECT x.record_id, u.username, x.status, x."values" AS "values", x.time_spent_ms AS t
      FROM responses x JOIN users u ON u.id = x.user_id
      WHERE x.record_id IN (${page}) AND x.round = ${ANNOTATION_ROUND} AND x.status <> 'draft'
      ORDER BY x.record_id`.execute(ctx.db);
    const last = await sql<{ id: number }>`SELECT max(id) AS id FROM (${page}) page`.execute(ctx.db);
    yield rows.rows.map((r) => ({
      record: Number(r.record_id),
      user: r.username,
      status: r.status,
      values: readJson(r.values),
      time: Number(r.t),
    }));
    const next = last.rows[0]?.id;
    if (next === null || next === undefined) return;
    after = Number(next);
  }
}

/** The most disputed records still undecided: the head of the reviewers' (adjudication) queue. */
export async function disputedRecords(
  ctx: Ctx,
  datasetId: number,
  limit: number,
): Promise<{ id: number; externalId: string; disagreement: number; status: string }[]> {
  const r = await sql<{ id: number; external_id: string; disagreement: number; status: string }>`
    SELECT id, external_id, disagreement, status FROM records
    WHERE dataset_id = ${datasetId} AND disagreement > 0 AND open_slots = 0 AND status = 'in_review'
    ORDER BY disagreement DESC, id LIMIT ${limit}`.execute(ctx.db);
  return r.rows.map((x) => ({
    id: Number(x.id),
    externalId: x.external_id,
    disagreement: Number(x.disagreement),
    status: x.status,
  }));
}

/** Accepted records a second reviewer looked at, and how many of those they disputed. */
export async function secondReviewTally(
  ctx: Ctx,
  datasetId: number,
): Promise<{ reviewed: number; disagreed: number }> {
  const r = await sql<{ reviewed: number; disagreed: number }>`
    SELECT sum(CASE WHEN second_review IN ('agreed', 'disagreed') THEN 1 ELSE 0 END) AS reviewed,
      sum(CASE WHEN second_review = 'disagreed' THEN 1 ELSE 0 END) AS disagreed
    FROM records WHERE dataset_id = ${datasetId}`.execute(ctx.db);
  return { reviewed: Number(r.rows[0]?.reviewed ?? 0), disagreed: Number(r.rows[0]?.disagreed ?? 0) };
}

/** Records of the dataset that are not gold. */
export async function countOrdinaryRecords(ctx: Ctx, datasetId: number): Promise<number> {
  const r = await ctx.db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dataset_id', '=', datasetId)
    .where('gold_values', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The submitted answers of records whose answers are all in and that nobody decided (gold aside),
 * grouped by record in id order, with the record's version for an optimistic write.
 */
export async function undecidedAnswers(
  ctx: Ctx,
  datasetId: number,
): Promise<Map<number, { version: number; answers: { user: string; values: Record<string, unknown> }[] }>> {
  const rows = await sql<{ record_id: number; username: string; values: unknown; version: number }>`
    SELECT x.record_id, u.username, x."values" AS "values", r.version
    FROM records r JOIN responses x ON x.record_id = r.id JOIN users u ON u.id = x.user_id
    WHERE r.dataset_id = ${datasetId} AND r.open_slots = 0 AND r.status = 'in_review' AND r.gold_values IS NULL
      AND x.round = ${ANNOTATION_ROUND} AND x.status = 'submitted'
    ORDER BY x.record_id, x.id`.execute(ctx.db);
  const out = new Map<
    number,
    { version: number; answers: { user: string; values: Record<string, unknown> }[] }
  >();
  for (const r of rows.rows) {
    const id = Number(r.record_id);
    const rec = out.get(id) ?? { version: Number(r.version), answers: [] };
    rec.answers.push({ user: r.username, values: readJson(r.values) });
    out.set(id, rec);
  }
  return out;
}

export const qualityReadsRepository = {
  annotationAnswers,
  disputed: disputedRecords,
  secondReviewTally,
  countOrdinary: countOrdinaryRecords,
  undecidedAnswers,
};
