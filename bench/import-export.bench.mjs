// Import N JSONL records (~400 bytes) into SQLite and PostgreSQL, export them as OpenAI JSONL.
// Targets (issue 2): 1M into SQLite ≤ 30 s with peak RSS ≤ 400 MB; export ≤ 20 s with flat memory;
// PostgreSQL ≥ 20,000 records/s. Usage: npm run bench -- import-export [N]
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateRecords } from './lib/gen-records.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 1_000_000);
const out = fileURLToPath(new URL('./out/', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });

const data = `${out}records-${N}.jsonl`;
if (!existsSync(data)) {
  console.error(`generating ${N} records…`);
  await generateRecords(data, N);
}
const bytes = statSync(data).size;
console.log(`machine: ${machine()}`);
console.log(
  `input: ${N} records, ${(bytes / 2 ** 20).toFixed(0)} MiB (${Math.round(bytes / N)} bytes/record)`,
);

const db = `${out}bench.db`;
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const imp = timed('node', [cli, 'import', data, '--dataset', 'bench', '--db', db, '--json']);
const summary = JSON.parse(imp.stdout);
if (summary.inserted !== N) throw new Error(`expected ${N} inserted, got ${summary.inserted}`);
console.log(
  `sqlite import: ${imp.seconds.toFixed(1)} s, ${Math.round(N / imp.seconds)} records/s, peak RSS ${imp.peakMB.toFixed(0)} MB`,
);

const again = timed('node', [cli, 'import', data, '--dataset', 'bench', '--db', db, '--json']);
console.log(
  `sqlite re-import (idempotent, 0 new): ${again.seconds.toFixed(1)} s, inserted ${JSON.parse(again.stdout).inserted}`,
);

const exported = `${out}export.openai.jsonl`;
const exp = timed('node', [
  cli,
  'export',
  '--dataset',
  'bench',
  '--format',
  'openai',
  '--out',
  exported,
  '--db',
  db,
  '--json',
]);
const es = JSON.parse(exp.stdout);
console.log(
  `sqlite export openai: ${exp.seconds.toFixed(1)} s, ${Math.round(es.written / exp.seconds)} records/s, peak RSS ${exp.peakMB.toFixed(0)} MB, ${(statSync(exported).size / 2 ** 20).toFixed(0)} MiB written`,
);

const pgUrl = process.env.TANDEM_BENCH_POSTGRES ?? process.env.TANDEM_TEST_POSTGRES;
if (pgUrl) {
  const schema = `bench_${Date.now().toString(36)}`;
  const u = new URL(pgUrl);
  u.searchParams.set('schema', schema);
  try {
    const p = timed('node', [cli, 'import', data, '--dataset', 'bench', '--db', u.toString(), '--json']);
    console.log(
      `postgres import: ${p.seconds.toFixed(1)} s, ${Math.round(N / p.seconds)} records/s, peak RSS ${p.peakMB.toFixed(0)} MB`,
    );
    const pe = timed('node', [
      cli,
      'export',
      '--dataset',
      'bench',
      '--format',
      'openai',
      '--out',
      exported,
      '--db',
      u.toString(),
      '--json',
    ]);
    console.log(`postgres export openai: ${pe.seconds.toFixed(1)} s, peak RSS ${pe.peakMB.toFixed(0)} MB`);
  } finally {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
} else {
  console.log('postgres: skipped (set TANDEM_BENCH_POSTGRES or TANDEM_TEST_POSTGRES)');
}
rmSync(exported, { force: true });
