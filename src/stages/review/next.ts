import type { Caller } from '../../core/actor.js';
import { TandemError } from '../../core/errors.js';
import type { Ctx } from '../../store/context.js';
import type { Dataset } from '../../store/datasets.js';
import { goldSeenBy, unseenGold } from '../../store/gold.js';
import { type HeldAnnotation, type Lease, leaseForAnnotation } from '../../store/queue.js';
import { pickGold } from './gold-mix.js';

/**
 * The caller's next record to annotate: the queue, with the dataset's gold records mixed in at its
 * rate, for members not paused for low accuracy.
 */
export async function nextForAnnotation(
  ctx: Ctx,
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
  return leaseForAnnotation(ctx, {
    datasetId: dataset.id,
    userId: caller.id,
    languages: caller.languages,
    wanted: dataset.settings.distribution.responsesPerRecord,
    leaseMs,
    held,
    ...(rate > 0
      ? {
          chooseGold: async (nextId: number, tx: Ctx) =>
            pickGold(rate, caller.id, nextId, await goldSeenBy(tx, dataset.id, caller.id))
              ? unseenGold(tx, dataset.id, caller.id)
              : null,
        }
      : {}),
  });
}
