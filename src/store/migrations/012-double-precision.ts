import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Costs and scores as 8-byte floats on PostgreSQL too. Migration 001 made them `real`, which is an
 * 8-byte float on SQLite but a 4-byte one (~7 digits) on PostgreSQL: a dataset's cost summed there
 * drifted from the same sum on SQLite in the 8th digit, and a score of 1/3 came back as 0.33333334.
 * SQLite needs nothing. (Rewrites the tables on PostgreSQL: a one-time cost.)
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const [table, column] of [
    ['llm_cache', 'cost_usd'],
    ['check_results', 'score'],
    ['suggestions', 'score'],
    ['records', 'disagreement'],
  ] as const) {
    await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.ref(column)} TYPE double precision`.execute(
      db,
    );
  }
}
