import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { TandemError } from '../core/errors.js';
import { translateDbError } from './db-errors.js';
import type { Dialect } from './dialect.js';
import { withSchemaIntrospection } from './schema-introspection.js';

type MigrationModule = { up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> };

/**
 * Migrations in order. Append only: a released migration is never edited. Each loads only when a
 * store needs it: a store already up to date (every command after the first) never parses their SQL.
 */
const migrations: Record<string, () => Promise<MigrationModule>> = {
  '001-initial': () => import('./migrations/001-initial.js'),
  '002-queues': () => import('./migrations/002-queues.js'),
  '003-quality': () => import('./migrations/003-quality.js'),
  '004-lease-hint': () => import('./migrations/004-lease-hint.js'),
  '005-releases': () => import('./migrations/005-releases.js'),
  '006-erasure': () => import('./migrations/006-erasure.js'),
  '007-audits': () => import('./migrations/007-audits.js'),
  '008-search': () => import('./migrations/008-search.js'),
  '010-server-secrets': () => import('./migrations/010-server-secrets.js'),
  '011-check-shards': () => import('./migrations/011-check-shards.js'),
  '012-double-precision': () => import('./migrations/012-double-precision.js'),
};

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(migrations)) {
      // Kysely runs SQLite migrations outside a transaction (it assumes no transactional DDL);
      // SQLite has it, so a migration that fails halfway leaves nothing behind.
      out[name] = {
        up: async (db) => {
          const { up } = await m();
          return this.dialect === 'sqlite'
            ? db.transaction().execute((trx) => up(trx as unknown as Kysely<unknown>, this.dialect))
            : up(db, this.dialect);
        },
      };
    }
    return out;
  }
}

/** Brings the schema up to date. Kysely's migration lock makes concurrent starts (several servers) safe. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect, schema?: string): Promise<void> {
  if (dialect === 'sqlite' && (await sqliteUpToDate(db))) return;
  // Naming the schema matters on PostgreSQL: without it Kysely looks for its bookkeeping tables in
  // every schema, and another store's tables in the same database would fool it. The Migrator also
  // looks for them through an introspection of every schema in the database, which is slow with many
  // schemas and fails when another process drops its schema meanwhile; ours sees this schema only.
  // (openStore always names the schema on PostgreSQL; without one Kysely's introspection is kept.)
  const migrator = new Migrator({
    db: dialect === 'postgres' && schema ? withSchemaIntrospection(db, schema) : db,
    provider: new InCodeProvider(dialect),
    // 009 and 010 were kept free while 011 shipped: a store already at 011 takes them later.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    // A locked store is a state to wait out, not a broken migration.
    const translated = translateDbError(error);
    if (translated !== error) throw translated;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new TandemError('internal', `database migration ${failed} failed: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Whether a SQLite store has run exactly the migrations this code knows, in one query: then there is
 * nothing for the Migrator (its lock table, its checks) to do. Anything else — a new store, a
 * pending migration, a store from a newer Tandem — goes through the Migrator, which says what is wrong.
 */
async function sqliteUpToDate(db: Kysely<unknown>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
    const known = Object.keys(migrations);
    return rows.length === known.length && rows.every((r, i) => r.name === known[i]);
  } catch {
    return false; // no bookkeeping table yet: a new store
  }
}
