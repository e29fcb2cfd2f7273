import type { Selectable } from 'kysely';
import type { Role, User } from '../core/annotation.js';
import { conflict } from '../core/errors.js';
import { type Ctx, inTransaction, now } from './context.js';
import { readJson, writeJson } from './dialect.js';
import { type Actor, appendEvent } from './events.js';
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
