// The generation runner against a local OpenAI-compatible server answering after 50 ms with at most
// 64 requests at once (capacity 1,280 one-call rows/s). Targets (issue): ≥ 90% of capacity over
// 20,000 rows with every row stored; with 10% of requests answered 429 still exactly N rows; memory
// flat over 100,000 rows.
// CPU: each scenario prints the CPU time of this process (the runner; the server is another process)
// per row — meaningful even on a loaded machine. `ONLY=steady` runs scenario 1 alone.
// Usage: npm run build && npm run bench -- generate [ROWS=20000] [LONG=100000] [ONLY]
//   CPU per row, issue 19's figure: npm run bench -- generate 5000 0 steady
//   GEN_RUNS=N runs the whole benchmark N times, each in a fresh process (the figure includes V8's
//   warm-up, so runs in one process would not be alike), and prints the median CPU per row of
//   scenario 1 with its range: on a VM whose speed drifts, one run says little.
//   profile: npx tsc -p tsconfig.bench.json && node --cpu-prof --cpu-prof-dir=/tmp/prof bench/run.mjs generate 5000 0 steady
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRecipe } from '../dist/stages/generate/recipe/load.js';
import { runGeneration } from '../dist/stages/generate/run/run-generation.js';
import { openStore } from '../dist/store/connect.js';
import { contextOf } from '../dist/store/store.js';
import { machine } from './lib/machine.mjs';

const RUNS = Number(process.env.GEN_RUNS ?? 1);
if (RUNS > 1) {
  const runner = fileURLToPath(new URL('./run.mjs', import.meta.url));
  const env = { ...process.env, GEN_RUNS: '1' };
  const figures = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [runner, ...process.argv.slice(2)], { env, encoding: 'utf8' });
    const cpu = /CPU of this process: .*= ([\d.]+) ms per row/.exec(r.stdout)?.[1];
    if (r.status !== 0 || cpu === undefined) {
      console.error(r.stdout, r.stderr);
      process.exit(1);
    }
    figures.push(Number(cpu));
    console.log(`run ${i + 1}: scenario 1, CPU ${cpu} ms per row`);
  }
  const sorted = [...figures].sort((x, y) => x - y);
  const median = RUNS % 2 ? sorted[(RUNS - 1) / 2] : (sorted[RUNS / 2 - 1] + sorted[RUNS / 2]) / 2;
  console.log(
    `\nCPU per row over ${RUNS} runs: median ${median.toFixed(3)} ms (${sorted[0].toFixed(3)}–${sorted.at(-1).toFixed(3)}; target ≤ 0.4)`,
  );
  process.exit(0);
}

const ROWS = Number(process.argv[3] ?? 20_000);
const LONG = Number(process.argv[4] ?? 100_000);
const ONLY = process.argv[5];
const LATENCY = 50;
const SLOTS = 64;
const capacity = (SLOTS * 1000) / LATENCY;

const server = fork(fileURLToPath(new URL('./lib/fake-llm-process.mjs', import.meta.url)), [
  JSON.stringify({ latencyMs: LATENCY, maxConcurrent: SLOTS, seed: 1 }),
]);
const url = await new Promise((resolve) => server.once('message', (m) => resolve(m.url)));
const ask = (msg) =>
  new Promise((resolve) => {
    server.once('message', resolve);
    server.send(msg);
  });
process.env.OPENAI_BASE_URL = url;
process.env.OPENAI_API_KEY = 'bench';

const recipe = (name) =>
  loadRecipe(
    `
name: ${name}
provider: openai:bench-model
limits: { concurrency: ${SLOTS}, max_attempts: 20 }
columns:
  - name: topic
    sampler: category
    values: [tents, boots, stoves, maps, packs, lamps]
  - name: text
    llm: text
    prompt: "Write a short customer question about {{ topic }} (row {{ row_index }})."
`,
    `${name}.yaml`,
  );

const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-gen-'));
console.log(`machine: ${machine()}`);
console.log(
  `server: ${LATENCY} ms per answer, at most ${SLOTS} at once → capacity ${capacity} rows/s (one call per row)\n`,
);

async function run(label, name, rows, options, sample) {
  await ask({ reset: true });
  await ask({ options: { latencyMs: LATENCY, maxConcurrent: SLOTS, seed: 1, ...options } });
  const store = await openStore(join(dir, `${name}.db`));
  let peak = 0;
  const samples = [];
  let done = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    if (sample) samples.push({ done, rss: m.rss, heap: m.heapUsed });
  }, 1000);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const s = await runGeneration(store, {
    recipe: recipe(name),
    count: rows,
    actor: 'bench',
    onProgress: (p) => {
      done = p.done;
    },
  });
  const secs = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  const stored = Number(
    (
      await contextOf(store)
        .db.selectFrom('records')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const distinct = Number(
    (
      await contextOf(store)
        .db.selectFrom('records')
        .select((eb) => eb.fn.count('external_id').distinct().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  await store.close();
  const { stats } = await ask({ stats: true });
  const rate = rows / secs;
  console.log(`${label}`);
  console.log(
    `  ${rows.toLocaleString('en-US')} rows in ${secs.toFixed(1)} s = ${rate.toFixed(0)} rows/s (${((rate / capacity) * 100).toFixed(1)}% of capacity)`,
  );
  console.log(
    `  stored ${stored.toLocaleString('en-US')} (distinct ${distinct.toLocaleString('en-US')}); server answered ${stats.byOutcome.ok ?? 0} ok, ${(stats.byOutcome.random_429 ?? 0) + (stats.byOutcome.concurrency_429 ?? 0)} × 429; runner retries ${s.calls.retries}; peak concurrency ${stats.peakConcurrency}; peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`,
  );
  const cpuMsPerRow = (cpu.user + cpu.system) / 1000 / rows;
  console.log(
    `  CPU of this process: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}) = ${cpuMsPerRow.toFixed(3)} ms per row (target ≤ 0.4)`,
  );
  return { samples, rate, stored, cpuMsPerRow };
}

const a = await run('1. steady: 50 ms answers, 64 slots', 'steady', ROWS, {});
if (ONLY !== 'steady') {
  const b = await run('2. 10% of requests answered 429 (Retry-After: 1 s)', 'with429', ROWS, {
    rate429Fraction: 0.1,
  });
  let c = { stored: 0 };
  if (LONG > 0) {
    c = await run(`3. memory over ${LONG.toLocaleString('en-US')} rows`, 'long', LONG, {}, true);
    const pick = (f) => c.samples.find((x) => x.done >= f * LONG) ?? c.samples.at(-1);
    for (const f of [0.1, 0.25, 0.5, 0.75, 1]) {
      const x = pick(f);
      if (x)
        console.log(
          `  at ${x.done.toLocaleString('en-US')} rows: RSS ${(x.rss / 2 ** 20).toFixed(0)} MB, heap ${(x.heap / 2 ** 20).toFixed(0)} MB`,
        );
    }
  }
  console.log(
    `\nsummary: ${((a.rate / capacity) * 100).toFixed(1)}% of capacity (target ≥ 90%); with 429s ${b.stored === ROWS ? 'exactly' : 'NOT'} ${ROWS} rows; ${LONG} rows stored: ${c.stored}; CPU ${a.cpuMsPerRow.toFixed(3)} ms/row`,
  );
} else
  console.log(
    `\nsummary: ${((a.rate / capacity) * 100).toFixed(1)}% of capacity; CPU ${a.cpuMsPerRow.toFixed(3)} ms/row`,
  );
server.disconnect();
rmSync(dir, { recursive: true, force: true });
