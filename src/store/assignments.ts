import type { AssignmentKind } from '../core/rounds.js';
import { REVIEW_ROUND } from '../core/rounds.js';
import { type Ctx, now } from './context.js';

/**
 * `assignments` rows: queue leases (with an expiry) and standing assignments of a record to a user
 * in a round — `assigned` (named by an admin), `returned` (sent back by a reviewer), `skipped`
 * (never offered to that user again in the round).
 */

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

/** A lease runs afresh from `expiresAt`. */
export async function setExpiry(
  ctx: Ctx,
  recordId: number,
  userId: number,
  round: number,
  expiresAt: number,
) {
  await ctx.db
    .updateTable('assignments')
    .set({ expires_at: expiresAt })
    .where('record_id', '=', recordId)
    .where('user_id', '=', userId)
    .where('round', '=', round)
    .execute();
}
