import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { adapterFor, type Dialect, type DialectAdapter } from './dialect.js';
import type { Database } from './schema.js';

/**
 * What a repository function needs: a connection or an open transaction, and which dialect it
 * speaks. Internal to the store: stages get repositories (`Store`), never this.
 */
export interface Ctx {
  db: Kysely<Database>;
  dialect: Dialect;
  /**
   * The raw SQLite handle, for bulk paths that skip query building. Kysely's SQLite driver uses this
   * same single connection; read it through `rawSqlite`, which says when a raw statement is safe.
   */
  sqlite?: SqliteDatabase.Database | undefined;
}

/** Runs `fn` in one transaction: everything it writes commits together or not at all. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ db: trx, dialect: ctx.dialect, sqlite: ctx.sqlite }));
}

export const now = (): number => Date.now();

/** What differs between the databases, for this connection. */
export const adapterOf = (ctx: Ctx): DialectAdapter => adapterFor(ctx.dialect);

/** Kysely transactions open on each SQLite connection (counted by the store's driver). */
const openTransactions = new WeakMap<SqliteDatabase.Database, number>();

export function countTransaction(sqlite: SqliteDatabase.Database, delta: 1 | -1): void {
  openTransactions.set(sqlite, (openTransactions.get(sqlite) ?? 0) + delta);
}

/**
 * The raw SQLite handle where a raw statement lands where the caller means it to: inside the
 * caller's own transaction (it joins it), or on a connection with no transaction open (it commits
 * by itself). Else undefined, and the caller goes through Kysely, which waits its turn: a raw
 * statement run while another flow's async transaction is open would silently join that
 * transaction, and vanish if it rolled back.
 */
export function rawSqlite(ctx: Ctx): SqliteDatabase.Database | undefined {
  if (!ctx.sqlite) return undefined;
  if (ctx.db.isTransaction) return ctx.sqlite;
  return (openTransactions.get(ctx.sqlite) ?? 0) === 0 ? ctx.sqlite : undefined;
}
