import { badInput, conflict, notFound } from '../../core/errors.js';
import type { DatasetRecord, FinalValues } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import { addComment } from '../../store/comments.js';
import { type Ctx, inTransaction, now } from '../../store/context.js';
import {
  ANNOTATION_ROUND,
  clearReviewLeases,
  lockRecord,
  refreshOpenSlots,
  upsertAssignment,
} from '../../store/queue.js';
import { getRecord, updateRecord } from '../../store/records.js';
import { validateAnswer } from './answers.js';
import { sampledForSecondReview } from './second-review.js';

/** What a reviewer does with a record whose answers are in. */
export type ReviewDecision =
  | { action: 'accept'; responseId: number; comment?: string }
  | { action: 'edit'; values: Record<string, unknown>; comment?: string }
  | { action: 'return'; usernames: string[]; comment: string }
  | { action: 'reject'; comment: string };

export interface Review {
  reviewer: { id: number; username: string };
  recordId: number;
  settings: DatasetSettings;
  decision: ReviewDecision;
}

/**
 * Applies a reviewer's decision. Accepting or editing stores final values (method `reviewer`, who
 * decided); returning sends the record back to the named annotators with a comment, their answers
 * reopened as drafts; rejecting closes the record. Every path ends the record's review leases.
 */
export function decide(ctx: Ctx, r: Review): Promise<DatasetRecord> {
  return inTransaction(ctx, async (tx) => {
    await lockRecord(tx, r.recordId);
    const record = await getRecord(tx, r.recordId);
    if (record.status === 'accepted' || record.status === 'rejected')
      throw conflict(`record ${record.id} was already ${record.status}`);
    const actor = `user:${r.reviewer.username}`;
    const d = r.decision;
    if (d.comment?.trim()) await addComment(tx, record.id, r.reviewer, d.comment.trim(), actor);
    await clearReviewLeases(tx, record.id);

    switch (d.action) {
      case 'accept': {
        const response = await tx.db
          .selectFrom('responses')
          .select(['values', 'status'])
          .where('id', '=', d.responseId)
          .where('record_id', '=', record.id)
          .executeTakeFirst();
        if (!response) throw notFound('response', d.responseId);
        if (response.status !== 'submitted')
          throw conflict(`response ${d.responseId} is ${response.status}, not submitted`);
        const values = typeof response.values === 'string' ? JSON.parse(response.values) : response.values;
        return close(tx, r, record, 'accepted', finalValuesOf(values, r.reviewer.username), actor);
      }
      case 'edit': {
        const values = validateAnswer(r.settings, record, d.values, 'submitted');
        return close(tx, r, record, 'accepted', finalValuesOf(values, r.reviewer.username), actor);
      }
      case 'reject':
        return close(tx, r, record, 'rejected', record.finalValues, actor);
      case 'return': {
        if (d.usernames.length === 0) throw badInput('name at least one annotator to return the record to');
        const users = await tx.db
          .selectFrom('responses')
          .innerJoin('users', 'users.id', 'responses.user_id')
          .select(['users.id', 'users.username'])
          .where('responses.record_id', '=', record.id)
          .where('responses.round', '=', ANNOTATION_ROUND)
          .where('users.username', 'in', d.usernames)
          .execute();
        const missing = d.usernames.filter((u) => !users.some((x) => x.username === u));
        if (missing.length) throw badInput(`${missing.join(', ')} did not answer record ${record.id}`);
        const t = now();
        for (const u of users) {
          // Their answer becomes a draft again: kept, editable, no longer counted.
          await tx.db
            .updateTable('responses')
            .set({ status: 'draft', updated_at: t })
            .where('record_id', '=', record.id)
            .where('user_id', '=', u.id)
            .where('round', '=', ANNOTATION_ROUND)
            .execute();
          await upsertAssignment(tx, record.id, u.id, ANNOTATION_ROUND, 'returned', null);
        }
        await refreshOpenSlots(tx, record.id, r.settings.distribution.responsesPerRecord);
        return updateRecord(tx, record.id, record.version, { status: 'in_review' }, actor);
      }
    }
  });
}

function finalValuesOf(values: Record<string, unknown>, reviewer: string): FinalValues {
  const at = new Date().toISOString();
  const out: FinalValues = {};
  for (const [question, value] of Object.entries(values))
    if (value !== undefined) out[question] = { value, method: 'reviewer', decidedBy: reviewer, at };
  return out;
}

async function close(
  tx: Ctx,
  r: Review,
  record: DatasetRecord,
  status: 'accepted' | 'rejected',
  finalValues: FinalValues | null,
  actor: string,
): Promise<DatasetRecord> {
  const current = await tx.db
    .selectFrom('records')
    .select('second_review')
    .where('id', '=', record.id)
    .executeTakeFirst();
  const rate = r.settings.quality?.secondReview?.rate ?? 0;
  // A record is sampled once; one already disputed in a second review is not sampled again.
  const sample =
    status === 'accepted' && current?.second_review == null && sampledForSecondReview(rate, record.id);
  await tx.db
    .updateTable('records')
    .set({ open_slots: 0, decided_by: r.reviewer.id, ...(sample ? { second_review: 'pending' } : {}) })
    .where('id', '=', record.id)
    .execute();
  return updateRecord(tx, record.id, record.version, { status, finalValues }, actor);
}
