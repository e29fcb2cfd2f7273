import type { Role } from '../core/annotation.js';
import { TandemError } from '../core/errors.js';
import type { DatasetRecord } from '../core/record.js';
import type { Caller } from '../store/auth.js';
import type { Ctx } from '../store/context.js';
import { type Dataset, getDataset, getDatasetById } from '../store/datasets.js';
import { getRecord } from '../store/records.js';

/** Owners and admins work on every dataset; reviewers and annotators on those they are members of. */
export const seesEverything = (role: Role): boolean => role === 'owner' || role === 'admin';

export async function datasetFor(ctx: Ctx, caller: Caller, name: string): Promise<Dataset> {
  return (await datasetAccess(ctx, caller, name)).dataset;
}

export async function recordFor(
  ctx: Ctx,
  caller: Caller,
  id: number,
): Promise<{ record: DatasetRecord; dataset: Dataset }> {
  const record = await getRecord(ctx, id);
  const dataset = await getDatasetById(ctx, record.datasetId);
  await membership(ctx, caller, dataset);
  return { record, dataset };
}

/** `datasetFor`, with why the caller may not take records now (paused for low accuracy on gold). */
export async function datasetAccess(
  ctx: Ctx,
  caller: Caller,
  name: string,
): Promise<{ dataset: Dataset; paused: string | null }> {
  const dataset = await getDataset(ctx, name);
  return { dataset, paused: await membership(ctx, caller, dataset) };
}

/** Refuses a caller who may not see the dataset; a member's pause reason, if any, in the same query. */
async function membership(ctx: Ctx, caller: Caller, dataset: Dataset): Promise<string | null> {
  const member = await ctx.db
    .selectFrom('dataset_members')
    .select('paused_reason')
    .where('dataset_id', '=', dataset.id)
    .where('user_id', '=', caller.id)
    .executeTakeFirst();
  if (!member && !seesEverything(caller.role))
    throw new TandemError('forbidden', `you are not a member of dataset '${dataset.name}'`);
  return member?.paused_reason ?? null;
}
