import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from './context.js';

/**
 * The store's secret called `name` (migration 010), made on first use: 32 random bytes, base64url.
 * Servers starting at once race to insert; the first insert wins and every server reads the winner.
 */
export async function serverSecret(ctx: Ctx, name: string): Promise<Buffer> {
  const made = randomBytes(32).toString('base64url');
  await sql`INSERT INTO server_secrets (name, value, created_at) VALUES (${name}, ${made}, ${Date.now()})
    ON CONFLICT (name) DO NOTHING`.execute(ctx.db);
  const row = await ctx.db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

export const serverSecretsRepository = { get: serverSecret };
