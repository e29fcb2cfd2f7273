import { type RawBuilder, sql } from 'kysely';
import { scanAnnotation } from './annotation-scan.js';
import { type Ctx, inTransaction, now } from './context.js';

/**
 * The annotation and review queues. A record is handed out under a lease (an `assignments` row of
 * kind `lease` with an expiry) and counts against its open slots while the lease lives, so no record
 * is handed out beyond the overlap the dataset asks for; an abandoned lease simply expires.
 *
 * Other assignment kinds: `assigned` (named by an admin: only the named people get the record),
 * `returned` (sent back by a reviewer: the annotator gets it first), `skipped` (never offered to that
 * annotator again in this round).
 *
 * Concurrency: every lease is granted while holding the record's row — SQLite serialises write
 * transactions (BEGIN IMMEDIATE), PostgreSQL takes `FOR UPDATE SKIP LOCKED` in the scan and checks
 * the free slots again after the lock, in a fresh snapshot — so two servers cannot both take a
 * record's last slot.
 */

export const ANNOTATION_ROUND = 1;
export const REVIEW_ROUND = 2;
export const SECOND_REVIEW_ROUND = 3;

export type AssignmentKind = 'lease' | 'assigned' | 'returned' | 'skipped';

export interface QueueRequest {
  datasetId: number;
  userId: number;
  /** Languages the user works in; empty means every language. Records without a language go to all. */
  languages: string[];
  /** The dataset's overlap: answers wanted per record. */
  wanted: number;
  leaseMs: number;
  /**
   * Offered the record that would come next, may name a gold record to hand out instead (gold
   * records are mixed into queues by the review stage, which owns the rate).
   */
  chooseGold?: (nextRecordId: number, tx: Ctx) => Promise<number | null>;
}

export interface Lease {
  recordId: number;
  expiresAt: number;
}

/** How many candidates one request may find full (taken between scan and lock) before giving up. */
const MAX_ATTEMPTS = 20;

/** The caller's next record to annotate, leased to them; null when the queue has nothing for them. */
export function leaseForAnnotation(ctx: Ctx, q: QueueRequest): Promise<Lease | null> {
  return inTransaction(ctx, async (tx) => {
    const t = now();
    const expiresAt = t + q.leaseMs;
    const held = await heldAnnotation(tx, q, t);
    if (held) {
      if (held.kind === 'lease') await setExpiry(tx, held.recordId, q.userId, ANNOTATION_ROUND, expiresAt);
      return { recordId: held.recordId, expiresAt };
    }
    // One scan per language keeps each on its own index range; the lowest id among them wins.
    const ranges: (string | null)[] | [undefined] = q.languages.length ? [...q.languages, null] : [undefined];
    const after = new Map<string | null | undefined, number>();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let best: number | null = null;
      for (const lang of ranges) {
        const id = await scanAnnotation(tx, {
          datasetId: q.datasetId,
          userId: q.userId,
          wanted: q.wanted,
          round: ANNOTATION_ROUND,
          language: lang,
          after: after.get(lang) ?? 0,
          at: t,
        });
        if (id !== null && (best === null || id < best)) best = id;
      }
      if (best === null) return null;
      const slots = await slotsOf(tx, best, q.userId, q.wanted, t, ANNOTATION_ROUND);
      if (slots.free > 0) {
        const gold = q.chooseGold ? await q.chooseGold(best, tx) : null;
        if (gold !== null) {
          await upsertAssignment(tx, gold, q.userId, ANNOTATION_ROUND, 'lease', expiresAt);
          return { recordId: gold, expiresAt };
        }
        await upsertAssignment(tx, best, q.userId, ANNOTATION_ROUND, 'lease', expiresAt);
        // This lease took the last open slot: the scan may pass the record by until one could end.
        if (slots.free === 1)
          await tx.db
            .updateTable('records')
            .set({ full_until: Math.min(slots.soonest ?? expiresAt, expiresAt) })
            .where('id', '=', best)
            .execute();
        return { recordId: best, expiresAt };
      }
      for (const lang of ranges) after.set(lang, best);
    }
    return null;
  });
}

type ReviewRequest = Omit<QueueRequest, 'languages' | 'wanted'>;

/** The caller's next record to review: all its answers are in and nobody decided it yet. */
export function leaseForReview(ctx: Ctx, q: ReviewRequest): Promise<Lease | null> {
  return leaseForOneReviewer(ctx, q, REVIEW_ROUND, {
    // Still under review: a decided record ends every review lease on it.
    holds: sql`r.status = 'in_review'`,
    // Answers all in; never the caller's own answer to judge. The most disputed records first: the
    // review queue is also the adjudication queue.
    eligible: sql`r.open_slots = 0 AND r.status = 'in_review'
      AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.record_id = r.id AND x.user_id = ${q.userId}
        AND x.round = ${ANNOTATION_ROUND} AND x.status <> 'draft')`,
    order: sql`r.disagreement DESC, r.id`,
  });
}

/** The caller's next accepted record sampled for a second review, decided by someone else. */
export function leaseForSecondReview(ctx: Ctx, q: ReviewRequest): Promise<Lease | null> {
  return leaseForOneReviewer(ctx, q, SECOND_REVIEW_ROUND, {
    holds: sql`r.second_review = 'pending'`,
    eligible: sql`r.second_review = 'pending' AND r.status = 'accepted'
      AND (r.decided_by IS NULL OR r.decided_by <> ${q.userId})`,
    order: sql`r.id`,
  });
}

/**
 * A queue where each record goes to one person at a time: the caller's live lease in this round if
 * the record still `holds`, else the first `eligible` record (in `order`) nobody else holds, leased
 * to them. The candidate is locked, then checked again, as in the annotation queue.
 */
function leaseForOneReviewer(
  ctx: Ctx,
  q: ReviewRequest,
  round: number,
  where: { holds: RawBuilder<unknown>; eligible: RawBuilder<unknown>; order: RawBuilder<unknown> },
): Promise<Lease | null> {
  return inTransaction(ctx, async (tx) => {
    const t = now();
    const expiresAt = t + q.leaseMs;
    const held = await sql<{ record_id: number }>`
      SELECT a.record_id FROM assignments a JOIN records r ON r.id = a.record_id
      WHERE a.user_id = ${q.userId} AND a.round = ${round} AND a.kind = 'lease'
        AND a.expires_at > ${t} AND r.dataset_id = ${q.datasetId} AND ${where.holds}
      ORDER BY a.record_id LIMIT 1`.execute(tx.db);
    if (held.rows[0]) {
      const recordId = Number(held.rows[0].record_id);
      await setExpiry(tx, recordId, q.userId, round, expiresAt);
      return { recordId, expiresAt };
    }
    const othersHold = (id: RawBuilder<unknown> | number) => sql`EXISTS (SELECT 1 FROM assignments a
      WHERE a.record_id = ${id} AND a.round = ${round} AND a.kind = 'lease' AND a.expires_at > ${t}
        AND a.user_id <> ${q.userId})`;
    const tried: number[] = [];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const found = await sql<{ id: number }>`
        SELECT r.id FROM records r
        WHERE r.dataset_id = ${q.datasetId} AND ${where.eligible}
          ${tried.length ? sql`AND r.id NOT IN (${sql.join(tried)})` : sql``}
          AND NOT ${othersHold(sql`r.id`)}
        ORDER BY ${where.order} LIMIT 1 ${lockClause(tx)}`.execute(tx.db);
      const id = found.rows[0] ? Number(found.rows[0].id) : null;
      if (id === null) return null;
      const taken = await sql<{ taken: unknown }>`SELECT ${othersHold(id)} AS taken`.execute(tx.db);
      if (!truthy(taken.rows[0]?.taken)) {
        await upsertAssignment(tx, id, q.userId, round, 'lease', expiresAt);
        return { recordId: id, expiresAt };
      }
      tried.push(id);
    }
    return null;
  });
}

/** SQLite answers EXISTS with 0/1, PostgreSQL with a boolean. */
const truthy = (v: unknown) => v === true || v === 1 || v === '1';

/**
 * Slots of a record still free for `userId`: what it still wants minus live leases held by others.
 * Run after the record's row is locked, so the answer holds until the transaction ends.
 */
export async function freeSlots(
  ctx: Ctx,
  recordId: number,
  userId: number,
  wanted: number,
  at: number,
  round = ANNOTATION_ROUND,
): Promise<number> {
  return (await slotsOf(ctx, recordId, userId, wanted, at, round)).free;
}

/** `freeSlots`, and when the soonest of the others' live leases ends (null when there are none). */
async function slotsOf(
  ctx: Ctx,
  recordId: number,
  userId: number,
  wanted: number,
  at: number,
  round: number,
): Promise<{ free: number; soonest: number | null }> {
  const r = await sql<{ open: number | null; status: string; leased: number; soonest: number | null }>`
    SELECT r.open_slots AS open, r.status AS status, l.leased, l.soonest
    FROM records r, (SELECT count(*) AS leased, min(a.expires_at) AS soonest FROM assignments a
      WHERE a.record_id = ${recordId} AND a.round = ${round} AND a.kind = 'lease'
        AND a.expires_at > ${at} AND a.user_id <> ${userId}) l
    WHERE r.id = ${recordId}`.execute(ctx.db);
  const row = r.rows[0];
  if (!row || row.status === 'accepted' || row.status === 'rejected') return { free: 0, soonest: null };
  const free = (row.open === null ? wanted : Number(row.open)) - Number(row.leased);
  return { free, soonest: row.soonest === null ? null : Number(row.soonest) };
}

/** Locks a record's row until the transaction ends (PostgreSQL; SQLite already holds the write lock). */
export async function lockRecord(ctx: Ctx, recordId: number): Promise<void> {
  if (ctx.dialect === 'postgres')
    await sql`SELECT id FROM records WHERE id = ${recordId} FOR UPDATE`.execute(ctx.db);
}

export async function upsertAssignment(
  ctx: Ctx,
  recordId: number,
  userId: number,
  round: number,
  kind: AssignmentKind,
  expiresAt: number | null,
): Promise<void> {
  const t = now();
  await ctx.db
    .insertInto('assignments')
    .values({ record_id: recordId, user_id: userId, round, kind, expires_at: expiresAt, created_at: t })
    .onConflict((oc) =>
      oc
        .columns(['record_id', 'user_id', 'round'])
        .doUpdateSet({ kind, expires_at: expiresAt, created_at: t }),
    )
    .execute();
}

/** Ends the user's hold on a record in a round (after an answer, a review, or a release). */
export async function clearAssignment(
  ctx: Ctx,
  recordId: number,
  userId: number,
  round: number,
): Promise<void> {
  await ctx.db
    .deleteFrom('assignments')
    .where('record_id', '=', recordId)
    .where('user_id', '=', userId)
    .where('round', '=', round)
    .where('kind', '<>', 'skipped')
    .execute();
}

/** Removes every live review lease on a record: once decided, nobody else is reviewing it. */
export async function clearReviewLeases(ctx: Ctx, recordId: number, round = REVIEW_ROUND): Promise<void> {
  await ctx.db
    .deleteFrom('assignments')
    .where('record_id', '=', recordId)
    .where('round', '=', round)
    .execute();
}

/** Recomputes a record's open slots from its answers (submitted or discarded) in the annotation round. */
export async function refreshOpenSlots(ctx: Ctx, recordId: number, wanted: number): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*) AS n FROM responses WHERE record_id = ${recordId} AND round = ${ANNOTATION_ROUND}
      AND status <> 'draft'`.execute(ctx.db);
  const open = Math.max(wanted - Number(r.rows[0]?.n ?? 0), 0);
  await ctx.db
    .updateTable('records')
    .set({ open_slots: open, full_until: fullUntil(recordId, open, now()) })
    .where('id', '=', recordId)
    .execute();
  return open;
}

/**
 * `records.full_until` for a record with `open` slots, from its live annotation leases: the soonest
 * expiry when they take every open slot, else NULL. An expression, for the record's own UPDATE.
 */
export function fullUntil(recordId: number, open: number, at: number): RawBuilder<number | null> {
  return sql<number | null>`(SELECT CASE WHEN count(*) >= ${open} AND ${open} > 0 THEN min(a.expires_at) END
    FROM assignments a WHERE a.record_id = ${recordId} AND a.round = ${ANNOTATION_ROUND} AND a.kind = 'lease'
      AND a.expires_at > ${at})`;
}

async function heldAnnotation(
  ctx: Ctx,
  q: QueueRequest,
  t: number,
): Promise<{ recordId: number; kind: AssignmentKind } | undefined> {
  // Work already in hand comes first: a live lease (a reload gets the same record), then records a
  // reviewer returned, then records an admin assigned by name.
  const r = await sql<{ record_id: number; kind: AssignmentKind }>`
    SELECT a.record_id, a.kind FROM assignments a JOIN records r ON r.id = a.record_id
    WHERE a.user_id = ${q.userId} AND a.round = ${ANNOTATION_ROUND} AND r.dataset_id = ${q.datasetId}
      AND (r.status NOT IN ('accepted', 'rejected') OR r.gold_values IS NOT NULL)
      AND ((a.kind = 'lease' AND a.expires_at > ${t}) OR a.kind IN ('returned', 'assigned'))
      AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.record_id = a.record_id AND x.user_id = ${q.userId}
        AND x.round = ${ANNOTATION_ROUND} AND x.status <> 'draft')
    ORDER BY CASE a.kind WHEN 'lease' THEN 0 WHEN 'returned' THEN 1 ELSE 2 END, a.record_id
    LIMIT 1`.execute(ctx.db);
  const row = r.rows[0];
  return row ? { recordId: Number(row.record_id), kind: row.kind } : undefined;
}

const lockClause = (ctx: Ctx) => (ctx.dialect === 'postgres' ? sql`FOR UPDATE OF r SKIP LOCKED` : sql``);

async function setExpiry(ctx: Ctx, recordId: number, userId: number, round: number, expiresAt: number) {
  await ctx.db
    .updateTable('assignments')
    .set({ expires_at: expiresAt })
    .where('record_id', '=', recordId)
    .where('user_id', '=', userId)
    .where('round', '=', round)
    .execute();
}
