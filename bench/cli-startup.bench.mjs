// CLI start-up: `tandem --version` and `tandem datasets list` (a store with 3 small datasets), each
// run R times as a child process under GNU time: wall seconds, CPU (user + system) and peak RSS.
// The bin users run (dist/bin/tandem.js, bundled) beside the unbundled dist/cli/main.js and a bare
// `node -e 0` for scale. Targets (issue 17): ≤ 0.25 s and ≤ 60 MB for both commands. On a loaded
// machine wall time waits for a core; CPU time is the figure that does not.
// Usage: npm run bench -- cli-startup [R]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/machine.mjs';

const R = Number(process.argv[3] ?? process.env.BENCH_N ?? 15);
const out = fileURLToPath(new URL('./out/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/bin/tandem.js', import.meta.url));
const unbundled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });

/** One run under GNU time: wall, CPU user + sys (s) and peak RSS (MB). */
function measure(args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', 'node', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TANDEM_DB: '' },
  });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`node ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rss: Number(m[4]) / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const db = `${out}cli-startup.db`;
for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
const data = `${out}cli-startup.jsonl`;
writeFileSync(
  data,
  `${JSON.stringify({ id: 'a', text: 'hello', messages: [{ role: 'user', content: 'hi' }] })}\n`,
);
for (const name of ['alpha', 'beta', 'gamma']) measure([bin, 'import', data, '--dataset', name, '--db', db]);

console.log(`machine: ${machine()}; load average before ${loadavg()[0].toFixed(2)}; ${R} runs each, medians`);
const cases = [
  ['node -e 0 (for scale)', ['-e', '0']],
  ['tandem --version', [bin, '--version']],
  ['tandem datasets list', [bin, 'datasets', 'list', '--db', db]],
  ['unbundled --version', [unbundled, '--version']],
  ['unbundled datasets list', [unbundled, 'datasets', 'list', '--db', db]],
];
for (const [label, args] of cases) {
  measure(args); // warm the file cache
  const runs = Array.from({ length: R }, () => measure(args));
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const rss = median(runs.map((r) => r.rss));
  const target = label.startsWith('tandem')
    ? `  (target ≤ 0.25 s, ≤ 60 MB: ${cpu <= 0.25 && rss <= 60 ? 'met' : 'NOT met'} by CPU)`
    : '';
  console.log(
    `${label.padEnd(26)} wall ${wall.toFixed(2)} s  CPU ${cpu.toFixed(2)} s  peak RSS ${rss.toFixed(0)} MB${target}`,
  );
}
console.log(`load average after ${loadavg()[0].toFixed(2)}`);
