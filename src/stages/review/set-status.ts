import type { Actor } from '../../core/actor.js';
import { transition } from '../../core/lifecycle.js';
import type { FinalValues } from '../../core/record.js';
import { ANNOTATION_ROUND } from '../../core/rounds.js';
import type { Store } from '../../store/store.js';

/**
 * A reviewer sets a record's status from the records list (one of many at once). The lifecycle
 * decides whether the record may take it, by the same rules as a decision in review: never on one's
 * own answer, never flipping a decided record, accepting only a record whose answers are in and say
 * one thing (its final values, or its submitted answers when they agree). `expectedVersion` is the
 * version the reviewer saw, so a record that changed meanwhile is refused rather than overwritten.
 */
export function setStatus(
  store: Store,
  o: {
    recordId: number;
    expectedVersion: number;
    status: 'accepted' | 'rejected';
    actor: Actor;
    /** The person setting it; null for a script acting for the owner. */
    reviewer: { id: number; username: string } | null;
  },
): Promise<void> {
  return store.transaction(async (tx) => {
    const state = await tx.lifecycle.lockState(o.recordId);
    const reviewerAnswered = o.reviewer
      ? await tx.responses.answeredBy(state.id, o.reviewer.id, ANNOTATION_ROUND)
      : false;
    const base = { type: 'status_set', status: o.status, reviewerAnswered } as const;
    // Refused before the answers are read when the rules refuse it whatever they say.
    if (o.status === 'rejected' || state.status !== 'in_review')
      transition(state, { ...base, finalValues: state.finalValues ?? {} });
    const finalValues =
      o.status === 'accepted'
        ? (state.finalValues ?? (await agreedValues(tx, state.id, o.reviewer?.username ?? null)))
        : null;
    await tx.lifecycle.transition(
      state,
      { ...base, finalValues },
      { actor: o.actor, log: { kind: 'changes' }, expectedVersion: o.expectedVersion },
    );
  });
}

/** The submitted answers' values when there is at least one and they all agree; else null. */
async function agreedValues(
  tx: Store,
  recordId: number,
  reviewer: string | null,
): Promise<FinalValues | null> {
  const answers = ((await tx.responses.forRecords([recordId])).get(recordId) ?? []).filter(
    (r) => r.round === ANNOTATION_ROUND && r.status === 'submitted',
  );
  const first = answers[0];
  if (!first) return null;
  const key = JSON.stringify(first.values);
  if (answers.some((a) => JSON.stringify(a.values) !== key)) return null;
  const at = new Date().toISOString();
  return Object.fromEntries(
    Object.entries(first.values).map(([q, value]) => [
      q,
      { value, method: 'reviewer' as const, decidedBy: reviewer, at },
    ]),
  );
}
