// `tandem audit representation` over N imported support conversations (~450 bytes each, 8 languages)
// by three dimensions (language, intent, persona), with the identity-term descriptors on, on the
// SQLite store. Then `tandem report` over the same dataset (its HTML file's size and time).
// Usage: npm run build && npm run bench -- audit-representation [N=1000000]
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/machine.mjs';
import { rng } from './lib/rng.mjs';
import { timed } from './lib/timed.mjs';
import { writeLines } from './lib/write-lines.mjs';

const N = Number(process.argv[3] ?? 1_000_000);
const out = fileURLToPath(new URL('./out/', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });
const data = `${out}audit-${N}.jsonl`;
const db = `${out}audit-${N}.db`;
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });

const WORDS =
  'order refund shipping delayed account password reset invoice charge twice package tracking warehouse exchange jacket boots tent return label courier weekend support ticket manager policy receipt discount coupon the a my was is for'.split(
    ' ',
  );
const PEOPLE = [
  'woman',
  'man',
  'mother',
  'father',
  'young',
  'elderly',
  'muslim',
  'christian',
  'disabled',
  'gay',
];
const LANGS = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'hi', 'ar'];
const INTENTS = ['refund_request', 'order_status', 'account_access', 'billing_dispute', 'shipping_delay'];
const PERSONAS = ['student', 'retiree', 'parent', 'small_business', 'traveller', 'developer'];
const r = rng(7);
const pick = (list) => list[Math.floor(r() * list.length)];
function sentence(words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(r() < 0.05 ? pick(PEOPLE) : pick(WORDS));
  return `${out.join(' ')}.`;
}

console.log(`machine: ${machine()}`);
const bytes = await writeLines(data, N, (i) =>
  JSON.stringify({
    id: `conv-${i}`,
    language: LANGS[i % LANGS.length],
    intent: pick(INTENTS),
    persona: pick(PERSONAS),
    messages: [
      { role: 'user', content: sentence(20) },
      { role: 'assistant', content: sentence(26) },
    ],
  }),
);
const imp = timed('node', [
  cli,
  'import',
  data,
  '--dataset',
  'bench',
  '--metadata',
  'intent',
  '--metadata',
  'persona',
  '--db',
  db,
  '--json',
]);
console.log(
  `${N.toLocaleString('en-US')} records (${(bytes / 2 ** 20).toFixed(0)} MiB) imported in ${imp.seconds.toFixed(1)} s`,
);

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
