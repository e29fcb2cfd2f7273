// `tandem report` over N imported support conversations (bench/lib/audit-dataset.mjs): the
// representation with descriptors computed afresh, a factual audit's section (a stratified sample of
// 200 with 20 verdicts) and the charts, into one HTML file. Targets for N = 1,000,000: ≤ 15 s, ≤ 5 MB.
// Usage: npm run build && npm run bench -- audit-report [N=1000000] [--reuse] [--cpu-prof]
//   --reuse     keep the store an earlier run (of this bench or audit-representation) left for this N
//   --cpu-prof  write a V8 CPU profile of the report's process to bench/out/ (open in Chrome DevTools)
import { statSync } from 'node:fs';
import { auditDataset, cli, out } from './lib/audit-dataset.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const args = process.argv.slice(3);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const reuse = args.includes('--reuse');
const profile = args.includes('--cpu-prof');

console.log(`machine: ${machine()}`);
const { db, reused } = await auditDataset(N, { reuse });
if (reused) console.log(`reusing ${db}`);

// A factual audit with some verdicts, so the report has an error rate (with its chart) to show.
const f = JSON.parse(
  timed('node', [
    cli,
    'audit',
    'factual',
    '--dataset',
    'bench',
    '--sample',
    String(Math.min(200, N)),
    '--strata',
    'language',
    '--seed',
    '3',
    '--db',
    db,
    '--json',
  ]).stdout,
);
const show = JSON.parse(timed('node', [cli, 'audit', 'show', String(f.audit), '--db', db, '--json']).stdout);
for (const [i, item] of show.items.slice(0, 20).entries())
  timed('node', [
    cli,
    'audit',
    'verdict',
    String(f.audit),
    String(item.recordId),
    '--verdict',
    i % 10 ? 'correct' : 'incorrect',
    '--db',
    db,
  ]);

const html = `${out}audit-report-${N}.html`;
const node = profile ? ['--cpu-prof', '--cpu-prof-dir', out] : [];
const rep = timed('node', [...node, cli, 'report', '--dataset', 'bench', '--out', html, '--db', db]);
const size = statSync(html).size;
console.log(
  `report of ${N.toLocaleString('en-US')} records: ${rep.seconds.toFixed(1)} s = ${Math.round(N / rep.seconds).toLocaleString('en-US')} records/s, ${(size / 2 ** 20).toFixed(2)} MiB, peak RSS ${rep.peakMB.toFixed(0)} MB (target ≤ 15 s, ≤ 5 MB for 1M)`,
);
if (profile) console.log(`CPU profile written to ${out} (CPU.*.cpuprofile)`);
