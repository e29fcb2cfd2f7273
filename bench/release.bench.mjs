// Releases of N records (default 1,000,000, ~450 bytes each) on SQLite.
// Targets (issue 14): create with three stratified leak-safe splits ≤ 60 s and ≤ 600 MB peak RSS;
// export as Parquet per split ≤ 30 s; diff two N-record versions ≤ 15 s.
// Usage: npm run bench -- release [N]   (CPU = user + sys seconds: less sensitive to a busy machine than wall)
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateRecords } from './lib/gen-records.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 1_000_000);
const out = fileURLToPath(new URL('./out/', import.meta.url));
// The bin users run (bundled: its start-up is a fraction of the unbundled dist/cli/main.js's).
const cli = fileURLToPath(new URL('../dist/bin/tandem.js', import.meta.url));
mkdirSync(out, { recursive: true });
console.log(`machine: ${machine()}`);

const data = `${out}records-${N}.jsonl`;
if (!existsSync(data)) {
  console.error(`generating ${N} records…`);
  await generateRecords(data, N);
}
const extra = `${out}records-extra-${N}.jsonl`;
if (!existsSync(extra)) {
  // New ids (the generator's are conv-0…), so the import adds them.
  const lines = [];
  for (let i = 0; i < Math.max(1, Math.round(N / 100)); i++)
    lines.push(
      JSON.stringify({
        id: `extra-${i}`,
        language: 'en',
        intent: 'order_status',
        messages: [
          { role: 'user', content: `where is my order number ${i}?` },
          { role: 'assistant', content: `order ${i} ships tomorrow.` },
        ],
      }),
    );
  writeFileSync(extra, `${lines.join('\n')}\n`);
}

// The imported store is kept between runs (import has its own bench); each run works on a copy.
const base = `${out}release-base-${N}.db`;
if (!existsSync(base)) {
  console.error(`importing ${N} records…`);
  const tmp = `${base}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  timed('node', [cli, 'import', data, '--dataset', 'bench', '--metadata', 'intent', '--db', tmp, '--json']);
  // A checkpoint folds the WAL into the file, so copying the file alone copies the store.
  timed('node', [cli, 'datasets', 'list', '--db', tmp]);
  copyFileSync(tmp, base);
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
}
const db = `${out}release-bench.db`;
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
copyFileSync(base, db);
console.log(`store: ${N} records, ${(statSync(db).size / 2 ** 20).toFixed(0)} MiB`);

const run = (label, args) => {
  const r = timed('node', [cli, ...args, '--db', db, '--json']);
  console.log(
    `${label}: ${r.seconds.toFixed(1)} s, CPU ${r.cpuSeconds.toFixed(1)} s, peak RSS ${r.peakMB.toFixed(0)} MB`,
  );
  return { ...r, json: JSON.parse(r.stdout) };
};

const c1 = run('create 1.0.0 (3 splits, stratified by language × intent)', [
  'release',
  'create',
  '--dataset',
  'bench',
  '--version',
  '1.0.0',
  '--splits',
  'train=0.8,validation=0.1,test=0.1',
  '--stratify-by',
  'language,intent',
]);
console.log(
  `  ${c1.json.records} records, splits ${c1.json.splits.map((s) => `${s.name}=${s.records}`).join(' ')}, ${c1.json.strata.length} strata, ${Math.round(c1.json.records / c1.seconds)} records/s`,
);

const dir = `${out}release-export`;
rmSync(dir, { recursive: true, force: true });
const e = run('export 1.0.0 as parquet', [
  'release',
  'export',
  'bench@1.0.0',
  '--out',
  dir,
  '--format',
  'parquet',
]);
console.log(`  ${e.json.files.map((f) => `${f.split} ${(f.bytes / 2 ** 20).toFixed(0)} MiB`).join(', ')}`);

timed('node', [cli, 'import', extra, '--dataset', 'bench', '--metadata', 'intent', '--db', db, '--json']);
const c2 = run('create 1.1.0 --since 1.0.0 (+1%)', [
  'release',
  'create',
  '--dataset',
  'bench',
  '--since',
  'bench@1.0.0',
]);
console.log(`  ${c2.json.records} records, ${c2.json.leakage.pinnedFromBase} pinned from 1.0.0`);
const d = run('diff 1.0.0 → 1.1.0', ['release', 'diff', 'bench@1.0.0', 'bench@1.1.0', '--limit', '100']);
console.log(`  ${JSON.stringify(d.json.counts)}`);
