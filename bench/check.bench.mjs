// `tandem check` over a dataset of N two-turn support conversations (~400 bytes each, 8 languages):
// every check but the judge, results stored and statuses moved, on the SQLite store.
// Usage: npm run build && npm run bench -- check [N=100000]
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateRecords } from './lib/gen-records.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const N = Number(process.argv[3] ?? 100_000);
const out = fileURLToPath(new URL('./out/', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });
const data = `${out}check-${N}.jsonl`;
const db = `${out}check-${N}.db`;
rmSync(db, { force: true });
rmSync(`${db}-wal`, { force: true });
console.log(`machine: ${machine()}`);
const bytes = await generateRecords(data, N);
timed('node', [cli, 'import', data, '--dataset', 'bench', '--db', db, '--json']);
const r = timed('node', [cli, 'check', '--dataset', 'bench', '--db', db, '--json']);
const s = JSON.parse(r.stdout);
console.log(
  `${N.toLocaleString('en-US')} records (${(bytes / 2 ** 20).toFixed(0)} MiB): check in ${r.seconds.toFixed(1)} s = ${Math.round(N / r.seconds).toLocaleString('en-US')} records/s, ${r.cpuSeconds.toFixed(1)} s of CPU, peak RSS ${r.peakMB.toFixed(0)} MB`,
);
for (const c of s.checks) console.log(`  ${c.check.padEnd(14)} failed ${c.failed}`);
const again = timed('node', [cli, 'check', '--dataset', 'bench', '--db', db, '--only', 'dedup', '--json']);
console.log(`dedup alone: ${again.seconds.toFixed(1)} s`);
