// Simulated annotators for the serve benchmarks (serve, scale-out): each loops next-record → think →
// submit over keep-alive HTTP against one address (a server, or a proxy in front of several), and
// the driver keeps what the figures need: client-side latency by kind and by 10 s slice, statuses,
// which annotators each record was handed to, and every acknowledged answer.
import http from 'node:http';
import { rng } from './rng.mjs';

export const SLICE_MS = 10_000;
const LABELS = ['positive', 'negative', 'neutral'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `annotators`: [{ id, token }]. `think`: mean ms between being handed a record and submitting it
 * (uniform 0.5×–1.5×; 0 = closed loop). Requests started between `start` and `deadline`
 * (performance.now() times, warm-up excluded) are measured; whoever holds a record at the deadline
 * still answers it, so no lease is left dangling.
 */
export function createDriver({
  host = '127.0.0.1',
  port,
  dataset,
  annotators,
  warmupS,
  seconds,
  think,
  ownConnection = false,
}) {
  // Shared: one keep-alive pool for every annotator (the figures in docs/architecture.md), so an
  // annotator's request takes whichever connection is idle and a new one is opened when none is.
  // ownConnection: each annotator keeps one connection of its own, as a browser does; no
  // connection is opened after the first request.
  const shared = new http.Agent({
    keepAlive: true,
    maxSockets: annotators.length + 16,
    maxFreeSockets: annotators.length + 16,
  });
  const own = new Map(
    ownConnection
      ? annotators.map((a) => [a, new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 })])
      : [],
  );
  const thinkRng = rng(7);
  const t0 = performance.now();
  const start = t0 + warmupS * 1000;
  const deadline = start + seconds * 1000;
  const r = {
    start,
    deadline,
    lat: { next: [], submit: [] },
    splits: [], // [total, before, in, after] ms of every measured request
    slices: Array.from({ length: Math.ceil((seconds * 1000) / SLICE_MS) }, () => []),
    statuses: new Map(),
    errors: [],
    handed: new Map(), // record id → annotators it was handed to
    acknowledged: new Set(), // `${recordId}:${userId}` of every 200 submit
    drained: 0,
    // Requests that opened a new connection (the agent had no idle one), and of the measured ones
    // slower than 1 s how many did: a tail from connecting (a dropped SYN is retried after 1, 3,
    // 7, 15, 31 s) is told apart from one inside the server.
    fresh: { next: 0, submit: 0, slow: 0, slowFresh: 0 },
    connectMs: [], // request start → TCP connection established, for every new connection
    acceptToRead: [], // [accepted → request read, request start → accepted] ms, new connections
  };

  function call(a, method, path, body) {
    const token = a.token;
    const agent = own.get(a) ?? shared;
    return new Promise((resolve) => {
      const t = performance.now();
      const headers = { authorization: `Bearer ${token}` };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request({ host, port, method, path, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const end = performance.now();
          const [read, wrote, accepted] = String(res.headers['x-bench-t'] ?? ',')
            .split(',')
            .map(Number);
          if (accepted) r.acceptToRead.push([read - accepted, accepted - (performance.timeOrigin + t)]);
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString(),
            t,
            ms: end - t,
            fresh: !req.reusedSocket,
            // Where the time went: before the server read the request, in it, after it wrote the answer.
            split: read
              ? [read - (performance.timeOrigin + t), wrote - read, performance.timeOrigin + end - wrote]
              : null,
          });
        });
        res.on('error', (e) => resolve({ status: 0, error: e.message, t, ms: performance.now() - t }));
      });
      req.on('socket', (socket) => {
        if (!req.reusedSocket) socket.once('connect', () => r.connectMs.push(performance.now() - t));
      });
      req.on('error', (e) => resolve({ status: 0, error: e.message, t, ms: performance.now() - t }));
      req.end(body);
    });
  }

  function note(kind, x) {
    const key = `${kind} ${x.status || 'error'}`;
    r.statuses.set(key, (r.statuses.get(key) ?? 0) + 1);
    if (x.status === 0 || x.status >= 300 || (x.status !== 200 && kind === 'submit'))
      if (r.errors.length < 5) r.errors.push(`${key}: ${x.error ?? x.body}`);
    if (x.fresh) r.fresh[kind]++;
    if (x.t >= start && x.t < deadline) {
      if (x.ms > 1000) {
        r.fresh.slow++;
        if (x.fresh) r.fresh.slowFresh++;
      }
      r.lat[kind].push(x.ms);
      r.slices[Math.floor((x.t - start) / SLICE_MS)]?.push(x.ms);
      if (x.split) r.splits.push([x.ms, ...x.split]);
    }
  }

  async function annotator(a) {
    if (think > 0) await sleep(thinkRng() * think);
    while (performance.now() < deadline) {
      const n = await call(a, 'GET', `/api/datasets/${dataset}/next`);
      note('next', n);
      if (n.status === 204) {
        r.drained++;
        return;
      }
      if (n.status !== 200) {
        await sleep(50);
        continue;
      }
      const id = JSON.parse(n.body).record.id;
      const to = r.handed.get(id) ?? new Set();
      to.add(a.id);
      r.handed.set(id, to);
      const ms = think > 0 ? think * (0.5 + thinkRng()) : 0;
      if (ms > 0) await sleep(ms);
      const body = JSON.stringify({
        values: { sentiment: LABELS[id % 3] },
        status: 'submitted',
        timeSpentMs: Math.round(ms),
      });
      const s = await call(a, 'POST', `/api/records/${id}/responses`, body);
      note('submit', s);
      if (s.status === 200) r.acknowledged.add(`${id}:${a.id}`);
    }
  }

  return {
    start,
    deadline,
    /** Runs every annotator until the deadline; resolves when the last one has answered. */
    async run() {
      await Promise.all(annotators.map(annotator));
      r.drainMs = performance.now() - deadline;
      shared.destroy();
      for (const agent of own.values()) agent.destroy();
      return r;
    },
  };
}

export function pct(sorted, p) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** One latency line: count, rate, p50/p90/p99/max. */
export function latencyLine(label, samples, seconds) {
  const s = Float64Array.from(samples).sort();
  const f = (v) => `${v.toFixed(1).padStart(6)} ms`;
  return {
    p99: pct(s, 99),
    text: `  ${label.padEnd(7)} ${fmt(s.length).padStart(8)} req  ${fmt(s.length / seconds).padStart(6)} req/s  p50 ${f(pct(s, 50))}  p90 ${f(pct(s, 90))}  p99 ${f(pct(s, 99))}  max ${f(s.length ? s[s.length - 1] : Number.NaN)}`,
  };
}

/** p50 and p99 of every 10 s slice of the window, to tell a steady state from one that degrades. */
export function sliceLines(slices) {
  const sorted = slices.map((x) => Float64Array.from(x).sort());
  const at = (p) => sorted.map((s) => pct(s, p).toFixed(0)).join(' ');
  return [
    `  p50 by ${SLICE_MS / 1000} s slice: ${at(50)} ms`,
    `  p99 by ${SLICE_MS / 1000} s slice: ${at(99)} ms`,
  ];
}

/** New connections opened, and how many of the requests slower than 1 s opened one. */
export function connectionLine({ fresh, connectMs, acceptToRead }) {
  const c = Float64Array.from(connectMs).sort();
  const slow = c.filter((ms) => ms > 900).length;
  const ar = Float64Array.from(acceptToRead.map((x) => x[0])).sort();
  const ta = Float64Array.from(acceptToRead.map((x) => x[1])).sort();
  const where = ar.length
    ? `; the server accepted them p50 ${pct(ta, 50).toFixed(0)} / max ${ta[ta.length - 1].toFixed(0)} ms after the request started and read their first request p50 ${pct(ar, 50).toFixed(0)} / max ${ar[ar.length - 1].toFixed(0)} ms after accepting`
    : '';
  return `connections: ${fmt(fresh.next)} opened by next, ${fmt(fresh.submit)} by submit (keep-alive reuses the rest), connecting took p50 ${pct(c, 50).toFixed(1)} ms, max ${(c.length ? c[c.length - 1] : Number.NaN).toFixed(0)} ms, > 0.9 s for ${slow}; of ${fmt(fresh.slow)} measured requests slower than 1 s, ${fmt(fresh.slowFresh)} opened a connection${where}`;
}

/** Statuses seen, e.g. "next 200 × 1,234, submit 200 × 1,200". */
export function statusLine(statuses) {
  return `statuses: ${[...statuses.entries()]
    .sort()
    .map(([k, v]) => `${k} × ${fmt(v)}`)
    .join(', ')}`;
}

/** 5xx, 409 and transport errors seen by clients. */
export function badCount(statuses) {
  return [...statuses.entries()]
    .filter(([k]) => / (5\d\d|409|error)$/.test(k))
    .reduce((n, [, v]) => n + v, 0);
}
