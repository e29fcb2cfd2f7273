import type { Caller } from '../core/actor.js';
import type { Role } from '../core/annotation.js';
import { notFound, type TandemError } from '../core/errors.js';
import type { DatasetRecord } from '../core/record.js';
import type { Dataset } from '../store/datasets.js';
import type { HeldAnnotation } from '../store/queue.js';
import type { Store } from '../store/store.js';
import type { Membership } from '../store/with-membership.js';

/** Owners and admins work on every dataset; reviewers and annotators on those they are members of. */
export const seesEverything = (role: Role): boolean => role === 'owner' || role === 'admin';

export async function datasetFor(store: Store, caller: Caller, name: string): Promise<Dataset> {
  return (await datasetAccess(store, caller, name)).dataset;
}

export async function recordFor(
  store: Store,
  caller: Caller,
  id: number,
): Promise<{ record: DatasetRecord; dataset: Dataset; paused: string | null }> {
  const { record, dataset, membership } = await store.access.record(id, caller.id);
  const paused = admit(caller, dataset, membership, () => notFound('record', id));
  return { record, dataset, paused };
}

/** `datasetFor`, with why the caller may not take records now (paused for low accuracy on gold). */
export async function datasetAccess(
  store: Store,
  caller: Caller,
  name: string,
): Promise<{ dataset: Dataset; paused: string | null }> {
  const { dataset, membership } = await store.access.dataset(name, caller.id);
  return { dataset, paused: admit(caller, dataset, membership) };
}

/** `datasetAccess` for `next`: also the record the caller already holds there, read in the same statement. */
export async function annotationAccess(
  store: Store,
  caller: Caller,
  name: string,
  at: number,
): Promise<{ dataset: Dataset; paused: string | null; held: HeldAnnotation }> {
  const { dataset, membership, held } = await store.access.dataset(name, caller.id, at);
  return { dataset, paused: admit(caller, dataset, membership), held };
}

/**
 * Refuses a caller who may not see the dataset; else a member's pause reason, if any. A non-member
 * is told the thing does not exist, exactly as if it did not: a 403 would say that it does.
 */
function admit(
  caller: Caller,
  dataset: Dataset,
  membership: Membership,
  missing: () => TandemError = () => notFound('dataset', dataset.name),
): string | null {
  if (!membership && !seesEverything(caller.role)) throw missing();
  return membership?.paused ?? null;
}
