// Team scale (issue 20): N records on PostgreSQL (default 1,000,000), several real `tandem serve`
// processes behind a round-robin proxy (lib/round-robin-proxy.mjs), and A annotators
// (lib/annotator-driver.mjs, the serve bench's) looping next → think → submit through the proxy.
// Reports p50/p99 overall and per 10 s slice, each server's CPU per request, and from the store:
// 0 errors, 0 records handed to more annotators than the overlap, acknowledged answers = stored ones.
// --kill-at S kills the last server (SIGKILL) S seconds into the measured window: the proxy sends its
// requests to the others, and the checks show that nothing acknowledged was lost.
//
// One machine (default): npm run build && npm run bench -- scale-out
//   [--records N] [--annotators A] [--overlap K] [--seconds S] [--warmup S] [--think MS]
//   [--servers K] [--kill-at S] [--lease SECONDS] [--pg URL] [--schema NAME] [--no-autovacuum]
// Several machines, unchanged: start `tandem serve --db 'postgres://…?schema=NAME' --host 0.0.0.0
// --port 8787` on each server machine (after the bench has seeded once: `--prepare-only`), then run
// the bench with `--upstream host1:8787,host2:8787` (it starts no server of its own; per-server CPU
// is then not measured here) and `--proxy-host`/`--proxy-port` for where the proxy listens.
// The PostgreSQL URL also comes from TANDEM_BENCH_POSTGRES or TANDEM_TEST_POSTGRES.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
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

const { values: opt } = parseArgs({
  args: process.argv.slice(3),
  options: {
    records: { type: 'string', default: '1000000' },
    annotators: { type: 'string', default: '200' },
    overlap: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '120' },
    warmup: { type: 'string', default: '5' },
    think: { type: 'string', default: '1000' },
    servers: { type: 'string', default: '2' },
    'server-host': { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string' },
    'proxy-host': { type: 'string', default: '127.0.0.1' },
    'proxy-port': { type: 'string', default: '0' },
    'kill-at': { type: 'string' },
    lease: { type: 'string', default: '1800' },
    pg: {
      type: 'string',
      default:
        process.env.TANDEM_BENCH_POSTGRES ??
        process.env.TANDEM_TEST_POSTGRES ??
        'postgres://postgres@127.0.0.1:5432/test',
    },
    schema: { type: 'string' },
    'prepare-only': { type: 'boolean', default: false },
    'no-autovacuum': { type: 'boolean', default: false },
    'own-connections': { type: 'boolean', default: false },
  },
});
const N = Number(opt.records);
const A = Number(opt.annotators);
const OVERLAP = Number(opt.overlap);
const SECONDS = Number(opt.seconds);
const WARMUP = Number(opt.warmup);
const THINK = Number(opt.think);
const SERVERS = opt.upstream ? 0 : Number(opt.servers);
const KILL_AT = opt['kill-at'] === undefined ? null : Number(opt['kill-at']);
const schema = opt.schema ?? `bench_scale_${N}_o${OVERLAP}`;
if (
  ![N, A, OVERLAP, SECONDS, Number(opt.lease)].every((x) => x > 0) ||
  !(THINK >= 0) ||
  !(WARMUP >= 0) ||
  !(opt.upstream || SERVERS >= 1) ||
  (KILL_AT !== null && !(KILL_AT >= 0 && KILL_AT < SECONDS && SERVERS >= 2))
)
  throw new Error(
    'usage: npm run bench -- scale-out [--records N] [--annotators A] [--servers K ≥ 2 with --kill-at S < --seconds] …',
  );

const DATASET = 'scale';
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
console.log(`machine: ${machine()}`);

const { storeUrl, annotators } = await prepareServeDataset({
  where: { db: 'postgres', adminUrl: opt.pg, schema },
  name: DATASET,
  records: N,
  overlap: OVERLAP,
  annotators: A,
  indexSearch: true,
});
if (opt['prepare-only']) {
  console.log(`prepared: tandem serve --db '${storeUrl}' on each server machine`);
  process.exit(0);
}

// ---- Servers and the proxy -----------------------------------------------------------------------

/** Starts `tandem serve` on a free port; resolves once it listens. */
function startServer(i) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [cli, 'serve', '--db', storeUrl, '--host', opt['server-host'], '--port', '0', '--lease', opt.lease],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    const onData = (d) => {
      err += d;
      const m = /Tandem on http:\/\/[^\s:]+:(\d+)/.exec(err);
      if (m) {
        p.stderr.off('data', onData);
        p.stderr.resume();
        resolve({ name: `server ${i + 1}`, proc: p, host: opt['server-host'], port: Number(m[1]) });
      }
    };
    p.stderr.on('data', onData);
    p.once('exit', (code) => reject(new Error(`tandem serve exited (${code}) before listening:\n${err}`)));
  });
}

const servers = [];
// One after the other: the first start of a store creates its owner.
for (let i = 0; i < SERVERS; i++) servers.push(await startServer(i));
const upstreams = opt.upstream
  ? opt.upstream.split(',').map((hp, i) => {
      const [host, port] = hp.split(':');
      return { name: `server ${i + 1}`, host, port: Number(port) };
    })
  : servers.map((s) => ({ host: s.host, port: s.port }));
// The balancer in a process of its own, as it would be in front of real servers.
const proxyProc = fork(
  fileURLToPath(new URL('./lib/round-robin-proxy.mjs', import.meta.url)),
  [JSON.stringify({ upstreams, host: opt['proxy-host'], port: Number(opt['proxy-port']) })],
  { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);
const proxyExited = new Promise((resolve) => proxyProc.once('exit', resolve));
const proxy = {
  port: await new Promise((resolve, reject) => {
    proxyProc.once('message', (m) => resolve(m.port));
    proxyProc.once('exit', (code) => reject(new Error(`the proxy exited (${code}) before listening`)));
  }),
  stats: () =>
    new Promise((resolve) => {
      proxyProc.once('message', (m) => resolve(m.stats));
      proxyProc.send({});
    }),
  close: async () => {
    proxyProc.disconnect();
    await proxyExited;
  },
};

console.log(
  `config: PostgreSQL schema ${schema}, ${fmt(N)} records, overlap ${OVERLAP}, ${A} annotators, think ${THINK ? `${THINK} ms mean (uniform ${THINK / 2}–${(THINK * 3) / 2} ms)` : '0 (closed loop)'}, warm-up ${WARMUP} s + ${SECONDS} s measured; ${upstreams.length} servers (${upstreams.map((u) => `${u.host}:${u.port}`).join(', ')}) behind a round-robin proxy on ${opt['proxy-host']}:${proxy.port}${KILL_AT !== null ? `; the last server killed ${KILL_AT} s into the window` : ''}; pool ${process.env.TANDEM_PG_POOL ?? 10} connections per server`,
);

// ---- Load ----------------------------------------------------------------------------------------

const TICK_MS = 10; // USER_HZ
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const driver = createDriver({
  host: opt['proxy-host'] === '0.0.0.0' ? '127.0.0.1' : opt['proxy-host'],
  port: proxy.port,
  dataset: DATASET,
  annotators,
  warmupS: WARMUP,
  seconds: SECONDS,
  think: THINK,
  ownConnection: opt['own-connections'],
});
const autovacuum = opt['no-autovacuum']
  ? null
  : autovacuumStandIn({ connectionString: opt.pg, schema, firstAt: driver.start - WARMUP * 500 });

// Per server: CPU (from /proc, local servers only) and requests (from the proxy) in the window; a
// killed server's figures stop where it died.
const window = { servers: servers.map(() => ({})) };
const snap = async () => ({
  requests: (await proxy.stats()).upstreams.map((u) => u.requests),
  cpu: servers.map((s) => cpuMs(s.proc.pid)),
  proxyCpu: cpuMs(proxyProc.pid),
  t: performance.now(),
});
const marks = (async () => {
  await sleep(driver.start - performance.now());
  window.a = await snap();
  if (KILL_AT !== null) {
    await sleep(KILL_AT * 1000);
    const victim = servers[servers.length - 1];
    window.killed = { ...(await snap()), at: KILL_AT };
    victim.proc.kill('SIGKILL');
    console.log(`killed ${victim.name} (pid ${victim.proc.pid}) ${KILL_AT} s into the window`);
  }
  await sleep(driver.deadline - performance.now());
  window.b = await snap();
})();
const r = await driver.run();
await marks;
const vacuumed = autovacuum ? { done: await autovacuum.stop(), serverHasIt: autovacuum.serverHasIt } : null;
const proxyStats = await proxy.stats();
await proxy.close();
for (const s of servers) {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) continue;
  const exited = new Promise((resolve) => s.proc.once('exit', resolve));
  s.proc.kill('SIGTERM');
  await exited;
}

// ---- Figures -------------------------------------------------------------------------------------

if (vacuumed) console.log(describeAutovacuum(vacuumed.done, vacuumed.serverHasIt));
console.log(`latency (client-side through the proxy, requests started in the ${SECONDS} s window):`);
const all = latencyLine('all', [...r.lat.next, ...r.lat.submit], SECONDS);
console.log(latencyLine('next', r.lat.next, SECONDS).text);
console.log(latencyLine('submit', r.lat.submit, SECONDS).text);
console.log(all.text);
for (const l of sliceLines(r.slices)) console.log(l);
console.log(
  `  annotation cycles: ${fmt(r.lat.submit.length / SECONDS)}/s (= records answered per second)${r.drained ? `; ${r.drained} annotators found the queue empty` : ''}; drain after the deadline ${(r.drainMs / 1000).toFixed(1)} s`,
);
servers.forEach((s, i) => {
  const end = window.killed && i === servers.length - 1 ? window.killed : window.b;
  const cpu = end.cpu[i] - window.a.cpu[i];
  const req = end.requests[i] - window.a.requests[i];
  const secs = (end.t - window.a.t) / 1000;
  console.log(
    `${s.name} (pid ${s.proc.pid}): ${fmt(req)} requests in ${secs.toFixed(0)} s, CPU ${((cpu / 10 / secs) | 0).toString()}% of one core = ${(cpu / Math.max(1, req)).toFixed(2)} ms per request${end === window.killed ? ' (until killed)' : ''}`,
  );
});
if (!servers.length) console.log('servers: remote (--upstream); their CPU is not measured here');
const proxyCpu = window.b.proxyCpu - window.a.proxyCpu;
const windowRequests = r.lat.next.length + r.lat.submit.length;
console.log(
  `proxy (pid ${proxyProc.pid}): CPU ${(proxyCpu / 10 / SECONDS).toFixed(0)}% of one core = ${(proxyCpu / Math.max(1, windowRequests)).toFixed(2)} ms per request; ${proxyStats.upstreams.map((u, i) => `server ${i + 1} ${fmt(u.requests)} requests (${u.failed} not answered)`).join(', ')}; ${proxyStats.retried} requests sent again to another server, ${proxyStats.unanswered} answered by none; the machine has ${os.cpus().length} cores`,
);
console.log(statusLine(r.statuses));
console.log(connectionLine(r));
for (const e of r.errors) console.log(`  e.g. ${e.slice(0, 200)}`);
const ok = await checkServeStore(storeUrl, OVERLAP, r);
if (!ok) process.exitCode = 1;
