// Lineage of one record on a big store. Target (issue 14): ≤ 20 ms per record on SQLite.
// Seeds N records (default 1,000,000) with two answers, two check results and a reviewer's final
// value each, and two releases holding every record; kept in bench/out/ and reused.
// With `erase` last, it then erases one record of the store and times the erasure and the purge of
// the files (VACUUM of the whole store). Usage: npm run build && npm run bench -- lineage [N] [LOOKUPS] [erase]
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { previewErasure } from '../dist/stages/release/erase.js';
import { recordLineage } from '../dist/stages/release/lineage.js';
import { openStore } from '../dist/store/connect.js';
import { contextOf } from '../dist/store/store.js';
import { machine } from './lib/machine.mjs';
import { rng } from './lib/rng.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 1_000_000);
const LOOKUPS = Number(process.argv[4] ?? 500);
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });
const file = `${out}lineage-${N}.db`;

const settings = {
  fields: [{ name: 'text', type: 'text' }],
  questions: [
    { name: 'sentiment', type: 'label', options: ['positive', 'negative', 'neutral'] },
    { name: 'fix', type: 'text', corrects: 'text', required: false },
  ],
  distribution: { responsesPerRecord: 2 },
};

async function seed() {
  rmSync(file, { force: true });
  const store = await openStore(file);
  const t0 = performance.now();
  const d = await store.datasets.create('bench', settings, 'bench');
  const ann = await store.users.create({ username: 'ann', role: 'annotator' }, 'bench');
  const zoe = await store.users.create({ username: 'zoe', role: 'annotator' }, 'bench');
  const rev = await store.users.create({ username: 'rev', role: 'reviewer' }, 'bench');
  for (let i = 0; i < N; i += 10_000) {
    const rows = [];
    for (let j = i; j < Math.min(i + 10_000, N); j++) {
      const text = `customer ${j} asks whether the boots bought last week can be returned within thirty days`;
      rows.push({
        externalId: `r${j}`,
        fields: { text },
        metadata: {},
        provenance: {
          origin: 'synthetic',
          recipe: 'support',
          recipeHash: 'abc',
          row: j,
          samplerValues: { persona: 'student', tone: 'polite' },
          provider: 'openai',
          model: 'gpt-4o-mini',
          promptHash: `p${j}`,
        },
        contentHash: `h${j}`,
      });
    }
    await store.records.insert(d.id, rows, 'bench');
  }
  // The rest set-based: answers, checks, decisions, two releases of every record.
  const raw = contextOf(store).sqlite;
  const t = Date.now();
  raw.exec(`BEGIN;
    INSERT INTO responses (record_id, user_id, round, "values", status, time_spent_ms, created_at, updated_at)
      SELECT id, ${ann.id}, 1, '{"sentiment":"positive"}', 'submitted', 1000, ${t}, ${t} FROM records;
    INSERT INTO responses (record_id, user_id, round, "values", status, time_spent_ms, created_at, updated_at)
      SELECT id, ${zoe.id}, 1, '{"sentiment":"negative"}', 'submitted', 1000, ${t}, ${t} FROM records;
    INSERT INTO check_results (record_id, "check", passed, score, details, created_at)
      SELECT id, 'pii', 1, 0, NULL, ${t} FROM records;
    INSERT INTO check_results (record_id, "check", passed, score, details, created_at)
      SELECT id, 'quality', 1, 0.9, '{"reasons":[]}', ${t} FROM records;
    UPDATE records SET status = 'accepted', open_slots = 0, decided_by = ${rev.id},
      final_values = json_object('sentiment', json_object('value', 'positive', 'method', 'reviewer', 'decidedBy', 'rev', 'at', '2026-01-01'),
                                 'fix', json_object('value', replace(json_extract(fields, '$.text'), 'thirty', 'sixty'), 'method', 'reviewer', 'decidedBy', 'rev', 'at', '2026-01-01'));
    INSERT INTO releases (dataset_id, version, notes, created_by, record_count, created_at) VALUES (${d.id}, '1.0.0', '', 'rev', ${N}, ${t});
    INSERT INTO releases (dataset_id, version, notes, created_by, record_count, created_at) VALUES (${d.id}, '1.1.0', '', 'rev', ${N}, ${t});
    INSERT INTO release_records (release_id, record_id, content_hash, split, snapshot)
      SELECT rel.id, r.id, r.content_hash, 'train', r.fields FROM records r CROSS JOIN releases rel;
    COMMIT;`);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.exec('ANALYZE');
  console.log(`seeded ${N} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await store.close();
}

console.log(`machine: ${machine()}`);
if (!existsSync(file)) await seed();
else console.log(`reusing ${file}`);
const store = await openStore(file);
const dataset = await store.datasets.get('bench');
const ids = [];
const r = rng(7);
const first = (await store.records.findByExternalId(dataset.id, 'r0')).id;
for (let i = 0; i < LOOKUPS; i++) ids.push(first + Math.floor(r() * N));

// Warm-up: the first lookups read cold pages from disk.
for (const id of ids.slice(0, 20)) await recordLineage(store, id, dataset, { kind: 'full' });
const times = [];
// CPU time too: on a loaded machine a wall-clock tail is mostly waiting for a core.
const cpu = [];
let check;
for (const id of ids) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  check = await recordLineage(store, id, dataset, { kind: 'full' });
  const c = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  cpu.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const at = (list, p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
const q = (p) => at(times, p);
console.log(
  `lineage of one record (${LOOKUPS} random records of ${N}): p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms wall; CPU p50 ${at(cpu, 0.5).toFixed(2)} ms, p99 ${at(cpu, 0.99).toFixed(2)} ms`,
);
console.log(
  `last: ${check.answers.length} answers, ${check.checks.length} checks, ${check.decision.corrections.length} correction(s), ${check.releases.length} releases`,
);
console.log(`target ≤ 20 ms (p99): ${q(0.99) <= 20 ? 'met' : 'MISSED'}`);

if (process.argv[5] === 'erase') {
  // A record not erased by an earlier run.
  let victim;
  for (const id of ids)
    if ((await store.records.get(id)).status !== 'erased') victim = await store.records.get(id);
  const req = { dataset: 'bench', where: `external_id=${victim.externalId}` };
  let t0 = performance.now();
  const plan = await previewErasure(store, req);
  const tPlan = performance.now() - t0;
  t0 = performance.now();
  const c0 = process.cpuUsage();
  const erasure = await store.erasure.erase({
    dataset: { id: dataset.id, name: 'bench' },
    selector: { kind: 'where', field: 'external_id', in: 'external_id', value: victim.externalId },
    reason: 'bench',
    actor: 'bench',
  });
  const tErase = performance.now() - t0;
  t0 = performance.now();
  const purge = await store.erasure.purge();
  const tPurge = performance.now() - t0;
  const c = process.cpuUsage(c0);
  console.log(
    `erase 1 record (${plan.counts.responses} answers, ${plan.counts.checkResults} checks, ${plan.counts.llmCache} cache entries, ${plan.counts.events} events, ${plan.counts.releaseRecords} release rows): preview ${tPlan.toFixed(0)} ms, transaction ${tErase.toFixed(0)} ms, purge (${purge.steps.join(', ')}) ${(tPurge / 1000).toFixed(1)} s, CPU ${((c.user + c.system) / 1e6).toFixed(1)} s; ${erasure.counts.records} erased`,
  );
}
await store.close();
