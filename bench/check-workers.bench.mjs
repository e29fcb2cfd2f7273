// `tandem check` spread over workers (issue 20): N records on PostgreSQL (default 200,000), checked by
// one process, then queued (`check --queue --no-work`) and shared by 1, 2 and 4 `tandem worker`
// processes. Prints wall time, the CPU time of every process together per record, and whether each run's
// verdicts equal the single process's. On a machine with fewer cores than workers the wall time cannot
// drop; the CPU per record shows what sharding costs. Written to run unchanged on a bigger machine.
// Usage: npm run bench -- check-workers [N]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateRecords } from './lib/gen-records.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const N = Number(process.argv[3] ?? 200_000);
const pgUrl = process.env.TANDEM_BENCH_POSTGRES ?? process.env.TANDEM_TEST_POSTGRES;
if (!pgUrl) {
  console.log('check-workers: skipped (set TANDEM_BENCH_POSTGRES or TANDEM_TEST_POSTGRES)');
  process.exit(0);
}
const out = fileURLToPath(new URL('./out/', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });
const data = `${out}records-${N}.jsonl`;
if (!existsSync(data)) await generateRecords(data, N);
console.log(`machine: ${machine()}`);

/** Runs the CLI under GNU time: wall, user and system seconds, peak MB, and its stdout. */
function run(args) {
  return new Promise((resolve, reject) => {
    const p = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S %M', 'node', cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (code !== 0 || !m) return reject(new Error(`tandem ${args.join(' ')} failed (${code}):\n${stderr}`));
      resolve({ wall: +m[1], cpu: +m[2] + +m[3], peakMB: +m[4] / 1024, stdout });
    });
  });
}

const schema = `bench_checkw_${Date.now().toString(36)}`;
const u = new URL(pgUrl);
u.searchParams.set('schema', schema);
const db = u.toString();
const checks = 'dedup,pii,language,quality,offensive';
try {
  timed('node', [cli, 'import', data, '--dataset', 'bench', '--db', db, '--json']);
  console.log(`${N} records imported into ${schema}`);
  const one = await run(['check', '--dataset', 'bench', '--only', checks, '--db', db, '--json']);
  const reference = JSON.stringify(JSON.parse(one.stdout).checks);
  console.log(
    `one process: ${one.wall.toFixed(1)} s wall, ${((1000 * one.cpu) / N).toFixed(3)} ms CPU per record, peak ${one.peakMB.toFixed(0)} MB`,
  );
  for (const workers of [1, 2, 4]) {
    const started = performance.now();
    const coordinator = run([
      'check',
      '--dataset',
      'bench',
      '--only',
      checks,
      '--queue',
      '--no-work',
      '--shard-size',
      String(Math.max(1000, Math.ceil(N / 40))),
      '--db',
      db,
      '--json',
    ]);
    // Workers stop when the queue is empty: start them once the shards are queued.
    const watch = new pg.Client({ connectionString: pgUrl });
    await watch.connect();
    for (;;) {
      const r = await watch
        .query(
          `SELECT count(*)::int AS n FROM ${schema}.jobs WHERE kind = 'check.shard' AND status = 'queued'`,
        )
        .catch(() => ({ rows: [{ n: 0 }] }));
      if (r.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await watch.end();
    const ws = await Promise.all(
      Array.from({ length: workers }, () => run(['worker', '--db', db, '--json'])),
    );
    const c = await coordinator;
    const wall = (performance.now() - started) / 1000;
    const cpu = c.cpu + ws.reduce((s, w) => s + w.cpu, 0);
    const same = JSON.stringify(JSON.parse(c.stdout).checks) === reference;
    console.log(
      `${workers} worker(s): ${wall.toFixed(1)} s wall, ${((1000 * cpu) / N).toFixed(3)} ms CPU per record (all processes), speed-up ${(one.wall / wall).toFixed(2)}×, verdicts ${same ? 'identical to one process' : 'DIFFERENT'}`,
    );
    if (!same) process.exitCode = 1;
  }
} finally {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
