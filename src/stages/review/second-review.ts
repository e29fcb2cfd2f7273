import { badInput, conflict } from '../../core/errors.js';
import type { DatasetRecord } from '../../core/record.js';
import { addComment } from '../../store/comments.js';
import { type Ctx, inTransaction } from '../../store/context.js';
import { appendEvent } from '../../store/events.js';
import { clearReviewLeases, lockRecord, SECOND_REVIEW_ROUND } from '../../store/queue.js';
import { getRecord } from '../../store/records.js';

/**
 * Whether an accepted record goes to a second reviewer: a hash of its id below the rate, so the
 * sample is fixed per record and spread evenly over the dataset.
 */
export function sampledForSecondReview(rate: number, recordId: number): boolean {
  if (rate <= 0) return false;
  let h = Math.imul(recordId ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32 < rate;
}

export type SecondVerdict = { verdict: 'agree'; comment?: string } | { verdict: 'disagree'; comment: string };

/**
 * A second reviewer's verdict on an accepted record. Agreeing closes the sample; disagreeing sends
 * the record back to the review queue (as disputed) with the reason. Both feed the estimate of the
 * accepted records' error rate in `tandem qa`.
 */
export function secondReview(
  ctx: Ctx,
  o: { reviewer: { id: number; username: string }; recordId: number; verdict: SecondVerdict },
): Promise<DatasetRecord> {
  return inTransaction(ctx, async (tx) => {
    await lockRecord(tx, o.recordId);
    const row = await tx.db
      .selectFrom('records')
      .select(['second_review', 'decided_by', 'status', 'dataset_id'])
      .where('id', '=', o.recordId)
      .executeTakeFirst();
    if (row?.second_review !== 'pending' || row.status !== 'accepted')
      throw conflict(`record ${o.recordId} is not waiting for a second review`);
    if (row.decided_by === o.reviewer.id)
      throw badInput('a second review needs someone other than who decided');
    const actor = `user:${o.reviewer.username}`;
    const v = o.verdict;
    if (v.comment?.trim()) await addComment(tx, o.recordId, o.reviewer, v.comment.trim(), actor);
    await clearReviewLeases(tx, o.recordId, SECOND_REVIEW_ROUND);
    await tx.db
      .updateTable('records')
      .set((eb) => ({
        second_review: v.verdict === 'agree' ? 'agreed' : 'disagreed',
        // Disputed: back to the reviewers, first in line.
        ...(v.verdict === 'disagree' ? { status: 'in_review', open_slots: 0, disagreement: 1 } : {}),
        version: eb('version', '+', 1),
        updated_at: Date.now(),
      }))
      .where('id', '=', o.recordId)
      .execute();
    await appendEvent(tx, {
      actor,
      action: 'record.second_review',
      entityType: 'record',
      entityId: o.recordId,
      datasetId: row.dataset_id,
      before: { status: row.status },
      after: { verdict: v.verdict, ...(v.verdict === 'disagree' ? { status: 'in_review' } : {}) },
    });
    return getRecord(tx, o.recordId);
  });
}
