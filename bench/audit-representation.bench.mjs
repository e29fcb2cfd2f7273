// `tandem audit representation` over N imported support conversations (~450 bytes each, 8 languages)
// by three dimensions (language, intent, persona), with the identity-term descriptors on, on the
// SQLite store. Then `tandem report` over the same dataset (its HTML file's size and time; the report
// on its own, with a factual audit in it: `audit-report`, which can reuse this store with --reuse).
// Usage: npm run build && npm run bench -- audit-representation [N=1000000]
import { statSync } from 'node:fs';
import { auditDataset, cli, out } from './lib/audit-dataset.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const N = Number(process.argv[3] ?? 1_000_000);
console.log(`machine: ${machine()}`);
const { db } = await auditDataset(N);

const a = timed('node', [
  cli,
  'audit',
  'representation',
  '--dataset',
  'bench',
  '--by',
  'language,intent,persona',
  '--db',
  db,
  '--json',
]);
const res = JSON.parse(a.stdout);
console.log(
  `audit representation (3 dimensions, descriptors on): ${a.seconds.toFixed(1)} s = ${Math.round(N / a.seconds).toLocaleString('en-US')} records/s, peak RSS ${a.peakMB.toFixed(0)} MB (target ≤ 30 s for 1M)`,
);
console.log(
  `  ${res.records} records, ${res.descriptors.terms.length} identity terms found, ${res.crossTabs.length} cross tabs`,
);

const html = `${out}audit-${N}.html`;
try {
  const rep = timed('node', [cli, 'report', '--dataset', 'bench', '--out', html, '--db', db]);
  console.log(
    `report: ${rep.seconds.toFixed(1)} s, ${(statSync(html).size / 2 ** 20).toFixed(2)} MiB, peak RSS ${rep.peakMB.toFixed(0)} MB (target ≤ 15 s, ≤ 5 MB)`,
  );
} catch (e) {
  console.log(`report: not run (${String(e.message).split('\n')[0]})`);
}
