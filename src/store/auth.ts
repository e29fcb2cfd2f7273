import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Caller } from '../core/actor.js';
import type { Role, User } from '../core/annotation.js';
import { notFound } from '../core/errors.js';
import type { Ctx } from './context.js';
import { now } from './context.js';
import { readJson } from './dialect.js';
import { appendEvent } from './events.js';

/**
 * Sessions and API tokens. Only SHA-256 hashes of their secrets are stored: a copy of the database
 * lets nobody log in. Secrets are 32 random bytes, base64url.
 */

const sha = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

function toUser(r: {
  id: number;
  username: string;
  role: string;
  languages: unknown;
  disabled: number;
  created_at: number;
}): User {
  return {
    id: Number(r.id),
    username: r.username,
    role: r.role as Role,
    languages: readJson<string[]>(r.languages),
    disabled: Number(r.disabled) === 1,
    createdAt: Number(r.created_at),
  };
}

export async function passwordHashOf(
  ctx: Ctx,
  username: string,
): Promise<{ user: User; hash: string | null } | undefined> {
  const r = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? { user: toUser(r), hash: r.password_hash } : undefined;
}

export async function setPasswordHash(ctx: Ctx, username: string, hash: string, actor: Actor): Promise<void> {
  const r = await ctx.db
    .updateTable('users')
    .set({ password_hash: hash })
    .where('username', '=', username)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw notFound('user', username);
  await appendEvent(ctx, { actor, action: 'user.password', entityType: 'user', entityId: username });
}

export async function listUsers(ctx: Ctx): Promise<User[]> {
  return (await ctx.db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
}

export async function createSession(
  ctx: Ctx,
  userId: number,
  ttlMs: number,
): Promise<{ secret: string; csrfToken: string }> {
  const s = secret();
  const csrfToken = secret();
  const t = now();
  await ctx.db
    .insertInto('sessions')
    .values({ id: sha(s), user_id: userId, csrf_token: csrfToken, expires_at: t + ttlMs, created_at: t })
    .execute();
  return { secret: s, csrfToken };
}

export async function callerBySession(ctx: Ctx, sessionSecret: string): Promise<Caller | undefined> {
  const r = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id', '=', sha(sessionSecret))
    .executeTakeFirst();
  if (!r || Number(r.expires_at) < now() || Number(r.disabled) === 1) return undefined;
  return { ...toUser(r), via: 'session', csrfToken: r.csrf_token };
}

export async function deleteSession(ctx: Ctx, sessionSecret: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', sha(sessionSecret)).execute();
}

/** A new API token for a user; the secret is returned once and never stored. */
export async function createApiToken(ctx: Ctx, userId: number, name: string, actor: Actor): Promise<string> {
  const s = `tdm_${secret()}`;
  await ctx.db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: sha(s), created_at: now(), last_used_at: null })
    .execute();
  await appendEvent(ctx, {
    actor,
    action: 'token.create',
    entityType: 'user',
    entityId: userId,
    after: { name },
  });
  return s;
}

export async function callerByToken(ctx: Ctx, token: string): Promise<Caller | undefined> {
  const r = await ctx.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha(token))
    .executeTakeFirst();
  if (!r || Number(r.disabled) === 1) return undefined;
  // "Last used" to the minute: a write on every request would cost more than the request.
  const t = now();
  if (r.last_used_at === null || t - Number(r.last_used_at) > 60_000)
    await ctx.db
      .updateTable('api_tokens')
      .set({ last_used_at: t })
      .where('id', '=', Number(r.token_id))
      .execute();
  return { ...toUser(r), via: 'token' };
}

/** Accounts' secrets: password hashes, sessions and API tokens. */
export const authRepository = {
  passwordHashOf,
  setPasswordHash,
  listUsers,
  createSession,
  callerBySession,
  deleteSession,
  createApiToken,
  callerByToken,
};
