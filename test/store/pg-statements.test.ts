import { CompiledQuery, Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type NamingOptions, type NamingPool, namingStatements } from '../../src/store/pg-statements.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';
import { backends } from '../helpers/stores.js';

const url = process.env.TANDEM_TEST_POSTGRES;

interface Prepared {
  name: string;
  statement: string;
  /** How often the statement ran by its name (each run picks a plan). */
  runs: number;
}

/** The statements prepared on the connection `db` runs on (a pool of one: always the same one). */
async function prepared(db: Kysely<unknown>): Promise<Prepared[]> {
  const r = await sql<{ name: string; statement: string; runs: string | number }>`
    SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements
    ORDER BY prepare_time, name`.execute(db);
  return r.rows.map((x) => ({ name: x.name, statement: x.statement, runs: Number(x.runs) }));
}

/** The SQL text Kysely sends for a raw query. */
const text = (db: Kysely<unknown>, q: RawBuilder<unknown>) => q.compile(db).sql;

describe.skipIf(!url)('named statements on PostgreSQL', () => {
  /** A Kysely over a naming pool of `max` connections to the test database. */
  const open: Kysely<unknown>[] = [];
  function direct(max = 1, options?: NamingOptions): { db: Kysely<unknown>; naming: NamingPool } {
    const naming = namingStatements(new pg.Pool({ connectionString: url, max }), options);
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: naming }) });
    open.push(db);
    return { db, naming };
  }
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });

  it('names nothing before startNaming, then names a parameterised statement once and reuses it', async () => {
    const { db, naming } = direct();
    const q = (n: number) => sql<{ n: number }>`SELECT ${n}::int + 1 AS n`;
    expect((await q(1).execute(db)).rows).toEqual([{ n: 2 }]);
    expect((await q(2).execute(db)).rows).toEqual([{ n: 3 }]);
    expect(await prepared(db)).toEqual([]);
    expect(naming.named).toBe(0);

    naming.startNaming();
    for (const n of [10, 20, 30]) expect((await q(n).execute(db)).rows).toEqual([{ n: n + 1 }]);
    // One name, parsed once and run three times by that name.
    expect(await prepared(db)).toEqual([{ name: 'tandem_1', statement: text(db, q(0)), runs: 3 }]);
    expect(naming.named).toBe(1);
  });

  it('survives a table changing shape under a prepared SELECT * (a newer server migrating): retried outside a transaction, failing once inside one', async () => {
    const { db, naming } = direct();
    naming.startNaming();
    const table = `shape_${process.pid}`;
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id int, a text)`);
      await other.query(`INSERT INTO ${table} VALUES (1, 'x')`);
      const q = sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE id = ${1}`;
      expect((await q.execute(db)).rows).toEqual([{ id: 1, a: 'x' }]);
      const [first] = await prepared(db);

      await other.query(`ALTER TABLE ${table} ADD COLUMN b int`);
      // Outside a transaction: run again under a new name, with the new column.
      expect((await q.execute(db)).rows).toEqual([{ id: 1, a: 'x', b: null }]);
      const names = (await prepared(db)).map((p) => p.name);
      expect(names).toContain(first?.name);
      expect(names).toHaveLength(2);

      await other.query(`ALTER TABLE ${table} ADD COLUMN c int`);
      // Inside one the statement fails (the transaction is lost) once; the next one works.
      await expect(db.transaction().execute((tx) => q.execute(tx))).rejects.toThrow(
        /cached plan must not change result type/,
      );
      expect((await db.transaction().execute((tx) => q.execute(tx))).rows).toEqual([
        { id: 1, a: 'x', b: null, c: null },
      ]);
    } finally {
      await other.query(`DROP TABLE IF EXISTS ${table}`);
      await other.end();
    }
  });

  it('prepares afresh once its interval has passed, so a plan made on an empty table does not outlive its growth', async () => {
    let t = 0;
    const { db, naming } = direct(1, { replanAfterMs: 60_000, clock: () => t });
    await sql`CREATE TEMP TABLE grows (k int PRIMARY KEY, v text)`.execute(db);
    await sql`ANALYZE grows`.execute(db);
    naming.startNaming();
    const q = (k: number) => sql<{ v: string }>`SELECT v FROM grows WHERE k = ${k}`;
    // Past five runs PostgreSQL settles on a generic plan, made while the table was empty.
    for (let i = 0; i < 8; i++) expect((await q(i).execute(db)).rows).toEqual([]);
    await sql`INSERT INTO grows SELECT g, 'v' || g FROM generate_series(1, 100000) g`.execute(db);
    const plan = async () => {
      const [p] = await prepared(db);
      const r = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${p?.name}(5)`).execute(db);
      return r.rows.map((x) => x['QUERY PLAN']).join('\n');
    };
    expect(await plan()).toMatch(/Seq Scan on grows/);

    t += 59_999;
    expect((await q(5).execute(db)).rows).toEqual([{ v: 'v5' }]);
    expect(await plan()).toMatch(/Seq Scan on grows/);
    // Still the first preparation: eight runs, this one, and the two EXPLAINs.
    expect((await prepared(db))[0]?.runs).toBe(11);

    t += 1;
    expect((await q(5).execute(db)).rows).toEqual([{ v: 'v5' }]);
    // Deallocated and prepared again under the same name: one run, planned for the table as it is.
    expect(await prepared(db)).toEqual([{ name: 'tandem_1', statement: text(db, q(0)), runs: 1 }]);
    expect(await plan()).toMatch(/Index Scan using grows_pkey/);
    expect((await q(7).execute(db)).rows).toEqual([{ v: 'v7' }]);
  });

  it('gives two texts two names, and returns the same rows named as unnamed', async () => {
    const { db, naming } = direct();
    await sql`CREATE TEMP TABLE t (id int PRIMARY KEY, label text, doc jsonb, big bigint, at timestamptz)`.execute(
      db,
    );
    await sql`INSERT INTO t VALUES
      (1, 'één', '{"a": [1, "x"]}', 9007199254740991, '2024-01-02T03:04:05Z'),
      (2, NULL, 'null', -1, NULL),
      (3, 'emoji 🎉 "quoted"', '"bare"', 0, '1999-12-31T23:59:59Z')`.execute(db);
    const byId = (lo: number) =>
      sql`SELECT id, label, doc, big, at FROM t WHERE id >= ${lo} ORDER BY id`
        .execute(db)
        .then((r) => r.rows);
    const byLabel = (label: string) =>
      sql`SELECT id FROM t WHERE label = ${label}`.execute(db).then((r) => r.rows);

    const unnamed = [await byId(1), await byId(2), await byLabel('één')];
    expect(unnamed[0]).toHaveLength(3);
    expect(unnamed[2]).toEqual([{ id: 1 }]);
    naming.startNaming();
    // Twice each: the first run prepares the statement, the second runs it by name.
    for (let i = 0; i < 2; i++) expect([await byId(1), await byId(2), await byLabel('één')]).toEqual(unnamed);

    const p = await prepared(db);
    expect(p.map((x) => x.name)).toEqual(['tandem_1', 'tandem_2']);
    expect(p.map((x) => x.runs)).toEqual([4, 2]);
    expect(p[0]?.statement).toContain('WHERE id >= $1');
    expect(p[1]?.statement).toContain('WHERE label = $1');
    expect(naming.named).toBe(2);
  });

  it('leaves parameterless statements, more than 64 parameters and texts over 8000 characters unnamed', async () => {
    const { db, naming } = direct();
    naming.startNaming();
    const sum = (n: number) =>
      sql<{ s: number }>`SELECT (${sql.join(
        Array.from({ length: n }, (_, i) => sql`${i + 1}::int`),
        sql` + `,
      )}) AS s`;
    // A statement of exactly `length` characters with one parameter.
    const sized = (length: number) => {
      const head = 'SELECT $1::int AS n /*';
      return CompiledQuery.raw(`${head}${'x'.repeat(length - head.length - 2)}*/`, [7]);
    };

    expect((await sql`SELECT 41 + 1 AS n`.execute(db)).rows).toEqual([{ n: 42 }]);
    expect((await sum(65).execute(db)).rows).toEqual([{ s: (65 * 66) / 2 }]);
    expect((await db.executeQuery(sized(8001))).rows).toEqual([{ n: 7 }]);
    expect(sized(8001).sql).toHaveLength(8001);
    expect(await prepared(db)).toEqual([]);
    expect(naming.named).toBe(0);

    // Right at the bounds they are named.
    expect((await sum(64).execute(db)).rows).toEqual([{ s: (64 * 65) / 2 }]);
    expect((await db.executeQuery(sized(8000))).rows).toEqual([{ n: 7 }]);
    expect((await prepared(db)).map((x) => [x.name, x.statement])).toEqual([
      ['tandem_1', text(db, sum(64))],
      ['tandem_2', sized(8000).sql],
    ]);
    expect(naming.named).toBe(2);
  });

  it('names at most 1000 statements; later texts run unnamed, earlier ones keep their names', async () => {
    const { db, naming } = direct();
    naming.startNaming();
    const q = (i: number) => sql<{ n: number }>`SELECT ${i}::int AS ${sql.ref(`n${i}`)}`;
    for (let i = 1; i <= 1000; i++) await q(i).execute(db);
    expect(naming.named).toBe(1000);
    for (const i of [1001, 1002, 1001]) expect((await q(i).execute(db)).rows).toEqual([{ [`n${i}`]: i }]);
    expect(naming.named).toBe(1000);
    await q(5).execute(db);

    const p = await prepared(db);
    expect(p).toHaveLength(1000);
    expect(p.some((x) => x.statement.includes('n1001') || x.statement.includes('n1002'))).toBe(false);
    expect(p.find((x) => x.name === 'tandem_5')).toEqual({
      name: 'tandem_5',
      statement: text(db, q(5)),
      runs: 2,
    });
    expect(p.find((x) => x.name === 'tandem_1000')?.statement).toBe(text(db, q(1000)));
  });

  it('keeps the connection usable after a named statement fails, in or out of a transaction', async () => {
    const { db, naming } = direct();
    await sql`CREATE TEMP TABLE u (k int PRIMARY KEY)`.execute(db);
    naming.startNaming();
    const insert = (k: number) => sql`INSERT INTO u (k) VALUES (${k})`.execute(db);
    const keys = async () =>
      (await sql<{ k: number }>`SELECT k FROM u WHERE k > ${0} ORDER BY k`.execute(db)).rows.map((r) => r.k);

    await insert(1);
    await expect(insert(1)).rejects.toMatchObject({ code: '23505' });
    await insert(2);
    expect(await keys()).toEqual([1, 2]);

    // A unique violation inside a transaction rolls it back; the connection goes on.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO u (k) VALUES (${3})`.execute(trx);
        await sql`INSERT INTO u (k) VALUES (${1})`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await keys()).toEqual([1, 2]);
    await insert(4);
    expect(await keys()).toEqual([1, 2, 4]);
    // Still one statement per text: the failures neither renamed nor re-prepared them.
    expect((await prepared(db)).map((x) => x.statement)).toEqual([
      'INSERT INTO u (k) VALUES ($1)',
      'SELECT k FROM u WHERE k > $1 ORDER BY k',
    ]);
    expect(naming.named).toBe(2);
  });

  it('runs a statement whose first preparation failed once it can be prepared', async () => {
    const { db, naming } = direct();
    naming.startNaming();
    const q = (k: number) => sql<{ k: number }>`SELECT k FROM later WHERE k = ${k}`;
    await expect(q(1).execute(db)).rejects.toMatchObject({ code: '42P01' });
    await sql`CREATE TEMP TABLE later (k int)`.execute(db);
    await sql`INSERT INTO later VALUES (1), (2)`.execute(db);
    expect((await q(2).execute(db)).rows).toEqual([{ k: 2 }]);
    expect((await q(1).execute(db)).rows).toEqual([{ k: 1 }]);
    expect(await prepared(db)).toEqual([{ name: 'tandem_1', statement: text(db, q(0)), runs: 2 }]);
  });

  it('prepares a named statement on each connection that runs it', async () => {
    const { db, naming } = direct(2);
    naming.startNaming();
    const q = (n: number) => sql<{ n: number }>`SELECT ${n}::int * 2 AS n`;
    const pid = async (c: Kysely<unknown>) =>
      (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(c)).rows[0]?.pid;
    await db.connection().execute(async (c1) => {
      expect((await q(1).execute(c1)).rows).toEqual([{ n: 2 }]);
      await db.connection().execute(async (c2) => {
        expect(await pid(c2)).not.toBe(await pid(c1));
        expect(await prepared(c2)).toEqual([]);
        expect((await q(2).execute(c2)).rows).toEqual([{ n: 4 }]);
        expect((await q(3).execute(c2)).rows).toEqual([{ n: 6 }]);
        expect(await prepared(c2)).toEqual([{ name: 'tandem_1', statement: text(c2, q(0)), runs: 2 }]);
      });
      expect(await prepared(c1)).toEqual([{ name: 'tandem_1', statement: text(c1, q(0)), runs: 1 }]);
    });
    expect(naming.named).toBe(1);
  });

  it('passes cursors (and other submittables) through unnamed', async () => {
    const { naming } = direct();
    naming.startNaming();
    const client = await naming.connect();
    try {
      const query = new pg.Query({ text: 'SELECT $1::int + 1 AS n', values: [1] });
      const done = new Promise<unknown>((resolve, reject) => {
        query.on('end', (r: pg.QueryResult) => resolve(r.rows));
        query.on('error', reject);
      });
      expect(client.query(query as never)).toBe(query);
      expect(await done).toEqual([{ n: 2 }]);
      const left = await (client.query as unknown as (t: string, p: unknown[]) => Promise<pg.QueryResult>)(
        'SELECT name FROM pg_prepared_statements',
        [],
      );
      expect(left.rows).toEqual([]);
      expect(naming.named).toBe(0);
    } finally {
      client.release();
    }
  });
});

describe.skipIf(!url)('named statements in a store opened by openStore', () => {
  const backend = backends()
    .find((b) => b.name === 'postgres')
    ?.make();
  afterAll(() => backend?.cleanup());

  async function openOnOneConnection(env: Record<string, string> = {}): Promise<Store> {
    const all = { TANDEM_PG_POOL: '1', ...env };
    const before = Object.fromEntries(Object.keys(all).map((k) => [k, process.env[k]]));
    Object.assign(process.env, all);
    try {
      return await (backend as NonNullable<typeof backend>).open();
    } finally {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it('names nothing with TANDEM_PG_PREPARED=off (for poolers that drop prepared statements)', async () => {
    const store = await openOnOneConnection({ TANDEM_PG_PREPARED: 'off' });
    try {
      const db = contextOf(store).db as unknown as Kysely<unknown>;
      const q = (name: string) =>
        contextOf(store).db.selectFrom('users').select('username').where('username', '=', name);
      expect(await q('nobody').execute()).toEqual([]);
      expect(await q('nobody').execute()).toEqual([]);
      expect(await prepared(db)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('names nothing while migrating, then names the store’s parameterised statements', async () => {
    const store = await openOnOneConnection();
    try {
      const db = contextOf(store).db as unknown as Kysely<unknown>;
      // Migrations ran parameterised statements on this very connection: none of them is named.
      expect(await prepared(db)).toEqual([]);
      await contextOf(store)
        .db.insertInto('users')
        .values({ username: 'ada', role: 'admin', languages: '["en"]', disabled: 0, created_at: 1 })
        .execute();
      const q = (name: string) =>
        contextOf(store)
          .db.selectFrom('users')
          .select(['username', 'languages'])
          .where('username', '=', name);
      expect(await q('ada').execute()).toEqual([{ username: 'ada', languages: '["en"]' }]);
      expect(await q('nobody').execute()).toEqual([]);
      const p = await prepared(db);
      expect(p.every((x) => /^tandem_\d+$/.test(x.name))).toBe(true);
      expect(p.find((x) => x.statement === q('ada').compile().sql)).toMatchObject({ runs: 2 });
      expect(p.some((x) => x.statement.startsWith('insert into "users"'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
