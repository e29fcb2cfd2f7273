import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { TandemError } from '../core/errors.js';
import { type Ctx, countTransaction } from './context.js';
import { migrateToLatest } from './migrate.js';
import { namingStatements } from './pg-statements.js';
import type { Database } from './schema.js';
import { type OpenStore, storeOver } from './store.js';

/** What opening a store gives back, before the repositories are laid over it. */
interface Opened {
  ctx: Ctx;
  location: string;
  schema?: string;
  close(): Promise<void>;
}

export const DEFAULT_DB = './tandem.db';

/** `--db` wins, then TANDEM_DB, then ./tandem.db. */
export function resolveDbUrl(flag?: string): string {
  return flag || process.env.TANDEM_DB || DEFAULT_DB;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens the store and runs pending migrations. */
export async function openStore(url: string = resolveDbUrl()): Promise<OpenStore> {
  const { store, migrated } = isPostgresUrl(url) ? await openPostgres(url) : { store: openSqlite(url) };
  try {
    await migrateToLatest(store.ctx.db as Kysely<unknown>, store.ctx.dialect, store.schema);
  } catch (e) {
    await store.close();
    throw e;
  }
  migrated?.();
  const open = storeOver(store.ctx) as OpenStore & {
    location: string;
    schema?: string;
    close(): Promise<void>;
  };
  Object.assign(open, {
    location: store.location,
    ...(store.schema !== undefined ? { schema: store.schema } : {}),
    close: store.close,
  });
  return open;
}

function openSqlite(path: string): Opened {
  const file = path === ':memory:' ? path : resolve(path.replace(/^sqlite:(\/\/)?/, ''));
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
  } catch (e) {
    throw new TandemError('bad_input', `cannot open SQLite database ${file}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Number(process.env.TANDEM_SQLITE_BUSY_MS ?? 5000)}`);
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(sqlite) }, sqlite),
  });
  return { ctx: { db, dialect: 'sqlite', sqlite }, location: file, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; compiling cost a quarter of the server's CPU under the queue
 * benchmark. Statements are reused by SQL text (bounded, least recently used out). Safe because
 * Kysely runs one query at a time on the single connection.
 */
function cachingStatements(sqlite: SqliteDatabase.Database, max = 500): SqliteDialectConfig['database'] {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** The store, and what to do once its migrations have run. */
async function openPostgres(url: string): Promise<{ store: Opened; migrated: () => void }> {
  // Loaded here, not at the top: a SQLite store (every `tandem` start by default) never needs pg.
  const { default: pg } = await import('pg');
  // int8 (ids, epoch millis, counts) as numbers: all our values are far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  // jsonb as its text: `readJson` parses it, as it does SQLite's. Left to pg, a jsonb string ("positive")
  // would arrive as a bare JS string that `readJson` could not tell from JSON text.
  pg.types.setTypeParser(3802, (v) => v);
  pg.types.setTypeParser(114, (v) => v);
  const parsed = new URL(url);
  // ?schema=NAME keeps several Tandem stores (or test runs) apart in one database.
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TandemError(
      'usage',
      `invalid schema name '${schema}' in TANDEM_DB (lower-case letters, digits, _)`,
    );
  }
  const connectionString = parsed.toString();
  if (schema) {
    const client = new pg.Client({ connectionString });
    await client.connect().catch((e: Error) => {
      throw new TandemError('internal', `cannot connect to PostgreSQL at ${redact(url)}: ${e.message}`, {
        cause: e,
      });
    });
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.end();
  }
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.TANDEM_PG_POOL ?? 10),
    // JIT compiles a plan whose estimated cost is high (stale statistics after a bulk import are
    // enough) and spends 100–200 ms doing it; Tandem's statements are short, so it never pays back.
    options: `-c jit=off${schema ? ` -c search_path=${schema}` : ''}`,
  });
  let current: string;
  try {
    const c = await pool.connect();
    current = (await c.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? 'public';
    c.release();
  } catch (e) {
    await pool.end();
    throw new TandemError(
      'internal',
      `cannot connect to PostgreSQL at ${redact(url)}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
  const naming = namingStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: naming }) });
  return {
    store: {
      ctx: { db, dialect: 'postgres' },
      location: redact(url),
      schema: current,
      close: () => db.destroy(),
    },
    // Off for poolers that cannot keep a connection's prepared statements (PgBouncer in transaction
    // mode before 1.21): TANDEM_PG_PREPARED=off (or false, no, 0).
    migrated: () => {
      if (!/^(off|false|no|0)$/i.test(process.env.TANDEM_PG_PREPARED ?? '')) naming.startNaming();
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Transactions that take the write lock when they begin (`BEGIN IMMEDIATE`). A deferred transaction
 * that reads and then writes must upgrade its lock, and when two processes (workers sharing one
 * file) do that at once SQLite fails one at once with "database is locked" instead of letting it
 * wait its turn. Taking the lock up front makes the second one wait (busy_timeout) and go on.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SqliteDatabase.Database,
  ) {
    super(config);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Counted before the BEGIN: from here raw statements from other flows would land inside it.
    countTransaction(this.sqlite, 1);
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (e) {
      countTransaction(this.sqlite, -1);
      throw e;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } finally {
      countTransaction(this.sqlite, -1);
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      countTransaction(this.sqlite, -1);
    }
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: SqliteDatabase.Database;

  constructor(config: SqliteDialectConfig, sqlite: SqliteDatabase.Database) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#sqlite);
  }
}
