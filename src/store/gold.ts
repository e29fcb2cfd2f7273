import { sql } from 'kysely';
import type { Actor } from '../core/actor.js';
import type { GoldAnswer } from '../core/annotation.js';
import { ANNOTATION_ROUND } from '../core/rounds.js';
import type { Ctx } from './context.js';
import { readJson } from './dialect.js';
import { applyGold } from './record-lifecycle.js';

/**
 * Gold records: records whose right answers are known. They sit in the dataset as accepted records
 * (their known answers are their final values, method `gold`) and are mixed into annotators'
 * queues; what annotators answer on them measures the annotators, not the records.
 */

export async function setGold(
  ctx: Ctx,
  datasetId: number,
  items: { recordId: number; values: Record<string, unknown> }[],
  actor: Actor,
): Promise<void> {
  const at = new Date().toISOString();
  await applyGold(
    ctx,
    datasetId,
    items.map((item) => ({
      recordId: item.recordId,
      goldValues: item.values,
      finalValues: Object.fromEntries(
        Object.entries(item.values).map(([q, value]) => [
          q,
          { value, method: 'gold' as const, decidedBy: null, at },
        ]),
      ),
    })),
    actor,
  );
}

/** Gold records this user answered or skipped in the dataset (what makes the next gold pick differ). */
export async function goldSeenBy(ctx: Ctx, datasetId: number, userId: number): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*) AS n FROM records r
    WHERE r.dataset_id = ${datasetId} AND r.gold_values IS NOT NULL
      AND (EXISTS (SELECT 1 FROM responses x WHERE x.record_id = r.id AND x.user_id = ${userId}
            AND x.round = ${ANNOTATION_ROUND} AND x.status <> 'draft')
        OR EXISTS (SELECT 1 FROM assignments a WHERE a.record_id = r.id AND a.user_id = ${userId}
            AND a.round = ${ANNOTATION_ROUND} AND a.kind = 'skipped'))`.execute(ctx.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** A gold record the user has not answered or skipped, or null. */
export async function unseenGold(ctx: Ctx, datasetId: number, userId: number): Promise<number | null> {
  const r = await sql<{ id: number }>`
    SELECT r.id FROM records r
    WHERE r.dataset_id = ${datasetId} AND r.gold_values IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.record_id = r.id AND x.user_id = ${userId}
        AND x.round = ${ANNOTATION_ROUND} AND x.status <> 'draft')
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.record_id = r.id AND a.user_id = ${userId}
        AND a.round = ${ANNOTATION_ROUND} AND a.kind = 'skipped')
    ORDER BY r.id LIMIT 1`.execute(ctx.db);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/** Every answer given on the dataset's gold records (one user's, when `userId` is given). */
export async function goldAnswers(ctx: Ctx, datasetId: number, userId?: number): Promise<GoldAnswer[]> {
  const rows = await sql<{
    user_id: number;
    username: string;
    record_id: number;
    status: string;
    values: unknown;
    gold: unknown;
  }>`
    SELECT x.user_id, u.username, x.record_id, x.status, x."values" AS "values", r.gold_values AS gold
    FROM records r JOIN responses x ON x.record_id = r.id JOIN users u ON u.id = x.user_id
    WHERE r.dataset_id = ${datasetId} AND r.gold_values IS NOT NULL AND x.round = ${ANNOTATION_ROUND}
      AND x.status <> 'draft' ${userId === undefined ? sql`` : sql`AND x.user_id = ${userId}`}
    ORDER BY x.user_id, x.record_id`.execute(ctx.db);
  return rows.rows.map((r) => ({
    userId: Number(r.user_id),
    username: r.username,
    recordId: Number(r.record_id),
    status: r.status as 'submitted' | 'discarded',
    values: readJson(r.values),
    gold: readJson(r.gold),
  }));
}

/** Gold records of a dataset: setting them, mixing them into queues, and the answers given on them. */
export const goldRepository = { set: setGold, seenBy: goldSeenBy, unseen: unseenGold, answers: goldAnswers };
