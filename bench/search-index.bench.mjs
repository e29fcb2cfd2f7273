// What search costs on import, and what it buys (issue 20). Re-run it whenever the schema changes:
// an index added for search once cut PostgreSQL import to a quarter and no figure showed it.
//
// PostgreSQL (TANDEM_BENCH_POSTGRES or TANDEM_TEST_POSTGRES): imports N_PG chat records (default
// 200,000) three ways — as shipped (search documents indexed later), with no search index at all,
// and with migration 002's trigram index on the whole fields JSON, the old design — then times the
// background indexing and a rare-word search before and after it.
// SQLite: imports N_SQLITE records (default 1,000,000), times the indexing and the same searches.
// Usage: npm run bench -- search-index [N_PG] [N_SQLITE]
import { appendFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore } from '../dist/store/connect.js';
import { generateRecords } from './lib/gen-records.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const N_PG = Number(process.argv[3] ?? 200_000);
const N_SQLITE = Number(process.argv[4] ?? 1_000_000);
const RARE = 'xylophonist';
const out = fileURLToPath(new URL('./out/', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });
console.log(`machine: ${machine()}`);

/** The generator's file plus three records holding a word no other record has. */
async function dataFile(n) {
  const path = `${out}search-${n}.jsonl`;
  if (!existsSync(path)) {
    await generateRecords(path, n - 3);
    for (let i = 0; i < 3; i++)
      appendFileSync(
        path,
        `${JSON.stringify({
          id: `rare-${i}`,
          language: 'en',
          intent: 'other',
          messages: [
            { role: 'user', content: `my ${RARE} friend ${i}` },
            { role: 'assistant', content: 'noted' },
          ],
        })}\n`,
      );
  }
  return path;
}

function importInto(db, file, n, label) {
  const r = timed('node', [cli, 'import', file, '--dataset', 'bench', '--db', db, '--json']);
  console.log(
    `${label}: import ${r.seconds.toFixed(1)} s, ${Math.round(n / r.seconds)} records/s, peak RSS ${r.peakMB.toFixed(0)} MB`,
  );
  return r.seconds;
}

async function searchTimes(url, label) {
  const store = await openStore(url);
  try {
    const d = await store.datasets.get('bench');
    const pending = await store.searchIndex.pendingCount();
    const times = [];
    let found = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      found = (await store.records.search(d.id, { text: RARE, limit: 50 })).total;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label}: rare-word search ${times[2].toFixed(1)} ms median of 5 (${found} found, ${pending} records pending)`,
    );
    if (found !== 3) throw new Error(`expected 3 records with '${RARE}', found ${found}`);
  } finally {
    await store.close();
  }
}

function indexAll(url, n, label) {
  const r = timed('node', [cli, 'search-index', '--db', url, '--json']);
  console.log(`${label}: search-index ${r.seconds.toFixed(1)} s, ${Math.round(n / r.seconds)} records/s`);
}

const pgUrl = process.env.TANDEM_BENCH_POSTGRES ?? process.env.TANDEM_TEST_POSTGRES;
if (pgUrl) {
  const file = await dataFile(N_PG);
  console.log(`postgres: ${N_PG} chat records, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const schemas = [];
  /** A fresh, migrated store schema, changed by `alter` before the import. */
  const fresh = async (name, alter) => {
    const schema = `bench_search_${name}_${Date.now().toString(36)}`;
    schemas.push(schema);
    const u = new URL(pgUrl);
    u.searchParams.set('schema', schema);
    const url = u.toString();
    await (await openStore(url)).close();
    if (alter) for (const q of alter(schema)) await admin.query(q);
    return url;
  };
  try {
    const shipped = await fresh('shipped');
    importInto(shipped, file, N_PG, 'postgres, as shipped (index filled later)');
    await searchTimes(shipped, 'postgres, before indexing');
    indexAll(shipped, N_PG, 'postgres');
    await searchTimes(shipped, 'postgres, indexed');

    const bare = await fresh('bare', (s) => [
      `DROP TRIGGER records_search_inserted ON ${s}.records`,
      `DROP INDEX ${s}.record_search_doc`,
    ]);
    importInto(bare, file, N_PG, 'postgres, no search index and no pending list');

    const old = await fresh('old', (s) => [
      `DROP TRIGGER records_search_inserted ON ${s}.records`,
      `CREATE INDEX records_fields_trgm ON ${s}.records USING gin ((fields::text) public.gin_trgm_ops)`,
    ]);
    importInto(old, file, N_PG, 'postgres, trigram index on the whole fields JSON (before)');
  } finally {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  }
} else {
  console.log('postgres: skipped (set TANDEM_BENCH_POSTGRES or TANDEM_TEST_POSTGRES)');
}

const file = await dataFile(N_SQLITE);
const db = `${out}search-bench.db`;
const clean = () => {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
};
clean();
importInto(db, file, N_SQLITE, `sqlite, ${N_SQLITE} records`);
await searchTimes(db, 'sqlite, before indexing');
indexAll(db, N_SQLITE, 'sqlite');
await searchTimes(db, 'sqlite, indexed');
console.log(`sqlite store: ${(statSync(db).size / 2 ** 20).toFixed(0)} MiB with the index`);
clean();
