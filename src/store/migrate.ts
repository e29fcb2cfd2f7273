import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { TandemError } from '../core/errors.js';
import { translateDbError } from './db-errors.js';
import type { Dialect } from './dialect.js';
import * as initial from './migrations/001-initial.js';
import * as queues from './migrations/002-queues.js';
import * as quality from './migrations/003-quality.js';
import * as leaseHint from './migrations/004-lease-hint.js';
import * as releases from './migrations/005-releases.js';
import * as erasure from './migrations/006-erasure.js';
import * as audits from './migrations/007-audits.js';
import * as search from './migrations/008-search.js';
import * as serverSecrets from './migrations/010-server-secrets.js';
import * as checkShards from './migrations/011-check-shards.js';
import { withSchemaIntrospection } from './schema-introspection.js';

/** Migrations in order. Append only: a released migration is never edited. */
const migrations: Record<string, { up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> }> = {
  '001-initial': initial,
  '002-queues': queues,
  '003-quality': quality,
  '004-lease-hint': leaseHint,
  '005-releases': releases,
  '006-erasure': erasure,
  '007-audits': audits,
  '008-search': search,
  '010-server-secrets': serverSecrets,
  '011-check-shards': checkShards,
};

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(migrations)) {
      // Kysely runs SQLite migrations outside a transaction (it assumes no transactional DDL);
      // SQLite has it, so a migration that fails halfway leaves nothing behind.
      out[name] = {
        up: (db) =>
          this.dialect === 'sqlite'
            ? db.transaction().execute((trx) => m.up(trx as unknown as Kysely<unknown>, this.dialect))
            : m.up(db, this.dialect),
      };
    }
    return out;
  }
}

/** Brings the schema up to date. Kysely's migration lock makes concurrent starts (several servers) safe. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect, schema?: string): Promise<void> {
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
