import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { withSchemaIntrospection } from '../../src/store/schema-introspection.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';
import { backends } from '../helpers/stores.js';

const url = process.env.TANDEM_TEST_POSTGRES;

describe.skipIf(!url)('migrations look at the store’s own PostgreSQL schema only', () => {
  const backend = backends()
    .find((b) => b.name === 'postgres')!
    .make();
  const admin = new pg.Client({ connectionString: url });
  /** Schemas made here besides the backend's stores, dropped at the end. */
  const extra: string[] = [];
  const stores: Store[] = [];
  const direct: Kysely<unknown>[] = [];
  let n = 0;
  const unique = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${n++}`;

  beforeAll(() => admin.connect());
  afterEach(async () => {
    for (const db of direct.splice(0)) await db.destroy();
    for (const s of stores.splice(0)) await s.close();
  });
  afterAll(async () => {
    for (const s of extra) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
    await backend.cleanup();
  });

  async function open(): Promise<Store & { schema: string }> {
    const store = await backend.open();
    stores.push(store);
    expect(store.schema).toMatch(/^t_/);
    return store as Store & { schema: string };
  }

  /** Another schema in the same database, holding a table of its own and one named like Kysely's. */
  async function otherSchema(): Promise<string> {
    const s = unique('t_other');
    extra.push(s);
    await admin.query(`CREATE SCHEMA ${s}`);
    await admin.query(`CREATE TABLE ${s}.stray (id serial PRIMARY KEY)`);
    await admin.query(`CREATE TABLE ${s}.kysely_migration (name text)`);
    return s;
  }

  /** A Kysely on one connection (a pool of one), so a transaction begun by hand spans its queries. */
  function oneConnection(schema: string): Kysely<unknown> {
    const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    direct.push(db);
    return db;
  }

  /**
   * Begins a REPEATABLE READ transaction on `db` and drops `victim` from another connection once its
   * snapshot is taken: the transaction's catalog queries still see `victim`, but looking it up by name
   * (as has_schema_privilege() does) no longer finds it. That is the race of several processes
   * creating and dropping schemas in one database, made deterministic.
   */
  async function dropAfterSnapshot(db: Kysely<unknown>, victim: string): Promise<void> {
    await sql`BEGIN ISOLATION LEVEL REPEATABLE READ`.execute(db);
    await sql`SELECT count(*) FROM pg_catalog.pg_namespace`.execute(db);
    await admin.query(`DROP SCHEMA ${victim} CASCADE`);
  }

  it('getTables() lists this schema’s tables, Kysely’s bookkeeping included, and none of another schema’s', async () => {
    const store = await open();
    const other = await otherSchema();
    await admin.query(`CREATE VIEW ${store.schema}.scope_view AS SELECT 1 AS x`);
    const expected = (
      await admin.query<{ name: string }>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
        [store.schema],
      )
    ).rows
      .map((r) => r.name)
      .sort();
    expect(expected).toEqual(
      expect.arrayContaining(['kysely_migration', 'kysely_migration_lock', 'scope_view']),
    );
    // The other schema's tables are there to be wrongly seen.
    const stray = await admin.query('SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1', [other]);
    expect(stray.rowCount).toBe(2);

    const scoped = withSchemaIntrospection(contextOf(store).db, store.schema).introspection;
    const tables = await scoped.getTables({ withInternalKyselyTables: true });
    expect(tables.map((t) => t.name)).toEqual(expected);
    expect(tables.every((t) => t.schema === store.schema)).toBe(true);
    expect(tables.filter((t) => t.isView).map((t) => t.name)).toEqual(['scope_view']);
    expect(tables.some((t) => t.name === 'stray')).toBe(false);

    const plain = await scoped.getTables();
    expect(plain.map((t) => t.name)).toEqual(
      expected.filter((t) => t !== 'kysely_migration' && t !== 'kysely_migration_lock'),
    );
    expect((await scoped.getMetadata({ withInternalKyselyTables: true })).tables).toEqual(tables);
  });

  it('getSchemas() reports the store’s schema once it exists, and no other', async () => {
    const store = await open();
    const s = unique('t_later');
    extra.push(s);
    const scoped = withSchemaIntrospection(contextOf(store).db, s).introspection;
    expect(await scoped.getSchemas()).toEqual([]);
    await admin.query(`CREATE SCHEMA ${s}`);
    expect(await scoped.getSchemas()).toEqual([{ name: s }]);
  });

  it('openStore migrates a fresh schema, and opening it again runs no migration', async () => {
    const store = await open();
    const ran = async () =>
      (
        await admin.query<{ name: string; timestamp: string }>(
          `SELECT name, timestamp FROM ${store.schema}.kysely_migration ORDER BY name`,
        )
      ).rows;
    const first = await ran();
    expect(first.map((r) => r.name)).toEqual(expect.arrayContaining(['001-initial', '004-lease-hint']));
    const again = await openStore(backend.url());
    stores.push(again);
    expect(again.schema).toBe(store.schema);
    expect(await ran()).toEqual(first);
  });

  it('the race is real: Kysely’s own introspection fails on a schema dropped after the snapshot', async () => {
    const store = await open();
    const other = await otherSchema();
    const db = oneConnection(store.schema);
    await dropAfterSnapshot(db, other);
    await expect(db.introspection.getTables({ withInternalKyselyTables: true })).rejects.toThrow(
      `schema "${other}" does not exist`,
    );
    await sql`ROLLBACK`.execute(db);
  });

  it('migrating is not disturbed by another schema dropped meanwhile', async () => {
    const store = await open();
    const other = await otherSchema();
    const db = oneConnection(store.schema);
    await dropAfterSnapshot(db, other);
    // (The Migrator's own BEGIN/COMMIT then ends the transaction begun above.)
    await expect(migrateToLatest(db, 'postgres', store.schema)).resolves.toBeUndefined();
  });
});
