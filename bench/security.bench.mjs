// The server under the two attacks of issue 16, against `tandem serve` (the built CLI) on a seeded
// SQLite store:
// (a) unauthenticated POSTs whose JSON nests D arrays deep (4 million by default: 8 MB, under the old
//     10 MB limit), sent by K attacker loops, while A annotators run the next → think → answer cycle
//     (as bench/serve.bench.mjs drives them) and a prober calls /api/health every 50 ms. Figures:
//     health p50/p99 and the annotators' p99, each against a baseline run without attackers.
//     Targets: health p99 ≤ 50 ms; annotators' p99 within 2× of the baseline.
// (b) wrong-password logins at L a minute over several names (the legitimate user's among them) from
//     one address (`tandem serve` trusts no X-Forwarded-For, so every request comes from 127.0.0.1),
//     while the legitimate user logs in every few seconds from the browser they used before (its
//     device cookie). Figures: the legitimate login's latency (target ≤ 1.5 s) and whether it was
//     ever refused (locked out); and what a login from a new browser (no device cookie) gets.
// Usage: npm run build && npm run bench -- security [--records N] [--annotators A] [--attackers K]
//   [--depth D] [--seconds S] [--think MS] [--logins-per-minute L] [--login-seconds S]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { contentHash } from '../dist/core/hash.js';
import { datasetSettings } from '../dist/core/settings.js';
import { hashPassword } from '../dist/server/auth/password.js';
import { openStore } from '../dist/store/connect.js';
import { encodeRecord } from '../dist/store/records.js';
import { machine } from './lib/machine.mjs';
import { rng } from './lib/rng.mjs';

const { values: opt } = parseArgs({
  args: process.argv.slice(3),
  options: {
    records: { type: 'string', default: '100000' },
    annotators: { type: 'string', default: '50' },
    attackers: { type: 'string', default: '10' },
    depth: { type: 'string', default: '4000000' },
    seconds: { type: 'string', default: '60' },
    think: { type: 'string', default: '1000' },
    'logins-per-minute': { type: 'string', default: '40' },
    'login-seconds': { type: 'string', default: '120' },
  },
});
const N = Number(opt.records);
const A = Number(opt.annotators);
const K = Number(opt.attackers);
const DEPTH = Number(opt.depth);
const SECONDS = Number(opt.seconds);
const THINK = Number(opt.think);
const LPM = Number(opt['logins-per-minute']);
const LOGIN_SECONDS = Number(opt['login-seconds']);
for (const [k, v] of Object.entries({ N, A, K, DEPTH, SECONDS, LPM, LOGIN_SECONDS }))
  if (!(v >= 0) || (k !== 'K' && v === 0)) throw new Error(`bad --${k.toLowerCase()}: ${v}`);

const DATASET = 'security';
const OVERLAP = 2;
const PASSWORD = 'correct horse battery staple 42';
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
console.log(`machine: ${machine()}`);

// ---- Seed a fresh store --------------------------------------------------------------------------

const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });
const file = `${out}security-${N}.db`;
for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
let store = await openStore(file);
const dataset = await store.datasets.create(
  DATASET,
  datasetSettings.parse({
    fields: [{ name: 'text', type: 'text' }],
    questions: [{ name: 'sentiment', type: 'label', options: ['positive', 'negative', 'neutral'] }],
    distribution: { responsesPerRecord: OVERLAP },
  }),
  'bench',
);
const r = rng(42);
for (let start = 0; start < N; start += 10_000) {
  const rows = [];
  for (let i = start; i < Math.min(N, start + 10_000); i++) {
    const fields = { text: `review ${i}: ${r().toString(36).slice(2)} arrived late but support was quick` };
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
const names = Array.from({ length: A }, (_, i) => `annotator-${String(i + 1).padStart(3, '0')}`);
const annotators = [];
for (const name of names) {
  const u = await store.users.create({ username: name, role: 'annotator' }, 'bench');
  annotators.push({ name, id: u.id, token: await store.auth.createApiToken(u.id, 'bench', 'bench') });
}
await store.members.change(dataset.id, { add: names }, 'bench');
// The legitimate user of (b) and two other real accounts the attackers guess at.
const passwordHash = await hashPassword(PASSWORD);
for (const name of ['alice', 'bob', 'carol'])
  await store.users.create({ username: name, role: 'annotator', passwordHash }, 'bench');
await store.close();
store = undefined;

// ---- `tandem serve` ------------------------------------------------------------------------------

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const server = spawn(process.execPath, [cli, 'serve', '--db', file, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
const exited = new Promise((resolve) => server.once('exit', resolve));
const port = await new Promise((resolve, reject) => {
  let text = '';
  const look = (c) => {
    text += c;
    const m = /Tandem on http:\/\/[^:]+:(\d+)/.exec(text);
    if (m) resolve(Number(m[1]));
  };
  server.stdout.on('data', look);
  server.stderr.on('data', look);
  server.once('exit', (code) =>
    reject(new Error(`tandem serve exited (${code}) before listening:\n${text}`)),
  );
});
console.log(
  `config: tandem serve on ${file.replace(`${process.cwd()}/`, '')}, ${fmt(N)} records, overlap ${OVERLAP}, ${A} annotators (think ${THINK} ms mean), ${K} attackers (nesting ${fmt(DEPTH)}), ${SECONDS} s per phase; logins: ${LPM} wrong passwords a minute for ${LOGIN_SECONDS} s`,
);

// ---- HTTP ----------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: A + 16 });

function call(method, path, { token, cookie, body, keepAlive = true } = {}) {
  return new Promise((resolve) => {
    const t = performance.now();
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent: keepAlive ? agent : false, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            body: Buffer.concat(chunks).toString(),
            cookies: res.headers['set-cookie'] ?? [],
            ms: performance.now() - t,
          }),
        );
        res.on('error', (e) => resolve({ status: 0, error: e.message, ms: performance.now() - t }));
      },
    );
    // The server may answer 401 and close before the attacker's body is all sent: that is the point.
    req.on('error', (e) => resolve({ status: 0, error: e.message, ms: performance.now() - t }));
    req.end(body);
  });
}

function pct(samples, p) {
  const s = Float64Array.from(samples).sort();
  if (!s.length) return Number.NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const ms = (v) => `${v.toFixed(1)} ms`;

// ---- (a) nested JSON while annotators work -------------------------------------------------------

const think = rng(7);
const LABELS = ['positive', 'negative', 'neutral'];
// Encoded once: the load generator should spend its CPU on sending, not on building 8 MB strings.
const nested = Buffer.from('['.repeat(DEPTH) + ']'.repeat(DEPTH));

async function phase(attackers) {
  const deadline = performance.now() + SECONDS * 1000;
  const annotatorMs = [];
  const healthMs = [];
  const statuses = new Map();
  const count = (k) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  const annotate = async (a) => {
    await sleep(think() * THINK);
    while (performance.now() < deadline) {
      const n = await call('GET', `/api/datasets/${DATASET}/next`, { token: a.token });
      annotatorMs.push(n.ms);
      count(`next ${n.status}`);
      if (n.status !== 200) {
        await sleep(100);
        continue;
      }
      const id = JSON.parse(n.body).record.id;
      await sleep(THINK * (0.5 + think()));
      const body = JSON.stringify({ values: { sentiment: LABELS[id % 3] }, status: 'submitted' });
      const s = await call('POST', `/api/records/${id}/responses`, { token: a.token, body });
      annotatorMs.push(s.ms);
      count(`answer ${s.status}`);
    }
  };
  const probe = async () => {
    while (performance.now() < deadline) {
      const h = await call('GET', '/api/health');
      healthMs.push(h.ms);
      count(`health ${h.status}`);
      await sleep(50);
    }
  };
  let sent = 0;
  const attack = async () => {
    while (performance.now() < deadline) {
      const x = await call('POST', '/api/records/1/responses', { body: nested, keepAlive: false });
      sent++;
      count(`attack ${x.status || 'closed'}`);
    }
  };
  await Promise.all([...annotators.map(annotate), probe(), ...Array.from({ length: attackers }, attack)]);
  return { annotatorMs, healthMs, statuses, sent };
}

function report(label, p) {
  console.log(
    `  ${label}: health p50 ${ms(pct(p.healthMs, 50))} p99 ${ms(pct(p.healthMs, 99))} (${fmt(p.healthMs.length)} probes); annotators p50 ${ms(pct(p.annotatorMs, 50))} p99 ${ms(pct(p.annotatorMs, 99))} (${fmt(p.annotatorMs.length)} requests)${p.sent ? `; ${fmt(p.sent)} nested bodies sent = ${(p.sent / SECONDS).toFixed(1)}/s` : ''}`,
  );
  console.log(
    `    statuses: ${[...p.statuses.entries()]
      .sort()
      .map(([k, v]) => `${k} × ${fmt(v)}`)
      .join(', ')}`,
  );
}

console.log('(a) nested JSON bodies, unauthenticated:');
const baseline = await phase(0);
report('baseline (no attackers)', baseline);
const attacked = await phase(K);
report(`under attack (${K} loops)`, attacked);
const healthP99 = pct(attacked.healthMs, 99);
const ratio = pct(attacked.annotatorMs, 99) / pct(baseline.annotatorMs, 99);
console.log(
  `  health p99 ${ms(healthP99)} vs target ≤ 50 ms: ${healthP99 <= 50 ? 'met' : 'MISSED'}; annotators' p99 ${ratio.toFixed(2)}× the baseline vs target ≤ 2×: ${ratio <= 2 ? 'met' : 'MISSED'}`,
);

// ---- (b) wrong passwords while the legitimate user logs in ---------------------------------------

const login = (username, password, cookie) =>
  call('POST', '/api/login', { body: JSON.stringify({ username, password }), cookie });
const deviceOf = (res) =>
  res.cookies
    .map((c) => c.split(';')[0])
    .filter((c) => c.startsWith('tandem_device='))
    .join('; ');

// The browser alice used yesterday: she logged in from it once, before the attack.
const first = await login('alice', PASSWORD);
if (first.status !== 200)
  throw new Error(`alice cannot log in before the attack: ${first.status} ${first.body}`);
const device = deviceOf(first);

console.log(`(b) ${LPM} wrong-password logins a minute over alice, bob, carol, dave, erin (one address):`);
const loginDeadline = performance.now() + LOGIN_SECONDS * 1000;
const wrong = new Map();
const guesses = (async () => {
  const targets = ['alice', 'bob', 'carol', 'dave', 'erin'];
  for (let i = 0; performance.now() < loginDeadline; i++) {
    const t = performance.now();
    login(targets[i % targets.length], `guess-${i}-${'x'.repeat(16)}`).then((x) =>
      wrong.set(x.status, (wrong.get(x.status) ?? 0) + 1),
    );
    await sleep(Math.max(0, 60_000 / LPM - (performance.now() - t)));
  }
})();
const legit = [];
const refused = [];
await sleep(2000);
while (performance.now() < loginDeadline) {
  const x = await login('alice', PASSWORD, device);
  legit.push(x.ms);
  if (x.status !== 200) refused.push(`${x.status} ${x.body}`);
  await sleep(3000);
}
await guesses;
const fresh = await login('alice', PASSWORD);
const worst = Math.max(...legit);
console.log(
  `  legitimate login (known browser): ${legit.length} logins, p50 ${ms(pct(legit, 50))}, max ${ms(worst)} vs target ≤ 1.5 s: ${worst <= 1500 ? 'met' : 'MISSED'}; refused ${refused.length}${refused.length ? ` (e.g. ${refused[0].slice(0, 120)}) — LOCKED OUT` : ' (not locked out)'}`,
);
console.log(
  `  wrong-password statuses: ${[...wrong.entries()].map(([k, v]) => `${k} × ${v}`).join(', ')}; the same user from a new browser afterwards: ${fresh.status} in ${ms(fresh.ms)}${fresh.status === 429 ? ' (the per-address limit: same address as the attackers)' : ''}`,
);

agent.destroy();
server.kill('SIGTERM');
await exited;
