import { type Kysely, sql } from 'kysely';

/**
 * `server_secrets`: secrets every server on one store must share, made once by whichever server
 * needs one first. The device-cookie key lives here, so a browser known to one server behind a load
 * balancer is known to all of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE server_secrets (
      name text PRIMARY KEY,
      value text NOT NULL,
      created_at bigint NOT NULL
    )`.execute(db);
}
