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

export function namingStatements(pool: pg.Pool): NamingPool {
  const names = new Map<string, string>();
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  let naming = false;

  const nameOf = (text: string, parameters: ReadonlyArray<unknown>): string | undefined => {
    if (!naming || parameters.length === 0 || parameters.length > MAX_PARAMETERS || text.length > MAX_TEXT)
      return undefined;
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMES) {
      name = `tandem_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };

  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
      const values = [...(parameters ?? [])];
      const name = nameOf(textOrCursor, values);
      return client.query(name ? { name, text: textOrCursor, values } : { text: textOrCursor, values });
    }) as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  });

  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
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
