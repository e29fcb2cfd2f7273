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
export function createDriver({ host = '127.0.0.1', port, dataset, annotators, warmupS, seconds, think }) {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: annotators.length + 16,
    maxFreeSockets: annotators.length + 16,
  });
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
  };

  function call(method, path, token, body) {
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

  function note(kind, x) {
    const key = `${kind} ${x.status || 'error'}`;
    r.statuses.set(key, (r.statuses.get(key) ?? 0) + 1);
    if (x.status === 0 || x.status >= 300 || (x.status !== 200 && kind === 'submit'))
      if (r.errors.length < 5) r.errors.push(`${key}: ${x.error ?? x.body}`);
    if (x.t >= start && x.t < deadline) {
      r.lat[kind].push(x.ms);
      r.slices[Math.floor((x.t - start) / SLICE_MS)]?.push(x.ms);
      if (x.split) r.splits.push([x.ms, ...x.split]);
    }
  }

  async function annotator(a) {
    if (think > 0) await sleep(thinkRng() * think);
    while (performance.now() < deadline) {
      const n = await call('GET', `/api/datasets/${dataset}/next`, a.token);
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
      const s = await call('POST', `/api/records/${id}/responses`, a.token, body);
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
      agent.destroy();
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
