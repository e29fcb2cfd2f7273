// The audit benchmarks' dataset: N support conversations (~450 bytes each, 8 languages, intent and
// persona metadata, identity terms in ~5% of words), written to JSONL and imported into a SQLite
// store under bench/out/. Shared by audit-representation and audit-report.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rng } from './rng.mjs';
import { timed } from './timed.mjs';
import { writeLines } from './write-lines.mjs';

export const out = fileURLToPath(new URL('../out/', import.meta.url));
export const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

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

/**
 * A fresh store of N conversations in dataset `bench` (`reuse`: keep a store a previous run of the
 * same N left, and say so). Returns the store's path and the import's time.
 */
export async function auditDataset(N, { reuse = false } = {}) {
  mkdirSync(out, { recursive: true });
  const data = `${out}audit-${N}.jsonl`;
  const db = `${out}audit-${N}.db`;
  if (reuse && existsSync(db)) return { db, reused: true };
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const r = rng(7);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const sentence = (words) => {
    const w = [];
    for (let i = 0; i < words; i++) w.push(r() < 0.05 ? pick(PEOPLE) : pick(WORDS));
    return `${w.join(' ')}.`;
  };
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
  return { db, reused: false };
}
