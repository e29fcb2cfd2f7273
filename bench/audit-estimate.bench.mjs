// `tandem audit estimate` on N JSONL lines of verdicts ({"judge": 0|1, "human": 0|1|null}; 1 in 50
// audited, true error rate 8%, a judge that agrees with the auditors 90% of the time), timed as a
// whole process (node start-up included) under GNU time, for Wilson and for PPI++: wall and CPU time.
// Target (issue 15): 1,000,000 lines in ≤ 5 s. Usage: npm run bench -- audit-estimate [N]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/machine.mjs';
import { rng } from './lib/rng.mjs';
import { writeLines } from './lib/write-lines.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 1_000_000);
const out = fileURLToPath(new URL('./out/', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });

const data = `${out}audit-verdicts-${N}.jsonl`;
if (!existsSync(data)) {
  console.error(`generating ${N} lines…`);
  const r = rng(15);
  await writeLines(data, N, () => {
    const wrong = r() < 0.08 ? 1 : 0;
    const judge = r() < 0.9 ? wrong : 1 - wrong;
    return JSON.stringify({ judge, human: r() < 0.02 ? wrong : null });
  });
}
const bytes = statSync(data).size;
console.log(`machine: ${machine()}`);
console.log(`input: ${N} lines, ${(bytes / 2 ** 20).toFixed(1)} MiB; target ≤ 5 s for 1,000,000 lines`);

/**
 * Wall and CPU seconds (user + system) and peak RSS under GNU time. CPU time is what to compare on a
 * shared machine, where wall time mostly measures the other processes.
 */
function timedCpu(args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', 'node', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`tandem ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return {
    seconds: Number(m[1]),
    cpu: Number(m[2]) + Number(m[3]),
    peakMB: Number(m[4]) / 1024,
    stdout: r.stdout,
  };
}

const startup = timedCpu([cli, '--version']);
console.log(
  `CLI start-up alone (tandem --version): ${startup.seconds.toFixed(2)} s wall, ${startup.cpu.toFixed(2)} s CPU`,
);
for (const method of ['wilson', 'ppi']) {
  const t = timedCpu([cli, 'audit', 'estimate', data, '--method', method, '--json']);
  const r = JSON.parse(t.stdout);
  const ci = r.ci.map((x) => (x * 100).toFixed(2)).join('–');
  console.log(
    `${method}: ${t.seconds.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s CPU (${Math.round(N / t.seconds).toLocaleString('en')} lines/s wall), peak RSS ${t.peakMB.toFixed(0)} MB; ` +
      `estimate ${(r.estimate * 100).toFixed(2)}% [${ci}%], ${r.n_labelled} audited of ${r.n_total}`,
  );
}
