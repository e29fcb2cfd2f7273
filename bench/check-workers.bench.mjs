// `tandem check` spread over workers (issue 20): N records on PostgreSQL (default 200,000; the issue's
// figure is 1,000,000), checked by one process, then queued (`check --queue --no-work`) and shared by
// 1, 2 and 4 `tandem worker` processes. Prints wall time, the CPU time of every process together per
// record, the speed-up over one process, and whether each run's verdicts — every record's stored
// result of every check, not only the totals — equal the single process's. On a machine with fewer
// cores than workers the wall time cannot drop; the CPU per record shows what sharding costs.
// Written to run unchanged on a bigger machine.
// Usage: npm run bench -- check-workers [N] [--records N] [--workers 1,2,4] [--checks LIST]
//   [--shard-size K] [--pg URL] [--keep]
// The PostgreSQL URL comes from --pg, TANDEM_BENCH_POSTGRES or TANDEM_TEST_POSTGRES. --keep leaves
// the imported schema (bench_checkw_N) in place and reuses it next time (a 1M import is a minute).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateRecords } from './lib/gen-records.mjs';
import { machine } from './lib/machine.mjs';
import { timed } from './lib/timed.mjs';

const { values: opt, positionals } = parseArgs({
  args: process.argv.slice(3),
  allowPositionals: true,
  options: {
    records: { type: 'string' },
    workers: { type: 'string', default: '1,2,4' },
    checks: { type: 'string', default: 'dedup,pii,language,quality,offensive' },
    'shard-size': { type: 'string' },
    pg: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(opt.records ?? positionals[0] ?? 200_000);
const WORKERS = opt.workers.split(',').map(Number);
const SHARD = Number(opt['shard-size'] ?? Math.max(1000, Math.ceil(N / 40)));
if (!(N > 0) || !WORKERS.every((w) => w >= 1) || !(SHARD > 0))
  throw new Error('usage: npm run bench -- check-workers [--records N] [--workers 1,2,4] …');
const pgUrl = opt.pg ?? process.env.TANDEM_BENCH_POSTGRES ?? process.env.TANDEM_TEST_POSTGRES;
if (!pgUrl) {
  console.log('check-workers: skipped (set TANDEM_BENCH_POSTGRES or TANDEM_TEST_POSTGRES, or pass --pg)');
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

const schema = opt.keep ? `bench_checkw_${N}` : `bench_checkw_${Date.now().toString(36)}`;
const u = new URL(pgUrl);
u.searchParams.set('schema', schema);
const db = u.toString();
const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
const q = async (text) => (await admin.query(text)).rows;

/**
 * The newest stored result of every check for every record, hashed in PostgreSQL: equal fingerprints
 * mean every record got the same verdicts (passed, score and details), not only the same totals.
 */
async function fingerprint() {
  const [row] = await q(`SELECT count(*)::int AS n, md5(coalesce(string_agg(
      record_id || '|' || "check" || '|' || passed || '|' || coalesce(score::text, '') || '|' || coalesce(details::text, ''),
      E'\\n' ORDER BY record_id, "check"), '')) AS verdicts,
    md5(coalesce(string_agg(record_id || '|' || "check" || '|' || passed, E'\\n' ORDER BY record_id, "check"), '')) AS passed
    FROM (SELECT DISTINCT ON (record_id, "check") record_id, "check", passed, score, details
      FROM ${schema}.check_results ORDER BY record_id, "check", id DESC) x`);
  return row;
}

try {
  const have = (await q(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = '${schema}'`))[0].n
    ? (await q(`SELECT count(*)::int AS n FROM ${schema}.records`))[0].n
    : 0;
  if (have === N) console.log(`${N} records already imported into ${schema} (--keep)`);
  else {
    if (have) await q(`DROP SCHEMA ${schema} CASCADE`);
    const imp = timed('node', [cli, 'import', data, '--dataset', 'bench', '--db', db, '--json']);
    console.log(`${N} records imported into ${schema} in ${imp.seconds.toFixed(1)} s`);
  }
  await q(`DELETE FROM ${schema}.check_results`);
  const one = await run(['check', '--dataset', 'bench', '--only', opt.checks, '--db', db, '--json']);
  const reference = JSON.stringify(JSON.parse(one.stdout).checks);
  const refPrint = await fingerprint();
  console.log(
    `one process: ${one.wall.toFixed(1)} s wall, ${((1000 * one.cpu) / N).toFixed(3)} ms CPU per record, peak ${one.peakMB.toFixed(0)} MB; ${refPrint.n} stored results (checks: ${opt.checks})`,
  );
  for (const workers of WORKERS) {
    // Each run starts from no stored results, so the comparison sees only what this run wrote.
    await q(`DELETE FROM ${schema}.check_results`);
    const started = performance.now();
    const coordinator = run([
      'check',
      '--dataset',
      'bench',
      '--only',
      opt.checks,
      '--queue',
      '--no-work',
      '--shard-size',
      String(SHARD),
      '--db',
      db,
      '--json',
    ]);
    // Workers stop when the queue is empty: start them once the shards are queued.
    for (;;) {
      const r = await q(
        `SELECT count(*)::int AS n FROM ${schema}.jobs WHERE kind = 'check.shard' AND status = 'queued'`,
      ).catch(() => [{ n: 0 }]);
      if (r[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ws = await Promise.all(
      Array.from({ length: workers }, () => run(['worker', '--db', db, '--json'])),
    );
    const c = await coordinator;
    const wall = (performance.now() - started) / 1000;
    const cpu = c.cpu + ws.reduce((s, w) => s + w.cpu, 0);
    const totals = JSON.stringify(JSON.parse(c.stdout).checks) === reference;
    const print = await fingerprint();
    const same = totals && print.verdicts === refPrint.verdicts && print.n === refPrint.n;
    const verdicts = same
      ? 'identical to one process (every record, every check)'
      : print.passed === refPrint.passed && totals
        ? 'same pass/fail per record, DIFFERENT scores or details'
        : 'DIFFERENT';
    console.log(
      `${workers} worker(s): ${wall.toFixed(1)} s wall, ${((1000 * cpu) / N).toFixed(3)} ms CPU per record (all processes; coordinator ${((1000 * c.cpu) / N).toFixed(3)}), speed-up ${(one.wall / wall).toFixed(2)}× over one process, verdicts ${verdicts}; worker peaks ${ws.map((w) => w.peakMB.toFixed(0)).join(', ')} MB, coordinator ${c.peakMB.toFixed(0)} MB`,
    );
    if (!same) process.exitCode = 1;
  }
} finally {
  if (!opt.keep) await q(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
