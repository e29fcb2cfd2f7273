import type { PostgresCursor, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * A pg pool whose clients run Kysely's statements as named (server-side prepared) statements.
 *
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it on every call; under the
 * annotation queue's load that was a third of the database's CPU. A named statement is parsed once
 * per connection and, once PostgreSQL judges a generic plan as good, planned once too.
 *
 * Only statements that repeat are named: those with parameters (Kysely parameterises every value,
 * so a statement without any is DDL or transaction control) and few of them (a bulk insert's text
 * changes with its row count). The names are bounded too, since each connection keeps every
 * statement it prepared; past the bound, new texts run unnamed as before.
 *
 * A connection forgets its prepared statements every ten seconds (one `DEALLOCATE ALL` as it leaves
 * the pool), so their plans are made again for the tables as they are now. A generic plan lasts
 * until an ANALYZE invalidates it, and one made while a table was nearly empty (a sequential scan of
 * `responses` on a new dataset) grows costlier with every answer until the next ANALYZE: up to a
 * minute with autovacuum, forever without. The planner reads a table's current size, so a fresh
 * plan sees the growth even when the statistics are old. Preparing ~20 statements again per
 * connection every ten seconds costs far less than one stale plan (measured: bench/serve).
 */
export interface NamingPool extends PostgresPool {
  /** Starts naming statements. Off while migrations run, so no plan outlives a table's change. */
  startNaming(): void;
  /** How many distinct statements have a name. */
  readonly named: number;
}

const MAX_PARAMETERS = 64;
const MAX_TEXT = 8_000;
const MAX_NAMES = 1_000;

/** How long a connection keeps its prepared statements (and their plans) before preparing afresh. */
const REPLAN_AFTER_MS = 10_000;

export interface NamingOptions {
  replanAfterMs?: number;
  /** Milliseconds now; tests pass a fake clock. */
  clock?: () => number;
}

/** pg's record of what a connection has prepared (it sends Parse only for names it has not). */
type PgConnection = {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
};

const isStalePlan = (e: unknown): boolean =>
  (e as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(e));

export function namingStatements(pool: pg.Pool, options: NamingOptions = {}): NamingPool {
  const replanAfterMs = options.replanAfterMs ?? REPLAN_AFTER_MS;
  const clock = options.clock ?? Date.now;
  const names = new Map<string, string>();
  const clients = new WeakMap<pg.PoolClient, { wrapped: PostgresPoolClient; since: number }>();
  let naming = false;
  let issued = 0;

  const nameOf = (text: string, parameters: ReadonlyArray<unknown>): string | undefined => {
    if (!naming || parameters.length === 0 || parameters.length > MAX_PARAMETERS || text.length > MAX_TEXT)
      return undefined;
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMES) {
      name = `tandem_${++issued}`;
      names.set(text, name);
    }
    return name;
  };

  const run = (client: pg.PoolClient, text: string, values: unknown[]) => {
    const name = nameOf(text, values);
    return client.query(name ? { name, text, values } : { text, values });
  };

  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // Not async: a cursor must come back as itself, not in a promise.
    query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
      return statement(client, textOrCursor, [...(parameters ?? [])]);
    }) as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  });

  const statement = async (client: pg.PoolClient, text: string, values: unknown[]) => {
    // Whether a transaction is open, before this statement (pg's own bookkeeping: I = idle).
    const idle = (client as unknown as { _txStatus?: string })._txStatus === 'I';
    try {
      return await run(client, text, values);
    } catch (e) {
      // A table this statement reads changed shape (a newer server migrated the schema while
      // this one runs): PostgreSQL refuses the prepared plan for good. The text gets a fresh
      // name, prepared anew on each connection; outside a transaction the statement is simply
      // run again, inside one the transaction has failed and the caller sees the error once.
      if (!isStalePlan(e) || names.get(text) === undefined) throw e;
      names.set(text, `tandem_${++issued}`);
      if (!idle) throw e;
      return run(client, text, values);
    }
  };

  return {
    async connect() {
      const client = await pool.connect();
      let known = clients.get(client);
      if (!known) {
        known = { wrapped: wrap(client), since: clock() };
        clients.set(client, known);
      } else if (clock() - known.since >= replanAfterMs) {
        await forget(client).catch((e: unknown) => {
          client.release(e as Error);
          throw e;
        });
        known.since = clock();
      }
      return known.wrapped;
    },
    end: () => pool.end(),
    startNaming() {
      naming = true;
    },
    get named() {
      return names.size;
    },
  };
}

/** Drops every statement the connection prepared, so each is parsed and planned again on next use. */
async function forget(client: pg.PoolClient): Promise<void> {
  const connection = (client as unknown as { connection: PgConnection }).connection;
  if (Object.keys(connection.parsedStatements).length === 0) return;
  await client.query('DEALLOCATE ALL');
  connection.parsedStatements = {};
  connection.submittedNamedStatements = {};
}
