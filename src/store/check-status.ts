import type { Actor } from '../core/actor.js';
import type { Ctx } from './context.js';
import { inTransaction, now } from './context.js';
import { appendEvent } from './events.js';

/**
 * After checks: records with a failed check become `flagged`, the others `checked`. Only records
 * not yet in review move: a check never overrides a person's decision. The version goes up, so an
 * annotator's stale save of such a record is caught; one event per call records the change.
 */
export async function setCheckedStatuses(
  ctx: Ctx,
  datasetId: number,
  flagged: number[],
  checked: number[],
  actor: Actor,
): Promise<{ flagged: number; checked: number }> {
  return inTransaction(ctx, async (tx) => {
    const t = now();
    const move = async (ids: number[], status: 'flagged' | 'checked') => {
      let n = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const r = await tx.db
          .updateTable('records')
          .set((eb) => ({ status, version: eb('version', '+', 1), updated_at: t }))
          .where('dataset_id', '=', datasetId)
          .where('id', 'in', ids.slice(i, i + 500))
          .where('status', 'in', ['new', 'checked', 'flagged'])
          .where('status', '!=', status)
          .executeTakeFirst();
        n += Number(r.numUpdatedRows);
      }
      return n;
    };
    const result = { flagged: await move(flagged, 'flagged'), checked: await move(checked, 'checked') };
    if (result.flagged + result.checked > 0) {
      await appendEvent(tx, {
        actor,
        action: 'records.checked',
        entityType: 'dataset',
        entityId: datasetId,
        datasetId,
        after: result,
      });
    }
    return result;
  });
}
