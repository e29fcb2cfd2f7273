// The annotation API under load: N records in a dataset (overlap 2) and A simulated annotators, each
// looping next-record → think → submit over HTTP against `buildServer` in a child process.
// Targets (issue): 1,000,000 records, 200 annotators, p99 ≤ 25 ms per request on SQLite and ≤ 40 ms
// on PostgreSQL, no record handed out beyond its overlap, no response lost.
// Usage: npm run build && npm run bench -- serve [--records N] [--annotators A] [--db sqlite|postgres]
//   [--seconds S] [--think MS] [--warmup S] [--pg URL] [--profile] [--sql-stats] [--stmt-cache] [--ckpt-thread] [--no-pin] [--no-autovacuum]
// --seconds is the measured window (120 by default: long enough for a degrading state to show).
// --think is the mean think time between being handed a record and submitting it (uniform 0.5×–1.5×);
// --think 0 is the closed loop that shows the maximum throughput. The seeded database is reused
// between runs (bench/out/serve-N.db, or schema bench_serve_N), its answers and leases reset.
// Diagnostics: --profile runs the server under --cpu-prof and summarises the profile; --sql-stats
// times every SQL statement in the server; --stmt-cache and --ckpt-thread are what-ifs (SQLite
// prepared statements reused; WAL checkpoints moved off the event loop, see lib/serve-process.mjs):
// figures with them are not Tandem's as shipped.
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { contentHash } from '../dist/core/hash.js';
import { datasetSettings } from '../dist/core/settings.js';

import { openStore } from '../dist/store/connect.js';
import { encodeRecord } from '../dist/store/records.js';
import { contextOf } from '../dist/store/store.js';

import { machine } from './lib/machine.mjs';
import { autovacuumStandIn, describeAutovacuum } from './lib/pg-autovacuum.mjs';
import { rng } from './lib/rng.mjs';
import { cpuSnapshot, cpuWindow } from './lib/serve-machine.mjs';
import { summariseProfile } from './lib/serve-profile.mjs';

const { values: opt } = parseArgs({
  args: process.argv.slice(3),
  options: {
    records: { type: 'string', default: '1000000' },
    annotators: { type: 'string', default: '200' },
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '120' },
    think: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '3' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    profile: { type: 'boolean', default: false },
    'sql-stats': { type: 'boolean', default: false },
    'stmt-cache': { type: 'boolean', default: false },
    'ckpt-thread': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    'no-autovacuum': { type: 'boolean', default: false },
  },
});
const N = Number(opt.records);
const A = Number(opt.annotators);
const SECONDS = Number(opt.seconds);
const THINK = Number(opt.think);
const WARMUP = Number(opt.warmup);
const DB = opt.db;
if (!['sqlite', 'postgres'].includes(DB) || !(N > 0) || !(A > 0) || !(SECONDS > 0) || !(THINK >= 0))
  throw new Error('usage: npm run bench -- serve [--records N] [--annotators A] [--db sqlite|postgres] …');

const DATASET = 'serve';
const OVERLAP = 2;
const TARGET_MS = DB === 'sqlite' ? 25 : 40;
const LEASE_MS = 30 * 60 * 1000;
const BATCH = 10_000;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });
const sqliteFile = `${out}serve-${N}.db`;
const schema = `bench_serve_${N}`;
const pgUrl = () => {
  const u = new URL(opt.pg);
  u.searchParams.set('schema', schema);
  return u.toString();
};
const storeUrl = DB === 'sqlite' ? sqliteFile : pgUrl();

console.log(`machine: ${machine()}`);

// ---- Seed (or reuse) the dataset -----------------------------------------------------------------

const settings = datasetSettings.parse({
  fields: [{ name: 'text', type: 'text' }],
  questions: [{ name: 'sentiment', type: 'label', options: ['positive', 'negative', 'neutral'] }],
  distribution: { responsesPerRecord: OVERLAP },
});

async function dropStore() {
  if (DB === 'sqlite') {
    for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: opt.pg });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

const WORDS =
  'the order arrived late and the box was damaged but support replied quickly with a refund and a new label for the return so overall I am satisfied though the tracking page never updated after the courier picked it up'.split(
    ' ',
  );

async function seed(store) {
  const r = rng(42);
  const dataset = await store.datasets.create(DATASET, settings, 'bench');
  const t = performance.now();
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
    await store.records.insertEncoded(dataset.id, rows, 'bench');
  }
  if (DB === 'postgres') await sql`ANALYZE`.execute(contextOf(store).db);
  return { dataset, seconds: (performance.now() - t) / 1000 };
}

/** Forgets every answer, lease and session of earlier runs; the records stay. */
async function reset(store, datasetId) {
  const t = performance.now();
  await contextOf(store).db.deleteFrom('responses').execute();
  await contextOf(store).db.deleteFrom('assignments').execute();
  await contextOf(store).db.deleteFrom('sessions').execute();
  await contextOf(store).db.deleteFrom('api_tokens').execute();
  await contextOf(store)
    .db.deleteFrom('events')
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
      OR disagreement IS NOT NULL)`.execute(contextOf(store).db);
  // Back to the state of a fresh import that autovacuum has analysed: no dead rows, statistics that
  // say every record is open (what the planner sees on day one).
  if (DB === 'postgres')
    await sql`VACUUM ANALYZE records, responses, assignments, events, api_tokens`.execute(
      contextOf(store).db,
    );
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
let dataset = await store.datasets.find(DATASET);
const have = dataset
  ? Number(
      (
        await sql`SELECT count(*) AS n FROM records WHERE dataset_id = ${dataset.id}`.execute(
          contextOf(store).db,
        )
      ).rows[0].n,
    )
  : 0;
if (dataset && have === N) {
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
    `seeding: ${fmt(N)} records in ${s.seconds.toFixed(1)} s = ${fmt(N / s.seconds)} records/s (insertEncodedRecords, batches of ${fmt(BATCH)})${DB === 'sqlite' ? `, ${mb(statSync(sqliteFile).size)} file` : ''}`,
  );
}

// Annotators: created once, members of the dataset, a fresh API token each per run.
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
for (const name of names)
  if (!existing.has(name))
    existing.set(name, (await store.users.create({ username: name, role: 'annotator' }, 'bench')).id);
await store.members.change(dataset.id, { add: names }, 'bench');
const annotators = [];
for (const name of names) {
  const id = existing.get(name);
  annotators.push({ name, id, token: await store.auth.createApiToken(id, 'bench', 'bench') });
}
await store.close();

// ---- Server in a child process -------------------------------------------------------------------

const pin = !opt['no-pin'] && os.cpus().length >= 2 && existsSync('/usr/bin/taskset');
const profDir = `${out}serve-prof/`;
const profArgs = opt.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
if (opt.profile) rmSync(profDir, { recursive: true, force: true });
const serverScript = fileURLToPath(new URL('./lib/serve-process.mjs', import.meta.url));
const server = fork(
  serverScript,
  [
    storeUrl,
    String(LEASE_MS),
    JSON.stringify({
      sqlStats: opt['sql-stats'],
      stmtCache: opt['stmt-cache'],
      ckptThread: opt['ckpt-thread'],
      stalls: !opt.profile,
    }),
  ],
  pin
    ? { execPath: '/usr/bin/taskset', execArgv: ['-c', '0', process.execPath, ...profArgs] }
    : { execArgv: profArgs },
);
const exited = new Promise((resolve) => server.once('exit', resolve));
const port = await new Promise((resolve, reject) => {
  server.once('message', (m) => resolve(m.port));
  server.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
});
if (pin) execFileSync('/usr/bin/taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const ask = (msg) =>
  new Promise((resolve) => {
    server.once('message', (m) => resolve(m.stats));
    server.send(msg);
  });

console.log(
  `config: ${DB} ${DB === 'sqlite' ? sqliteFile.replace(`${process.cwd()}/`, '') : `schema ${schema}`}, ${fmt(N)} records, overlap ${OVERLAP}, ${A} annotators, think ${THINK ? `${THINK} ms mean (uniform ${THINK / 2}–${(THINK * 3) / 2} ms) between next and submit` : '0 (closed loop)'}, warm-up ${WARMUP} s + ${SECONDS} s measured, ${pin ? 'server pinned to cpu 0, load generator to cpu 1' : 'not pinned'}${DB === 'postgres' ? ` (PostgreSQL unpinned, pool ${process.env.TANDEM_PG_POOL ?? 10})` : ''}${opt['stmt-cache'] ? ', WHAT-IF: SQLite statements cached' : ''}${opt['ckpt-thread'] ? ', WHAT-IF: WAL checkpoints in a worker thread' : ''}${opt['sql-stats'] ? ', SQL timed' : ''}`,
);

// ---- Load ----------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: A + 16, maxFreeSockets: A + 16 });

function call(method, path, token, body) {
  return new Promise((resolve) => {
    const t = performance.now();
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const end = performance.now();
        const [read, wrote] = String(res.headers['x-bench-t'] ?? ',')
          .split(',')
          .map(Number);
        resolve({
          status: res.statusCode,
          body: Buffer.concat(chunks).toString(),
          t,
          ms: end - t,
          // Where the time went: before the server read the request, in it, after it wrote the answer.
          split: read
            ? [read - (performance.timeOrigin + t), wrote - read, performance.timeOrigin + end - wrote]
            : null,
        });
      });
      res.on('error', (e) => resolve({ status: 0, error: e.message, t, ms: performance.now() - t }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.message, t, ms: performance.now() - t }));
    req.end(body);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const think = rng(7);
const LABELS = ['positive', 'negative', 'neutral'];
const lat = { next: [], submit: [] };
const splits = []; // [total, before, in, after] ms of every measured request
const statuses = new Map();
const errors = [];
const handed = new Map(); // record id → annotators it was handed to
const acknowledged = new Set(); // `${recordId}:${userId}` of every 200 submit
let drained = 0;

const t0 = performance.now();
const start = t0 + WARMUP * 1000;
const deadline = start + SECONDS * 1000;

// Latency by slice of the window, to tell a steady state from one that degrades or stalls.
const SLICE_MS = 10_000;
const slices = Array.from({ length: Math.ceil((SECONDS * 1000) / SLICE_MS) }, () => []);

function note(kind, r) {
  const key = `${kind} ${r.status || 'error'}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  if (r.status === 0 || r.status >= 300 || (r.status !== 200 && kind === 'submit'))
    if (errors.length < 5) errors.push(`${key}: ${r.error ?? r.body}`);
  if (r.t >= start && r.t < deadline) {
    lat[kind].push(r.ms);
    slices[Math.floor((r.t - start) / SLICE_MS)]?.push(r.ms);
    if (r.split) splits.push([r.ms, ...r.split]);
  }
}

async function annotator(a) {
  if (THINK > 0) await sleep(think() * THINK);
  while (performance.now() < deadline) {
    const n = await call('GET', `/api/datasets/${DATASET}/next`, a.token);
    note('next', n);
    if (n.status === 204) {
      drained++;
      return;
    }
    if (n.status !== 200) {
      await sleep(50);
      continue;
    }
    const id = JSON.parse(n.body).record.id;
    const to = handed.get(id) ?? new Set();
    to.add(a.id);
    handed.set(id, to);
    // Whoever holds a record answers it, even after the deadline: no lease is left dangling.
    const ms = THINK > 0 ? THINK * (0.5 + think()) : 0;
    if (ms > 0) await sleep(ms);
    const body = JSON.stringify({
      values: { sentiment: LABELS[id % 3] },
      status: 'submitted',
      timeSpentMs: Math.round(ms),
    });
    const s = await call('POST', `/api/records/${id}/responses`, a.token, body);
    note('submit', s);
    if (s.status === 200) acknowledged.add(`${id}:${a.id}`);
  }
}

const clientDelay = monitorEventLoopDelay({ resolution: 1 });
let clientCpu0;
let windowStats;
let cpu0;
// PostgreSQL: the reset left the statistics of empty answer tables. A live server's autovacuum
// analyses a table after its first 50 changes, within its one-minute naptime; the warm-up stands in
// for that minute, and where the server's autovacuum is off the bench does its work (lib/pg-autovacuum.mjs).
const autovacuum =
  DB === 'postgres' && !opt['no-autovacuum']
    ? autovacuumStandIn({ connectionString: opt.pg, schema, firstAt: start - WARMUP * 500 })
    : null;
const marks = (async () => {
  await sleep(start - performance.now());
  await ask({ mark: true });
  clientDelay.enable();
  clientCpu0 = process.cpuUsage();
  cpu0 = cpuSnapshot(server.pid);
  await sleep(deadline - performance.now());
  windowStats = await ask({});
  windowStats.cpu = cpuWindow(cpu0, cpuSnapshot(server.pid));
  clientDelay.disable();
  const c = process.cpuUsage(clientCpu0);
  windowStats.clientCpuMs = (c.user + c.system) / 1000;
})();
await Promise.all(annotators.map(annotator));
await marks;
const vacuumed = autovacuum ? { done: await autovacuum.stop(), serverHasIt: autovacuum.serverHasIt } : null;
const drainMs = performance.now() - deadline;
const finalStats = await ask({});
agent.destroy();
server.disconnect();
await exited;

// ---- Figures -------------------------------------------------------------------------------------

function pct(sorted, p) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function line(label, samples) {
  const s = Float64Array.from(samples).sort();
  const f = (v) => `${v.toFixed(1).padStart(6)} ms`;
  return {
    p99: pct(s, 99),
    text: `  ${label.padEnd(7)} ${fmt(s.length).padStart(8)} req  ${fmt(s.length / SECONDS).padStart(6)} req/s  p50 ${f(pct(s, 50))}  p90 ${f(pct(s, 90))}  p99 ${f(pct(s, 99))}  max ${f(s.length ? s[s.length - 1] : Number.NaN)}`,
  };
}
if (vacuumed) console.log(describeAutovacuum(vacuumed.done, vacuumed.serverHasIt));
console.log(`latency (client-side, requests started in the ${SECONDS} s window):`);
const all = line('all', [...lat.next, ...lat.submit]);
console.log(line('next', lat.next).text);
console.log(line('submit', lat.submit).text);
console.log(all.text);
console.log(
  `  p99 ${all.p99.toFixed(1)} ms vs target ≤ ${TARGET_MS} ms on ${DB}: ${all.p99 <= TARGET_MS ? 'met' : 'MISSED'}${THINK === 0 ? ' (closed loop: the target applies to the think-time run)' : ''}`,
);
console.log(
  `  p99 by ${SLICE_MS / 1000} s slice: ${slices.map((x) => pct(Float64Array.from(x).sort(), 99).toFixed(0)).join(' ')} ms`,
);
if (splits.length) {
  splits.sort((a, b) => b[0] - a[0]);
  const slow = splits.slice(0, Math.max(1, Math.floor(splits.length / 100)));
  const avg = (i) => (slow.reduce((n, x) => n + x[i], 0) / slow.length).toFixed(1);
  console.log(
    `  the slowest 1% (${slow.length} requests, ≥ ${slow[slow.length - 1][0].toFixed(1)} ms) spent on average ${avg(1)} ms before the server read them, ${avg(2)} ms in the server, ${avg(3)} ms after it wrote the response`,
  );
}
console.log(
  `  annotation cycles: ${fmt(lat.submit.length / SECONDS)}/s (= records answered per second)${drained ? `; ${drained} annotators found the queue empty` : ''}`,
);
const cpuPct = (ms) => ((100 * ms) / windowStats.wallMs).toFixed(0);
console.log(
  `server: CPU ${cpuPct(windowStats.cpuMs)}% of one core in the window = ${(windowStats.cpuMs / Math.max(1, windowStats.handledMs.count)).toFixed(2)} ms per request, event-loop delay p50 ${windowStats.loopDelayMs.p50.toFixed(1)} ms p99 ${windowStats.loopDelayMs.p99.toFixed(1)} ms max ${windowStats.loopDelayMs.max.toFixed(1)} ms, RSS at end ${mb(finalStats.rss)}, peak RSS ${mb(finalStats.peakRss)}`,
);
const h = windowStats.handledMs;
const st = windowStats.stalls;
console.log(
  `  time inside the server (request parsed → response written): p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms, max ${h.max.toFixed(1)} ms; event-loop stalls ≥ 25 ms: ${st.count}, ${fmt(st.ms)} ms in all (max ${fmt(st.maxMs)} ms), ${fmt(st.cpuMs)} ms of CPU used in them`,
);
const gc = windowStats.gc;
console.log(
  `  GC pauses: ${gc.minor.count} minor, ${fmt(gc.minor.ms)} ms (max ${gc.minor.maxMs.toFixed(1)} ms); ${gc.major.count} major, ${fmt(gc.major.ms)} ms (max ${gc.major.maxMs.toFixed(1)} ms)`,
);
const cpu = windowStats.cpu;
if (cpu) {
  console.log(
    `  CPU in the window (% of one core; the machine has ${os.cpus().length}): server ${cpu.server.toFixed(0)}%, load generator ${cpu.client.toFixed(0)}%${DB === 'postgres' ? `, PostgreSQL ${cpu.postgres.toFixed(0)}%` : ''}, other processes ${cpu.other.toFixed(0)}%, steal ${cpu.steal.toFixed(1)}%; server main thread on a CPU ${cpu.serverRun.toFixed(0)}%, runnable but waiting for one ${cpu.serverWait.toFixed(0)}%`,
  );
  // On PostgreSQL the server also waits for a CPU while the database's backends use it: there only
  // other processes make a run noisy.
  if (cpu.other > 10 || (DB === 'sqlite' && cpu.serverWait > 10))
    console.log(
      `  WARNING: other processes used ${cpu.other.toFixed(0)}% of a core and the server waited for a CPU ${cpu.serverWait.toFixed(0)}% of the time: these figures are not from a quiet machine`,
    );
}
console.log(
  `load generator: CPU ${cpuPct(windowStats.clientCpuMs)}% of one core, event-loop delay p99 ${(clientDelay.percentile(99) / 1e6).toFixed(1)} ms; drain after the deadline ${(drainMs / 1000).toFixed(1)} s`,
);
console.log(
  `statuses: ${[...statuses.entries()]
    .sort()
    .map(([k, v]) => `${k} × ${fmt(v)}`)
    .join(', ')}`,
);
for (const e of errors) console.log(`  e.g. ${e.slice(0, 200)}`);
if (windowStats.sql) {
  const requests = lat.next.length + lat.submit.length;
  const entries = windowStats.sql.sort((a, b) => b[1].totalMs - a[1].totalMs);
  const count = entries.filter(([k]) => !k.startsWith('(prepare')).reduce((n, [, s]) => n + s.count, 0);
  const total = entries.reduce((n, [, s]) => n + s.totalMs, 0);
  console.log(
    `SQL in the server during the window: ${fmt(count)} statements (${(count / requests).toFixed(1)} per request), ${fmt(total)} ms = ${(total / requests).toFixed(2)} ms per request; all of them, by total time:`,
  );
  for (const [k, s] of entries)
    console.log(
      `  ${fmt(s.totalMs).padStart(6)} ms ${fmt(s.count).padStart(7)}× mean ${(s.totalMs / s.count).toFixed(3)} max ${s.maxMs.toFixed(1).padStart(5)} >5ms ${String(s.over5ms).padStart(3)}  ${k}`,
    );
}

// ---- Correctness, from the store -----------------------------------------------------------------

store = await openStore(storeUrl);
const rows = async (q) => (await q.execute(contextOf(store).db)).rows;
const over = await rows(
  sql`SELECT record_id, count(*) AS n FROM responses GROUP BY record_id HAVING count(*) > ${OVERLAP}`,
);
const stored = await rows(sql`SELECT record_id, user_id FROM responses WHERE status = 'submitted'`);
const storedKeys = new Set(stored.map((r) => `${r.record_id}:${r.user_id}`));
const lost = [...acknowledged].filter((k) => !storedKeys.has(k)).length;
const unacknowledged = [...storedKeys].filter((k) => !acknowledged.has(k)).length;
const leases = Number((await rows(sql`SELECT count(*) AS n FROM assignments WHERE kind = 'lease'`))[0].n);
const badSlots = Number(
  (
    await rows(sql`SELECT count(*) AS n FROM records r WHERE r.open_slots IS NOT NULL
      AND r.open_slots <> ${OVERLAP} - (SELECT count(*) FROM responses x WHERE x.record_id = r.id
        AND x.status <> 'draft')`)
  )[0].n,
);
await store.close();
const overHanded = [...handed.values()].filter((s) => s.size > OVERLAP).length;
const bad = [...statuses.entries()]
  .filter(([k]) => / (5\d\d|409|error)$/.test(k))
  .reduce((n, [, v]) => n + v, 0);

console.log('correctness:');
console.log(`  over-allocated records: ${over.length} (stored answers > ${OVERLAP})`);
console.log(
  `  records handed out to more than ${OVERLAP} annotators: ${overHanded} (of ${fmt(handed.size)})`,
);
console.log(
  `  responses stored ${fmt(stored.length)} = submits acknowledged ${fmt(acknowledged.size)}: ${stored.length === acknowledged.size && lost === 0 ? 'yes' : 'NO'} (acknowledged but missing ${lost}, stored but not acknowledged ${unacknowledged})`,
);
console.log(`  5xx, 409 or transport errors seen by clients: ${bad}`);
console.log(
  `  leases left open: ${leases}; records whose open_slots disagree with their answers: ${badSlots}`,
);

if (opt.profile) {
  const profiles = existsSync(profDir) ? readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (profiles.length) for (const l of summariseProfile(`${profDir}${profiles[0]}`)) console.log(l);
  else console.log('profile: no .cpuprofile written');
}
