import type { Role } from '../core/annotation.js';
import { TandemError } from '../core/errors.js';
import type { DatasetRecord } from '../core/record.js';
import type { Caller } from '../store/auth.js';
import type { Ctx } from '../store/context.js';
import { type Dataset, getDataset, getDatasetById } from '../store/datasets.js';
import { isMember } from '../store/members.js';
import { getRecord } from '../store/records.js';

/** Owners and admins work on every dataset; reviewers and annotators on those they are members of. */
export const seesEverything = (role: Role): boolean => role === 'owner' || role === 'admin';

export async function datasetFor(ctx: Ctx, caller: Caller, name: string): Promise<Dataset> {
  const dataset = await getDataset(ctx, name);
  await requireMember(ctx, caller, dataset);
  return dataset;
}

export async function recordFor(
  ctx: Ctx,
  caller: Caller,
  id: number,
): Promise<{ record: DatasetRecord; dataset: Dataset }> {
  const record = await getRecord(ctx, id);
  const dataset = await getDatasetById(ctx, record.datasetId);
  await requireMember(ctx, caller, dataset);
  return { record, dataset };
}

/**
 * `datasetFor`, with why a member may not take records now (paused for low accuracy on gold): one
 * query answers both, on the queue's hot path.
 */
export async function datasetAccess(
  ctx: Ctx,
  caller: Caller,
  name: string,
): Promise<{ dataset: Dataset; paused: string | null }> {
  const dataset = await getDataset(ctx, name);
  const member = await ctx.db
    .selectFrom('dataset_members')
    .select('paused_reason')
    .where('dataset_id', '=', dataset.id)
    .where('user_id', '=', caller.id)
    .executeTakeFirst();
  if (!member && !seesEverything(caller.role))
    throw new TandemError('forbidden', `you are not a member of dataset '${dataset.name}'`);
  return { dataset, paused: member?.paused_reason ?? null };
}

async function requireMember(ctx: Ctx, caller: Caller, dataset: Dataset): Promise<void> {
  if (seesEverything(caller.role)) return;
  if (!(await isMember(ctx, dataset.id, caller.id)))
    throw new TandemError('forbidden', `you are not a member of dataset '${dataset.name}'`);
}
