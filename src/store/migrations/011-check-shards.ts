import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * `check_shards`: what each shard of a queued check run hands to the step that finishes it — the
 * near-duplicate sketches of its records (typed arrays, a few hundred bytes per record), so that
 * duplicates falling in different shards are still found. Kept until the run finishes.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  await sql`
    CREATE TABLE check_shards (
      run_id text NOT NULL,
      shard integer NOT NULL,
      data ${bytes} NOT NULL,
      PRIMARY KEY (run_id, shard)
    )`.execute(db);
}
