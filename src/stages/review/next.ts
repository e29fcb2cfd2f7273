import type { Caller } from '../../core/actor.js';
import { TandemError } from '../../core/errors.js';
import type { Dataset } from '../../store/datasets.js';
import type { HeldAnnotation, Lease } from '../../store/queue.js';
import type { Store } from '../../store/store.js';
import { pickGold } from './gold-mix.js';

/**
 * The caller's next record to annotate: the queue, with the dataset's gold records mixed in at its
 * rate, for members not paused for low accuracy.
 */
export async function nextForAnnotation(
  store: Store,
  dataset: Dataset,
  caller: Caller,
  leaseMs: number,
  /** Why the caller may not take records now (read with their membership), or null. */
  paused: string | null,
  /** What the caller already holds there (read with their membership), handed out first. */
  held: HeldAnnotation,
): Promise<Lease | null> {
  if (paused)
    throw new TandemError(
      'paused',
      `You are paused on '${dataset.name}': ${paused}. An admin can resume you.`,
    );
  const rate = dataset.settings.quality?.gold?.rate ?? 0;
  return store.queue.leaseForAnnotation({
    datasetId: dataset.id,
    userId: caller.id,
    languages: caller.languages,
    wanted: dataset.settings.distribution.responsesPerRecord,
    leaseMs,
    held,
    ...(rate > 0
      ? {
          chooseGold: (nextId: number, goldSeen: number) => pickGold(rate, caller.id, nextId, goldSeen),
        }
      : {}),
  });
}
