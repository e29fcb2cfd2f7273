import type { Actor } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import type { Ctx } from './context.js';
import { appendEvent } from './events.js';

/**
 * Who works on which dataset. Owners and admins see every dataset; reviewers and annotators only
 * the datasets they are members of.
 */

export async function memberDatasetIds(ctx: Ctx, userId: number): Promise<Set<number>> {
  const rows = await ctx.db
    .selectFrom('dataset_members')
    .select('dataset_id')
    .where('user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => r.dataset_id));
}

export async function listMembers(ctx: Ctx, datasetId: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('dataset_members')
    .innerJoin('users', 'users.id', 'dataset_members.user_id')
    .select('users.username')
    .where('dataset_members.dataset_id', '=', datasetId)
    .orderBy('users.username')
    .execute();
  return rows.map((r) => r.username);
}

/** Adds and removes members by user name; unknown names are an error and change nothing. */
export async function changeMembers(
  ctx: Ctx,
  datasetId: number,
  change: { add?: string[]; remove?: string[] },
  actor: Actor,
): Promise<string[]> {
  const names = [...(change.add ?? []), ...(change.remove ?? [])];
  const users = names.length
    ? await ctx.db.selectFrom('users').select(['id', 'username']).where('username', 'in', names).execute()
    : [];
  const ids = new Map(users.map((u) => [u.username, u.id]));
  for (const n of names) if (!ids.has(n)) throw notFound('user', n);
  for (const n of change.add ?? [])
    await ctx.db
      .insertInto('dataset_members')
      .values({ dataset_id: datasetId, user_id: ids.get(n)! })
      .onConflict((oc) => oc.columns(['dataset_id', 'user_id']).doNothing())
      .execute();
  const removed = (change.remove ?? []).map((n) => ids.get(n)!);
  if (removed.length)
    await ctx.db
      .deleteFrom('dataset_members')
      .where('dataset_id', '=', datasetId)
      .where('user_id', 'in', removed)
      .execute();
  if (names.length)
    await appendEvent(ctx, {
      actor,
      action: 'dataset.members',
      entityType: 'dataset',
      entityId: datasetId,
      datasetId,
      after: { add: change.add ?? [], remove: change.remove ?? [] },
    });
  return listMembers(ctx, datasetId);
}

/** Lifts the pause of members paused for low accuracy on gold; unknown names are an error. */
export async function resumeMembers(
  ctx: Ctx,
  datasetId: number,
  usernames: string[],
  actor: Actor,
): Promise<void> {
  if (usernames.length === 0) return;
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', usernames)
    .execute();
  for (const n of usernames) if (!users.some((u) => u.username === n)) throw notFound('user', n);
  for (const u of users) {
    await ctx.db
      .updateTable('dataset_members')
      .set({ paused_reason: null })
      .where('dataset_id', '=', datasetId)
      .where('user_id', '=', u.id)
      .execute();
    await appendEvent(ctx, { actor, action: 'member.resume', entityType: 'user', entityId: u.id, datasetId });
  }
}

export async function pausedReason(ctx: Ctx, datasetId: number, userId: number): Promise<string | null> {
  const r = await ctx.db
    .selectFrom('dataset_members')
    .select('paused_reason')
    .where('dataset_id', '=', datasetId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r?.paused_reason ?? null;
}

export async function setPaused(
  ctx: Ctx,
  datasetId: number,
  userId: number,
  reason: string | null,
  actor: Actor,
): Promise<void> {
  await ctx.db
    .updateTable('dataset_members')
    .set({ paused_reason: reason })
    .where('dataset_id', '=', datasetId)
    .where('user_id', '=', userId)
    .execute();
  await appendEvent(ctx, {
    actor,
    action: reason ? 'member.pause' : 'member.resume',
    entityType: 'user',
    entityId: userId,
    datasetId,
    after: { reason },
  });
}

/** Members of a dataset paused for low accuracy on gold, with why. */
export async function pausedMembers(
  ctx: Ctx,
  datasetId: number,
): Promise<{ username: string; reason: string }[]> {
  const rows = await ctx.db
    .selectFrom('dataset_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.username', 'm.paused_reason'])
    .where('m.dataset_id', '=', datasetId)
    .where('m.paused_reason', 'is not', null)
    .execute();
  return rows.map((r) => ({ username: r.username, reason: r.paused_reason as string }));
}

/** Who works on which dataset, and who is paused there. */
export const membersRepository = {
  datasetIds: memberDatasetIds,
  list: listMembers,
  change: changeMembers,
  resume: resumeMembers,
  paused: pausedMembers,
  pausedReason,
  setPaused,
};
