import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';

/** What a repository function needs: a connection or transaction, and which dialect it speaks. */
export interface Ctx {
  db: Kysely<Database>;
  dialect: Dialect;
  /**
   * The raw SQLite handle, for bulk paths that skip query building. Kysely's SQLite driver uses this
   * same single connection, so raw statements run inside whatever transaction `db` has open.
   */
  sqlite?: SqliteDatabase.Database | undefined;
}

/** Runs `fn` in one transaction: everything it writes commits together or not at all. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ db: trx, dialect: ctx.dialect, sqlite: ctx.sqlite }));
}

export const now = (): number => Date.now();
