import { type RawBuilder, sql } from 'kysely';
import { CLOSED_STATUSES, isClosed } from '../core/lifecycle.js';
import type { RecordStatus } from '../core/record.js';
import { ANNOTATION_ROUND } from '../core/rounds.js';
import { upsertAssignment } from './assignments.js';
import { adapterOf, type Ctx, now } from './context.js';

/**
 * A record's answer slots: how many it still wants (`open_slots`, NULL = all of the overlap), how
 * many of those live leases hold, and the `full_until` hint the queue's scan reads.
 */

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
  if (!row || isClosed(row.status as RecordStatus)) return { free: 0, soonest: null };
  const free = (row.open === null ? wanted : Number(row.open)) - Number(row.leased);
  return { free, soonest: row.soonest === null ? null : Number(row.soonest) };
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

/** What a lease needs: the record, who takes it, the overlap, now, and until when. */
export interface SlotRequest {
  recordId: number;
  userId: number;
  wanted: number;
  at: number;
  expiresAt: number;
}

/**
 * Leases a slot of a record (its row already locked) if one is free, setting `full_until` when
 * this lease takes the last one. True when leased. The free slots are counted in a snapshot taken
 * after the lock, so a lease committed meanwhile is seen. On PostgreSQL this is one statement (a
 * count, the lease and the hint, as data-modifying CTEs), since each statement is a round trip;
 * on SQLite, where a statement is a function call, the same three steps run one after another.
 */
export async function takeSlot(ctx: Ctx, s: SlotRequest): Promise<boolean> {
  if (!adapterOf(ctx).roundTrips) {
    const slots = await slotsOf(ctx, s.recordId, s.userId, s.wanted, s.at, ANNOTATION_ROUND);
    if (slots.free <= 0) return false;
    await upsertAssignment(ctx, s.recordId, s.userId, ANNOTATION_ROUND, 'lease', s.expiresAt);
    if (slots.free === 1)
      await setFullUntil(ctx, s.recordId, Math.min(slots.soonest ?? s.expiresAt, s.expiresAt));
    return true;
  }
  const others = sql`FROM assignments a WHERE a.record_id = r.id AND a.round = ${ANNOTATION_ROUND}
    AND a.kind = 'lease' AND a.expires_at > ${s.at} AND a.user_id <> ${s.userId}`;
  const r = await sql<{ free: number }>`
    WITH slot AS (
      SELECT r.id, coalesce(r.open_slots, ${s.wanted}) - (SELECT count(*) ${others}) AS free,
        (SELECT min(a.expires_at) ${others}) AS soonest
      FROM records r WHERE r.id = ${s.recordId} AND r.status NOT IN (${sql.join([...CLOSED_STATUSES])})
    ), lease AS (
      INSERT INTO assignments (record_id, user_id, round, kind, expires_at, created_at)
      SELECT id, ${s.userId}, ${ANNOTATION_ROUND}, 'lease', ${s.expiresAt}, ${now()} FROM slot WHERE free > 0
      ON CONFLICT (record_id, user_id, round)
        DO UPDATE SET kind = 'lease', expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
      RETURNING record_id
    ), hint AS (
      UPDATE records SET full_until = least(coalesce(slot.soonest, ${s.expiresAt}), ${s.expiresAt})
      FROM slot WHERE records.id = slot.id AND slot.free = 1
    )
    SELECT free FROM slot`.execute(ctx.db);
  return Number(r.rows[0]?.free ?? 0) > 0;
}

async function setFullUntil(ctx: Ctx, recordId: number, until: number): Promise<void> {
  await ctx.db.updateTable('records').set({ full_until: until }).where('id', '=', recordId).execute();
}
