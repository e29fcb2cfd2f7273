import { userActor } from '../../core/actor.js';
import { badInput, conflict, notFound } from '../../core/errors.js';
import { type LifecycleEvent, transition } from '../../core/lifecycle.js';
import type { DatasetRecord, FinalValues } from '../../core/record.js';
import { ANNOTATION_ROUND } from '../../core/rounds.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { LockedRecord } from '../../store/record-lifecycle.js';
import type { Store } from '../../store/store.js';
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
export function decide(store: Store, r: Review): Promise<DatasetRecord> {
  return store.transaction(async (tx) => {
    const state = await tx.lifecycle.lockState(r.recordId);
    const reviewerAnswered = await tx.responses.answeredBy(state.id, r.reviewer.id, ANNOTATION_ROUND);
    const actor = userActor(r.reviewer);
    const d = r.decision;
    const decided = (outcome: 'accepted' | 'rejected', finalValues: FinalValues | null): LifecycleEvent => ({
      type: 'decided',
      outcome,
      reviewerId: r.reviewer.id,
      finalValues,
      sampledForSecondReview: sampledForSecondReview(r.settings.quality?.secondReview?.rate ?? 0, state.id),
      reviewerAnswered,
    });
    // A record the rules refuse to decide is refused before anything else is checked or written.
    transition(
      state,
      d.action === 'return' ? { type: 'returned', answers: 0, wanted: 0 } : decided('rejected', null),
    );
    // Returning is a decision too: not on one's own answer.
    if (d.action === 'return') transition(state, decided('rejected', null));

    if (d.comment?.trim()) await tx.comments.add(state.id, r.reviewer, d.comment.trim(), actor);
    await tx.queue.clearReviewLeases(state.id);
    const log = { actor, log: { kind: 'changes' } } as const;
    switch (d.action) {
      case 'accept':
      case 'edit': {
        const values = finalValuesOf(await acceptedValues(tx, r, d), r.reviewer.username);
        await tx.lifecycle.transition(state, decided('accepted', values), log);
        break;
      }
      case 'reject':
        await tx.lifecycle.transition(state, decided('rejected', state.finalValues), log);
        break;
      case 'return':
        await returnToAnnotators(tx, r, state, d.usernames, actor);
        break;
    }
    return tx.records.get(state.id);
  });
}

/** The values an accept or an edit makes final: the chosen answer's, or the reviewer's own (validated). */
async function acceptedValues(
  tx: Store,
  r: Review,
  d: Extract<ReviewDecision, { action: 'accept' | 'edit' }>,
): Promise<Record<string, unknown>> {
  if (d.action === 'edit')
    return validateAnswer(r.settings, await tx.records.get(r.recordId), d.values, 'submitted');
  const response = await tx.responses.get(d.responseId, r.recordId);
  if (!response) throw notFound('response', d.responseId);
  if (response.status !== 'submitted')
    throw conflict(`response ${d.responseId} is ${response.status}, not submitted`);
  return response.values;
}

/** The named annotators get the record back first; their answers become drafts again, no longer counted. */
async function returnToAnnotators(
  tx: Store,
  r: Review,
  state: LockedRecord,
  usernames: string[],
  actor: string,
): Promise<void> {
  if (usernames.length === 0) throw badInput('name at least one annotator to return the record to');
  const users = await tx.responses.answerersNamed(state.id, ANNOTATION_ROUND, usernames);
  const missing = usernames.filter((u) => !users.some((x) => x.username === u));
  if (missing.length) throw badInput(`${missing.join(', ')} did not answer record ${state.id}`);
  await tx.responses.reopenAsDrafts(
    state.id,
    ANNOTATION_ROUND,
    users.map((u) => u.id),
  );
  for (const u of users) await tx.queue.setAssignment(state.id, u.id, ANNOTATION_ROUND, 'returned', null);
  await tx.lifecycle.transition(
    state,
    {
      type: 'returned',
      answers: await tx.responses.countFinal(state.id, ANNOTATION_ROUND),
      wanted: r.settings.distribution.responsesPerRecord,
    },
    { actor, log: { kind: 'changes' } },
  );
}

function finalValuesOf(values: Record<string, unknown>, reviewer: string): FinalValues {
  const at = new Date().toISOString();
  const out: FinalValues = {};
  for (const [question, value] of Object.entries(values))
    if (value !== undefined) out[question] = { value, method: 'reviewer', decidedBy: reviewer, at };
  return out;
}
