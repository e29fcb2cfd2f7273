import { sql } from 'kysely';
import { notFound } from '../core/errors.js';
import type { DatasetRecord } from '../core/record.js';
import type { Ctx } from './context.js';
import { type Dataset, settingsReady, toDataset } from './datasets.js';
import { type HeldAnnotation, heldAnnotationSql, parseHeld } from './queue.js';
import { toRecord } from './records.js';

/**
 * Reads for the API's access checks: a dataset (or a record and its dataset) together with the
 * caller's membership, in one statement. Every API request starts with one of these, so they were
 * two or three round trips each before.
 */

/** The caller's membership of a dataset: null when not a member; a member's pause reason or null. */
export type Membership = { paused: string | null } | null;

/**
 * A dataset and the user's membership of it. With `heldAt` (the annotation queue), also what the
 * user already holds there at that time (a live lease, a returned or an assigned record), which
 * `next` hands out before scanning.
 */
export async function datasetWithMembership(
  ctx: Ctx,
  name: string,
  userId: number,
  heldAt?: number,
): Promise<{ dataset: Dataset; membership: Membership; held: HeldAnnotation }> {
  await settingsReady();
  const row = await ctx.db
    .selectFrom('datasets as d')
    .leftJoin('dataset_members as m', (j) =>
      j.onRef('m.dataset_id', '=', 'd.id').on('m.user_id', '=', userId),
    )
    .selectAll('d')
    .select(['m.user_id as member_id', 'm.paused_reason'])
    .select(
      (heldAt === undefined
        ? sql<string | null>`NULL`
        : heldAnnotationSql(userId, sql.ref('d.id'), heldAt)
      ).as('held'),
    )
    .where('d.name', '=', name)
    .executeTakeFirst();
  if (!row) throw notFound('dataset', name);
  return { dataset: toDataset(row), membership: membershipOf(row), held: parseHeld(row.held) };
}

export async function recordWithMembership(
  ctx: Ctx,
  recordId: number,
  userId: number,
): Promise<{ record: DatasetRecord; dataset: Dataset; membership: Membership }> {
  await settingsReady();
  const row = await ctx.db
    .selectFrom('records as r')
    .innerJoin('datasets as d', 'd.id', 'r.dataset_id')
    .leftJoin('dataset_members as m', (j) =>
      j.onRef('m.dataset_id', '=', 'r.dataset_id').on('m.user_id', '=', userId),
    )
    .selectAll('r')
    .select([
      'd.name as d_name',
      'd.settings as d_settings',
      'd.created_at as d_created_at',
      'd.updated_at as d_updated_at',
      'm.user_id as member_id',
      'm.paused_reason',
    ])
    .where('r.id', '=', recordId)
    .executeTakeFirst();
  if (!row) throw notFound('record', recordId);
  const dataset = toDataset({
    id: row.dataset_id,
    name: row.d_name,
    settings: row.d_settings,
    created_at: row.d_created_at,
    updated_at: row.d_updated_at,
  });
  return { record: toRecord(row), dataset, membership: membershipOf(row) };
}

const membershipOf = (row: { member_id: number | null; paused_reason: string | null }): Membership =>
  row.member_id === null ? null : { paused: row.paused_reason };

/** The reads every API request starts with: the dataset or record asked for, with the caller's membership. */
export const accessRepository = { dataset: datasetWithMembership, record: recordWithMembership };
