// The Tandem API server in a process of its own, so the serve benchmark's load generator does not
// share its event loop. argv: store URL, lease ms, options JSON. Talks over IPC: sends {port} once
// listening; every message gets {stats} back ({mark: true} first restarts the counters).
// Options, for finding where the time goes (none changes Tandem's code; they patch the drivers from
// outside): `sqlStats` times every SQL statement (SQLite: prepare and run apart; PostgreSQL:
// the round trip); `stmtCache` is a what-if: better-sqlite3 hands back one prepared statement per
// SQL text instead of compiling it again for every query, as Kysely's SQLite driver does;
// `ckptThread` is another: SQLite's automatic WAL checkpoints (run inside whichever commit crosses
// 1,000 pages, on the event loop) are turned off and a worker thread checkpoints every 250 ms on a
// connection of its own. `stalls: false` turns the stall detector off (for clean CPU profiles).
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { buildServer } from '../../dist/server/app.js';
import { openStore } from '../../dist/store/connect.js';
import { contextOf } from '../../dist/store/store.js';

const [url, leaseMs, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}');

let sql = new Map();
const key = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 150);
function add(text, ms) {
  const k = key(text);
  let s = sql.get(k);
  if (!s) {
    s = { count: 0, totalMs: 0, maxMs: 0, over5ms: 0 };
    sql.set(k, s);
  }
  s.count++;
  s.totalMs += ms;
  if (ms > s.maxMs) s.maxMs = ms;
  if (ms > 5) s.over5ms++;
}

if (options.sqlStats || options.stmtCache) {
  const prepare = SqliteDatabase.prototype.prepare;
  const cache = new Map();
  let patched = false;
  SqliteDatabase.prototype.prepare = function (source) {
    const t = performance.now();
    let stmt = options.stmtCache ? cache.get(source) : undefined;
    if (!stmt) {
      stmt = prepare.call(this, source);
      if (options.stmtCache) cache.set(source, stmt);
    }
    if (options.sqlStats) add('(prepare, all statements)', performance.now() - t);
    if (options.sqlStats && !patched) {
      patched = true;
      const proto = Object.getPrototypeOf(stmt);
      for (const m of ['run', 'get', 'all']) {
        const f = proto[m];
        proto[m] = function (...args) {
          const t = performance.now();
          try {
            return f.apply(this, args);
          } finally {
            add(this.source, performance.now() - t);
          }
        };
      }
    }
    return stmt;
  };
}
if (options.sqlStats) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    const t = performance.now();
    const r = query.call(this, config, values, callback);
    if (text && typeof r?.then === 'function')
      r.then(
        () => add(text, performance.now() - t),
        () => add(`(failed) ${text}`, performance.now() - t),
      );
    return r;
  };
}

const store = await openStore(url);
let checkpointer;
if (options.ckptThread && contextOf(store).sqlite) {
  contextOf(store).sqlite.pragma('wal_autocheckpoint = 0');
  checkpointer = new Worker(
    `const db = new (require('better-sqlite3'))(require('node:worker_threads').workerData);
     db.pragma('busy_timeout = 5000');
     setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), 250);`,
    { eval: true, workerData: store.location },
  );
}
const app = await buildServer(store, { logger: false, leaseMs: Number(leaseMs) });
await app.listen({ host: '127.0.0.1', port: 0 });

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
// Time in the server: from the parsed request to the last byte handed to the socket.
let handled = [];
// Every response also says when the server read the request and when it wrote the response (epoch
// ms, x-bench-t), so the load generator can split a slow request's time into before / in / after.
const epoch = () => performance.timeOrigin + performance.now();
// A connection's first response also says when the server accepted it (a third value).
app.server.on('connection', (socket) => {
  socket.benchAcceptedAt = epoch();
});
app.server.on('request', (req, res) => {
  const t = performance.now();
  const read = epoch();
  const accepted = req.socket.benchAcceptedAt;
  req.socket.benchAcceptedAt = undefined;
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    this.setHeader('x-bench-t', `${read},${epoch()}${accepted ? `,${accepted}` : ''}`);
    return writeHead.apply(this, args);
  };
  res.once('finish', () => handled.push(performance.now() - t));
});
// Stalls: gaps of 25 ms or more between ticks of a 5 ms timer, and the CPU the process used in
// them. A stall with little CPU is time the process was not running (I/O wait, or a busy host).
let stalls = { count: 0, ms: 0, cpuMs: 0, maxMs: 0 };
let lastTick = performance.now();
let lastCpu = process.cpuUsage();
const stallTimer = setInterval(() => {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const gap = t - lastTick;
  if (gap >= 25) {
    stalls.count++;
    stalls.ms += gap;
    stalls.maxMs = Math.max(stalls.maxMs, gap);
    stalls.cpuMs += (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
  }
  lastTick = t;
  lastCpu = cpu;
}, 5).unref();
if (options.stalls === false) clearInterval(stallTimer);
let peakRss = process.memoryUsage().rss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100).unref();
// Garbage collection pauses (minor = scavenges, major = mark-compact).
let gc = { minor: { count: 0, ms: 0, maxMs: 0 }, major: { count: 0, ms: 0, maxMs: 0 } };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const g = e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR ? gc.minor : gc.major;
    g.count++;
    g.ms += e.duration;
    g.maxMs = Math.max(g.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
let cpu0 = process.cpuUsage();
let t0 = performance.now();

process.send({ port: app.server.address().port });
process.on('message', (m) => {
  if (m.mark) {
    delay.reset();
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    sql = new Map();
    handled = [];
    gc = { minor: { count: 0, ms: 0, maxMs: 0 }, major: { count: 0, ms: 0, maxMs: 0 } };
    stalls = { count: 0, ms: 0, cpuMs: 0, maxMs: 0 };
  }
  const inServer = Float64Array.from(handled).sort();
  const at = (p) => inServer[Math.min(inServer.length - 1, Math.ceil((p / 100) * inServer.length) - 1)] ?? 0;
  const cpu = process.cpuUsage(cpu0);
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  process.send({
    stats: {
      rss,
      peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - t0,
      loopDelayMs: {
        p50: delay.percentile(50) / 1e6,
        p99: delay.percentile(99) / 1e6,
        max: delay.max / 1e6,
      },
      handledMs: { count: inServer.length, p50: at(50), p99: at(99), max: at(100) },
      stalls,
      gc,
      ...(options.sqlStats ? { sql: [...sql.entries()] } : {}),
    },
  });
});
process.on('disconnect', async () => {
  await app.close();
  await checkpointer?.terminate();
  await store.close();
  process.exit(0);
});
