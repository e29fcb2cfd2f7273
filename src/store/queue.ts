import { type RawBuilder, sql } from 'kysely';
import { CLOSED_STATUSES } from '../core/lifecycle.js';
import { ANNOTATION_ROUND, type AssignmentKind, REVIEW_ROUND, SECOND_REVIEW_ROUND } from '../core/rounds.js';
import { scanAnnotation } from './annotation-scan.js';
import { setExpiry, upsertAssignment } from './assignments.js';
import { adapterOf, type Ctx, inTransaction, now } from './context.js';
import { goldSeenBy, unseenGold } from './gold.js';
import { freeSlots, takeSlot } from './slots.js';

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

export interface QueueRequest {
  datasetId: number;
  userId: number;
  /** Languages the user works in; empty means every language. Records without a language go to all. */
  languages: string[];
  /** The dataset's overlap: answers wanted per record. */
  wanted: number;
  leaseMs: number;
  /**
   * Whether a gold record stands in for the record that would come next, given how many gold
   * records the user has seen (gold records are mixed into queues by the review stage, which owns
   * the rate). The store then hands out a gold record the user has not answered or skipped.
   */
  chooseGold?: (nextRecordId: number, goldSeen: number) => boolean;
  /**
   * What the user already holds in the dataset, handed out before anything new. The caller reads
   * it with `heldAnnotationSql`, in the statement that reads the dataset and membership.
   */
  held: HeldAnnotation;
}

export interface Lease {
  recordId: number;
  expiresAt: number;
}

/** How many candidates one request may find full (taken between scan and lock) before giving up. */
const MAX_ATTEMPTS = 20;

/** The caller's next record to annotate, leased to them; null when the queue has nothing for them. */
export async function leaseForAnnotation(ctx: Ctx, q: QueueRequest): Promise<Lease | null> {
  // Work in hand: renewing it is one statement and needs no transaction.
  if (q.held) return renew(ctx, q.held, q);
  return inTransaction(ctx, async (tx) => {
    const t = now();
    const expiresAt = t + q.leaseMs;
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
      const slot = { recordId: best, userId: q.userId, wanted: q.wanted, at: t, expiresAt };
      if (!q.chooseGold) {
        if (await takeSlot(tx, slot)) return { recordId: best, expiresAt };
      } else if ((await freeSlots(tx, best, q.userId, q.wanted, t)) > 0) {
        // Gold is chosen only once a slot is sure, so a gold record never stands in for nothing.
        const gold = q.chooseGold(best, await goldSeenBy(tx, q.datasetId, q.userId))
          ? await unseenGold(tx, q.datasetId, q.userId)
          : null;
        if (gold === null && (await takeSlot(tx, slot))) return { recordId: best, expiresAt };
        if (gold !== null) {
          await upsertAssignment(tx, gold, q.userId, ANNOTATION_ROUND, 'lease', expiresAt);
          return { recordId: gold, expiresAt };
        }
      }
      for (const lang of ranges) after.set(lang, best);
    }
    return null;
  });
}

type ReviewRequest = Omit<QueueRequest, 'languages' | 'wanted' | 'held'>;

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

/** Work the user already has in hand in a dataset's annotation round (see `heldAnnotationSql`). */
export type HeldAnnotation = { recordId: number; kind: AssignmentKind } | undefined;

/**
 * A scalar subquery naming the record the user holds in a dataset's annotation round, as
 * 'kind:recordId' (one value, so it can ride along in another statement), or NULL. Work in hand
 * comes first: a live lease (a reload gets the same record), then records a reviewer returned,
 * then records an admin assigned by name.
 */
export function heldAnnotationSql(
  userId: number,
  datasetId: number | RawBuilder<unknown>,
  t: number,
): RawBuilder<string | null> {
  return sql<
    string | null
  >`(SELECT a.kind || ':' || a.record_id FROM assignments a JOIN records r ON r.id = a.record_id
    WHERE a.user_id = ${userId} AND a.round = ${ANNOTATION_ROUND} AND r.dataset_id = ${datasetId}
      AND (r.status NOT IN (${sql.join([...CLOSED_STATUSES])}) OR r.gold_values IS NOT NULL)
      AND ((a.kind = 'lease' AND a.expires_at > ${t}) OR a.kind IN ('returned', 'assigned'))
      AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.record_id = a.record_id AND x.user_id = ${userId}
        AND x.round = ${ANNOTATION_ROUND} AND x.status <> 'draft')
    ORDER BY CASE a.kind WHEN 'lease' THEN 0 WHEN 'returned' THEN 1 ELSE 2 END, a.record_id
    LIMIT 1)`;
}

export function parseHeld(held: string | null): HeldAnnotation {
  if (held === null) return undefined;
  const at = held.indexOf(':');
  return { kind: held.slice(0, at) as AssignmentKind, recordId: Number(held.slice(at + 1)) };
}

/** Hands out again what the user holds; a lease runs afresh from now. */
async function renew(ctx: Ctx, held: NonNullable<HeldAnnotation>, q: QueueRequest): Promise<Lease> {
  const expiresAt = now() + q.leaseMs;
  if (held.kind === 'lease') await setExpiry(ctx, held.recordId, q.userId, ANNOTATION_ROUND, expiresAt);
  return { recordId: held.recordId, expiresAt };
}

const lockClause = (ctx: Ctx) => adapterOf(ctx).skipLocked('r');
