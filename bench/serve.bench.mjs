// The annotation API under load: N records in a dataset (overlap 2 unless --overlap) and A simulated
// annotators (lib/annotator-driver.mjs), each looping next-record → think → submit over HTTP against
// `buildServer` in a child process.
// Targets (issues): 1,000,000 records, 200 annotators, p99 ≤ 25 ms per request on SQLite and ≤ 40 ms
// on PostgreSQL; 10,000 records, overlap 1, 200 annotators on SQLite: p99 ≤ 250 ms (issue 17, the
// Label Studio comparison); always no record handed out beyond its overlap, no response lost.
// Usage: npm run build && npm run bench -- serve [--records N] [--annotators A] [--overlap K] [--db sqlite|postgres]
//   [--seconds S] [--think MS] [--warmup S] [--target MS] [--pg URL] [--profile] [--sql-stats] [--stmt-cache] [--ckpt-thread] [--no-pin] [--no-autovacuum]
// Issue 17's figure: --records 10000 --overlap 1 --annotators 200 --target 250.
// --seconds is the measured window (120 by default: long enough for a degrading state to show).
// --think is the mean think time between being handed a record and submitting it (uniform 0.5×–1.5×);
// --think 0 is the closed loop that shows the maximum throughput. The seeded database is reused
// between runs (bench/out/serve-N.db, or schema bench_serve_N; with -oK / _oK for an overlap K other
// than 2), its answers and leases reset. --own-connections: each annotator keeps one connection of its
// own (as a browser does) instead of sharing one keep-alive pool.
// Diagnostics: --profile runs the server under --cpu-prof and summarises the profile; --sql-stats
// times every SQL statement in the server; --stmt-cache and --ckpt-thread are what-ifs (SQLite
// prepared statements reused; WAL checkpoints moved off the event loop, see lib/serve-process.mjs):
// figures with them are not Tandem's as shipped.
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  connectionLine,
  createDriver,
  fmt,
  latencyLine,
  sliceLines,
  statusLine,
} from './lib/annotator-driver.mjs';
import { machine } from './lib/machine.mjs';
import { autovacuumStandIn, describeAutovacuum } from './lib/pg-autovacuum.mjs';
import { checkServeStore } from './lib/serve-correctness.mjs';
import { prepareServeDataset } from './lib/serve-dataset.mjs';
import { cpuSnapshot, cpuWindow } from './lib/serve-machine.mjs';
import { summariseProfile } from './lib/serve-profile.mjs';

const { values: opt } = parseArgs({
  args: process.argv.slice(3),
  options: {
    records: { type: 'string', default: '1000000' },
    annotators: { type: 'string', default: '200' },
    overlap: { type: 'string', default: '2' },
    target: { type: 'string' },
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
    'own-connections': { type: 'boolean', default: false },
  },
});
const N = Number(opt.records);
const A = Number(opt.annotators);
const SECONDS = Number(opt.seconds);
const THINK = Number(opt.think);
const WARMUP = Number(opt.warmup);
const DB = opt.db;
const OVERLAP = Number(opt.overlap);
if (
  !['sqlite', 'postgres'].includes(DB) ||
  !(N > 0) ||
  !(A > 0) ||
  !(SECONDS > 0) ||
  !(THINK >= 0) ||
  !(OVERLAP >= 1)
)
  throw new Error('usage: npm run bench -- serve [--records N] [--annotators A] [--db sqlite|postgres] …');

const DATASET = 'serve';
const TARGET_MS = Number(opt.target ?? (DB === 'sqlite' ? 25 : 40));
const LEASE_MS = 30 * 60 * 1000;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });
// Overlap 2 keeps the names of the stores earlier runs seeded.
const suffix = OVERLAP === 2 ? '' : `-o${OVERLAP}`;
const sqliteFile = `${out}serve-${N}${suffix}.db`;
const schema = `bench_serve_${N}${suffix.replace('-', '_')}`;

console.log(`machine: ${machine()}`);

// ---- Seed (or reuse) the dataset -----------------------------------------------------------------

const { storeUrl, annotators } = await prepareServeDataset({
  where: DB === 'sqlite' ? { db: 'sqlite', file: sqliteFile } : { db: 'postgres', adminUrl: opt.pg, schema },
  name: DATASET,
  records: N,
  overlap: OVERLAP,
  annotators: A,
});

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

const driver = createDriver({
  port,
  dataset: DATASET,
  annotators,
  warmupS: WARMUP,
  seconds: SECONDS,
  think: THINK,
  ownConnection: opt['own-connections'],
});
const { start, deadline } = driver;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
const r = await driver.run();
const { lat, splits, slices, statuses, errors, drained } = r;
await marks;
const vacuumed = autovacuum ? { done: await autovacuum.stop(), serverHasIt: autovacuum.serverHasIt } : null;
const drainMs = r.drainMs;
const finalStats = await ask({});
server.disconnect();
await exited;

// ---- Figures -------------------------------------------------------------------------------------

const line = (label, samples) => latencyLine(label, samples, SECONDS);
if (vacuumed) console.log(describeAutovacuum(vacuumed.done, vacuumed.serverHasIt));
console.log(`latency (client-side, requests started in the ${SECONDS} s window):`);
const all = line('all', [...lat.next, ...lat.submit]);
console.log(line('next', lat.next).text);
console.log(line('submit', lat.submit).text);
console.log(all.text);
console.log(
  `  p99 ${all.p99.toFixed(1)} ms vs target ≤ ${TARGET_MS} ms on ${DB}: ${all.p99 <= TARGET_MS ? 'met' : 'MISSED'}${THINK === 0 ? ' (closed loop: the target applies to the think-time run)' : ''}`,
);
for (const l of sliceLines(slices)) console.log(l);
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
console.log(statusLine(statuses));
console.log(connectionLine(r));
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

await checkServeStore(storeUrl, OVERLAP, r);

if (opt.profile) {
  const profiles = existsSync(profDir) ? readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (profiles.length) for (const l of summariseProfile(`${profDir}${profiles[0]}`)) console.log(l);
  else console.log('profile: no .cpuprofile written');
}
