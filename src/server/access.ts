import type { Role } from '../core/annotation.js';
import { TandemError } from '../core/errors.js';
import type { DatasetRecord } from '../core/record.js';
import type { Caller } from '../store/auth.js';
import type { Ctx } from '../store/context.js';
import { type Dataset, getDataset } from '../store/datasets.js';
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
  const row = await ctx.db
    .selectFrom('datasets')
    .select('name')
    .where('id', '=', record.datasetId)
    .executeTakeFirstOrThrow();
  const dataset = await getDataset(ctx, row.name);
  await requireMember(ctx, caller, dataset);
  return { record, dataset };
}

async function requireMember(ctx: Ctx, caller: Caller, dataset: Dataset): Promise<void> {
  if (seesEverything(caller.role)) return;
  if (!(await isMember(ctx, dataset.id, caller.id)))
    throw new TandemError('forbidden', `you are not a member of dataset '${dataset.name}'`);
}
