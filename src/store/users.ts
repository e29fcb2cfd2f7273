import type { Selectable } from 'kysely';
import type { Actor } from '../core/actor.js';
import type { Role, User } from '../core/annotation.js';
import { conflict, notFound } from '../core/errors.js';
import { type Ctx, inTransaction, now } from './context.js';
import { readJson, writeJson } from './dialect.js';
import { appendEvent } from './events.js';
import type { UsersTable } from './schema.js';

export interface NewUser {
  username: string;
  role: Role;
  languages?: string[];
  passwordHash?: string | null;
}

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id,
  username: r.username,
  role: r.role as Role,
  languages: readJson<string[]>(r.languages),
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

export async function createUser(ctx: Ctx, u: NewUser, actor: Actor): Promise<User> {
  return inTransaction(ctx, async (tx) => {
    if (await findUser(tx, u.username)) throw conflict(`user '${u.username}' already exists`);
    const row = await tx.db
      .insertInto('users')
      .values({
        username: u.username,
        role: u.role,
        languages: writeJson(u.languages ?? []),
        password_hash: u.passwordHash ?? null,
        disabled: 0,
        created_at: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The password hash never goes into the event log.
    await appendEvent(tx, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: { username: u.username, role: u.role, languages: u.languages ?? [] },
    });
    return toUser(row);
  });
}

export async function findUser(ctx: Ctx, username: string): Promise<User | undefined> {
  const row = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export interface UserPatch {
  role?: Role;
  languages?: string[];
  disabled?: boolean;
}

/** Changes a user's role, languages or whether they may log in; a disabled user's sessions and tokens end. */
export async function updateUser(ctx: Ctx, username: string, patch: UserPatch, actor: Actor): Promise<User> {
  return inTransaction(ctx, async (tx) => {
    const before = await findUser(tx, username);
    if (!before) throw notFound('user', username);
    const set: { role?: string; languages?: string; disabled?: number } = {};
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.languages !== undefined) set.languages = writeJson(patch.languages);
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (Object.keys(set).length)
      await tx.db.updateTable('users').set(set).where('id', '=', before.id).execute();
    if (patch.disabled) {
      // Disabling ends every way in: enabling the user again must not revive an old session or token.
      await tx.db.deleteFrom('sessions').where('user_id', '=', before.id).execute();
      await tx.db.deleteFrom('api_tokens').where('user_id', '=', before.id).execute();
    }
    await appendEvent(tx, {
      actor,
      action: 'user.update',
      entityType: 'user',
      entityId: before.id,
      before: { role: before.role, languages: before.languages, disabled: before.disabled },
      after: patch,
    });
    return (await findUser(tx, username))!;
  });
}

/** The users with these names (the unknown ones are simply absent). */
export async function usersNamed(ctx: Ctx, usernames: string[]): Promise<{ id: number; username: string }[]> {
  if (usernames.length === 0) return [];
  return ctx.db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute();
}

export const usersRepository = {
  create: createUser,
  find: findUser,
  update: updateUser,
  named: usersNamed,
};
