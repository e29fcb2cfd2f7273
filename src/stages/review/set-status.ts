import type { Actor } from '../../core/actor.js';
import type { Store } from '../../store/store.js';

/**
 * A reviewer sets a record's status from the records list (one of many at once). The lifecycle
 * decides whether the record may take it; `expectedVersion` is the version the reviewer saw, so a
 * record that changed meanwhile is refused rather than overwritten.
 */
export function setStatus(
  store: Store,
  o: { recordId: number; expectedVersion: number; status: 'accepted' | 'rejected'; actor: Actor },
): Promise<void> {
  return store.transaction(async (tx) => {
    const state = await tx.lifecycle.lockState(o.recordId);
    await tx.lifecycle.transition(
      state,
      { type: 'status_set', status: o.status },
      { actor: o.actor, log: { kind: 'changes' }, expectedVersion: o.expectedVersion },
    );
  });
}
