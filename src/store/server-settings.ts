import { sql } from 'kysely';
import { contextOf, type Store } from './store.js';

/** PostgreSQL settings Tandem's queues depend on, as `SHOW` prints them. */
export interface ServerSettings {
  autovacuum: string;
  track_counts: string;
}

/**
 * What an operator should hear about a PostgreSQL server's settings before serving from it. The
 * annotation queue adds and deletes a lease row per record handed out, and its answer tables grow
 * from nothing: without autovacuum, dead lease rows pile up and the statistics stay those of empty
 * tables. (Tandem re-plans its prepared statements every ten seconds, which limits the harm; only an
 * ANALYZE brings the statistics up to date.) Autovacuum also needs the row counts it decides on.
 */
export function settingsWarnings(s: ServerSettings): string[] {
  const out: string[] = [];
  if (s.track_counts !== 'on')
    out.push('PostgreSQL has track_counts off, so autovacuum cannot tell which tables need it; turn it on.');
  else if (s.autovacuum !== 'on')
    out.push(
      'PostgreSQL has autovacuum off: dead lease rows and out-of-date statistics will slow the annotation ' +
        'queue as answers come in. Turn it on, or run VACUUM ANALYZE on assignments and responses every few minutes.',
    );
  return out;
}

/** The warnings for a store (none on SQLite, which has no such settings). */
export async function storeWarnings(store: Store): Promise<string[]> {
  if (store.dialect !== 'postgres') return [];
  const r = await sql<ServerSettings>`
    SELECT current_setting('autovacuum') AS autovacuum, current_setting('track_counts') AS track_counts`.execute(
    contextOf(store).db,
  );
  const row = r.rows[0];
  return row ? settingsWarnings(row) : [];
}
