// The serve benchmarks' dataset: N one-field records with one label question, seeded once through the
// bulk insert path (`insertEncodedRecords`, batches of 10,000) and reused between runs with every
// answer, lease and session of earlier runs forgotten; A annotators, members of the dataset, with a
// fresh API token each per run.
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { contentHash } from '../../dist/core/hash.js';
import { datasetSettings } from '../../dist/core/settings.js';
import { openStore } from '../../dist/store/connect.js';
import { encodeRecord } from '../../dist/store/records.js';
import { contextOf } from '../../dist/store/store.js';
import { fmt } from './annotator-driver.mjs';
import { rng } from './rng.mjs';

const BATCH = 10_000;
const WORDS =
  'the order arrived late and the box was damaged but support replied quickly with a refund and a new label for the return so overall I am satisfied though the tracking page never updated after the courier picked it up'.split(
    ' ',
  );

/**
 * `where`: { db: 'sqlite', file } or { db: 'postgres', adminUrl, schema } — the store URL is the file,
 * or adminUrl with `?schema=`. Returns { storeUrl, dataset, annotators: [{ name, id, token }] }.
 * `indexSearch`: make the seeded records searchable first (a real `tandem serve` indexes pending
 * records in the background, which a fresh seed would otherwise put inside the measured window).
 */
export async function prepareServeDataset({ where, name, records: N, overlap, annotators: A, indexSearch }) {
  const storeUrl = where.db === 'sqlite' ? where.file : schemaUrl(where.adminUrl, where.schema);
  const settings = datasetSettings.parse({
    fields: [{ name: 'text', type: 'text' }],
    questions: [{ name: 'sentiment', type: 'label', options: ['positive', 'negative', 'neutral'] }],
    distribution: { responsesPerRecord: overlap },
  });

  async function dropStore() {
    if (where.db === 'sqlite') {
      for (const f of [where.file, `${where.file}-wal`, `${where.file}-shm`]) rmSync(f, { force: true });
      return;
    }
    const client = new pg.Client({ connectionString: where.adminUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(where.schema)} CASCADE`);
    await client.end();
  }

  async function seed(store) {
    const r = rng(42);
    const dataset = await store.datasets.create(name, settings, 'bench');
    const t = performance.now();
    // The next batch is built while the last one is written (on PostgreSQL the server works meanwhile).
    let writing = Promise.resolve();
    for (let start = 0; start < N; start += BATCH) {
      const rows = [];
      for (let i = start; i < Math.min(N, start + BATCH); i++) {
        const words = [];
        for (let w = 0; w < 30; w++) words.push(WORDS[Math.floor(r() * WORDS.length)]);
        const fields = { text: `${words.join(' ')} (#${i})` };
        rows.push(
          encodeRecord({
            externalId: `r${i}`,
            fields,
            metadata: {},
            provenance: { origin: 'human', author: 'bench' },
            contentHash: contentHash(fields),
          }),
        );
      }
      await writing;
      writing = store.records.insertEncoded(dataset.id, rows, 'bench');
    }
    await writing;
    if (where.db === 'postgres') await sql`ANALYZE`.execute(contextOf(store).db);
    return { dataset, seconds: (performance.now() - t) / 1000 };
  }

  /** Forgets every answer, lease and session of earlier runs; the records stay. */
  async function reset(store, datasetId) {
    const t = performance.now();
    const db = contextOf(store).db;
    await db.deleteFrom('responses').execute();
    await db.deleteFrom('assignments').execute();
    await db.deleteFrom('sessions').execute();
    await db.deleteFrom('api_tokens').execute();
    await db
      .deleteFrom('events')
      .where('action', 'in', [
        'response.create',
        'response.update',
        'response.corrections',
        'record.update',
        'record.skip',
        'token.create',
      ])
      .execute();
    await sql`UPDATE records SET open_slots = NULL, status = 'new', full_until = NULL, disagreement = NULL
      WHERE dataset_id = ${datasetId} AND (open_slots IS NOT NULL OR status <> 'new' OR full_until IS NOT NULL
        OR disagreement IS NOT NULL)`.execute(db);
    // Back to the state of a fresh import that autovacuum has analysed: no dead rows, statistics that
    // say every record is open (what the planner sees on day one).
    if (where.db === 'postgres')
      await sql`VACUUM ANALYZE records, responses, assignments, events, api_tokens`.execute(db);
    return (performance.now() - t) / 1000;
  }

  let store;
  try {
    store = await openStore(storeUrl);
  } catch (e) {
    // A store seeded by an older build whose migrations no longer apply: seed it again.
    console.log(`seeding: the stored copy does not open (${e.message}); seeding it again`);
    await dropStore();
    store = await openStore(storeUrl);
  }
  let dataset = await store.datasets.find(name);
  const have = dataset
    ? Number(
        (
          await sql`SELECT count(*) AS n FROM records WHERE dataset_id = ${dataset.id}`.execute(
            contextOf(store).db,
          )
        ).rows[0].n,
      )
    : 0;
  if (dataset && have === N && dataset.settings.distribution.responsesPerRecord === overlap) {
    const secs = await reset(store, dataset.id);
    console.log(
      `seeding: reused ${fmt(N)} records in ${store.location}; answers, leases and statuses reset in ${secs.toFixed(1)} s`,
    );
  } else {
    if (dataset || have) {
      await store.close();
      await dropStore();
      store = await openStore(storeUrl);
    }
    const s = await seed(store);
    dataset = s.dataset;
    console.log(
      `seeding: ${fmt(N)} records in ${s.seconds.toFixed(1)} s = ${fmt(N / s.seconds)} records/s (insertEncodedRecords, batches of ${fmt(BATCH)})`,
    );
  }
  if (indexSearch) {
    const t = performance.now();
    const n = await store.searchIndex.indexAllPending();
    if (n)
      console.log(
        `seeding: ${fmt(n)} records indexed for search in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
  }

  const names = Array.from({ length: A }, (_, i) => `annotator-${String(i + 1).padStart(3, '0')}`);
  const existing = new Map(
    (
      await contextOf(store)
        .db.selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', names)
        .execute()
    ).map((u) => [u.username, u.id]),
  );
  for (const n of names)
    if (!existing.has(n))
      existing.set(n, (await store.users.create({ username: n, role: 'annotator' }, 'bench')).id);
  await store.members.change(dataset.id, { add: names }, 'bench');
  const annotators = [];
  for (const n of names) {
    const id = existing.get(n);
    annotators.push({ name: n, id, token: await store.auth.createApiToken(id, 'bench', 'bench') });
  }
  await store.close();
  return { storeUrl, dataset, annotators };
}

export function schemaUrl(adminUrl, schema) {
  const u = new URL(adminUrl);
  u.searchParams.set('schema', schema);
  return u.toString();
}
