import { userActor } from '../../core/actor.js';
import { transition } from '../../core/lifecycle.js';
import type { DatasetRecord } from '../../core/record.js';
import { ANNOTATION_ROUND, SECOND_REVIEW_ROUND } from '../../core/rounds.js';
import type { Store } from '../../store/store.js';

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
  store: Store,
  o: { reviewer: { id: number; username: string }; recordId: number; verdict: SecondVerdict },
): Promise<DatasetRecord> {
  return store.transaction(async (tx) => {
    const state = await tx.lifecycle.lockState(o.recordId);
    const v = o.verdict;
    const change = transition(state, {
      type: 'second_reviewed',
      verdict: v.verdict,
      reviewerId: o.reviewer.id,
      reviewerAnswered: await tx.responses.answeredBy(o.recordId, o.reviewer.id, ANNOTATION_ROUND),
    });
    const actor = userActor(o.reviewer);
    if (v.comment?.trim()) await tx.comments.add(o.recordId, o.reviewer, v.comment.trim(), actor);
    await tx.queue.clearReviewLeases(o.recordId, SECOND_REVIEW_ROUND);
    await tx.lifecycle.apply(state, change, {
      actor,
      log: {
        kind: 'event',
        action: 'record.second_review',
        before: { status: state.status },
        after: { verdict: v.verdict, ...(change.status ? { status: change.status } : {}) },
      },
    });
    return tx.records.get(o.recordId);
  });
}
