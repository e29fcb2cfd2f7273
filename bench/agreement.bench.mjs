// Agreement statistics on synthetic judgements: N items × 5 annotators on a 5-point scale (each
// annotator gives the item's true value with probability 0.7, else a random one; 5% missing).
// Target (issue): Krippendorff's alpha for 100,000 items × 5 annotators ≤ 1 s.
// Usage: npm run build && npm run bench -- agreement [N]   (default N = 100,000)
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runAgreement } from '../dist/cli/commands/agreement.js';
import { seededRandom } from '../dist/core/random.js';
import {
  cohensKappa,
  computeAgreement,
  fleissKappa,
  krippendorffAlpha,
  LEVELS,
  reliabilityData,
} from '../dist/stats/agreement/index.js';
import { machine } from './lib/machine.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 100_000);
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });

function judgements(items, annotators, seed = 42) {
  const r = seededRandom(seed);
  const rows = [];
  for (let i = 0; i < items; i++) {
    const truth = 1 + r.below(5);
    for (let a = 0; a < annotators; a++) {
      if (r.float() < 0.05) continue;
      const value = r.float() < 0.7 ? truth : 1 + r.below(5);
      rows.push({ item: `item-${i}`, annotator: `annotator-${a}`, value });
    }
  }
  return rows;
}

/** Runs `fn` once cold, then `runs` times; returns the cold time, the warm median (ms) and the result. */
function time(fn, runs = 5) {
  let t = performance.now();
  const result = fn();
  const cold = performance.now() - t;
  const warm = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    fn();
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  return { cold, median: warm[Math.floor(runs / 2)], result };
}

const ms = (v) => `${v.toFixed(0)} ms`;
const line = (label, t, extra = '') =>
  console.log(
    `${label.padEnd(44)} ${ms(t.cold).padStart(8)} cold, ${ms(t.median).padStart(8)} warm median${extra}`,
  );

console.log(`machine: ${machine()}`);
const five = judgements(N, 5);
const two = judgements(N, 2, 7);
console.log(`input: ${N} items × 5 annotators, ${five.length} judgements (5-point scale, 5% missing)`);

const coded = time(() => reliabilityData(five));
line('code judgements → reliability data', coded);
const data = coded.result;
for (const level of LEVELS) {
  const t = time(() => krippendorffAlpha(data, level));
  line(`alpha ${level} (coded data)`, t, `  α = ${t.result.alpha.toFixed(4)}`);
}
for (const level of LEVELS) {
  const t = time(() => krippendorffAlpha(reliabilityData(five), level));
  line(`alpha ${level}, judgements → α`, t);
}
// Continuous values: every value distinct, so no two units share a profile and the ordinal and
// interval closed forms run over ~475k distinct values.
const jitter = seededRandom(3);
const continuous = reliabilityData(five.map((j) => ({ ...j, value: j.value + jitter.float() })));
for (const level of ['ordinal', 'interval']) {
  const t = time(() => krippendorffAlpha(continuous, level));
  line(`alpha ${level}, continuous values (coded)`, t, `  ${continuous.categories.length} distinct values`);
}
const fleiss = time(() => fleissKappa(reliabilityData(five)));
line("Fleiss' kappa, judgements → κ", fleiss, `  κ = ${fleiss.result.kappa.toFixed(4)}`);
const pairs = reliabilityData(two);
for (const level of ['nominal', 'ordinal', 'interval']) {
  const t = time(() => cohensKappa(reliabilityData(two), level));
  line(`Cohen ${level} (${N} × 2), judgements → κ`, t, `  κ = ${t.result.kappa.toFixed(4)}`);
}
for (const [metric, level] of [
  ['krippendorff', 'nominal'],
  ['krippendorff', 'ordinal'],
  ['krippendorff', 'ratio'],
  ['fleiss', 'nominal'],
]) {
  const t = time(() => computeAgreement(data, { metric, level }), 3);
  const [lo, hi] = t.result.ci;
  line(`${metric} ${level} + 95% CI, 1000 resamples`, t, `  [${lo.toFixed(4)}, ${hi.toFixed(4)}]`);
}
const cohenCi = time(() => computeAgreement(pairs, { metric: 'cohen', level: 'interval' }), 3);
line('cohen interval + 95% CI, 1000 resamples', cohenCi);

// The CLI's path: read and validate the JSONL file, code it, compute alpha and its interval.
const file = `${out}judgements-${N}x5.jsonl`;
writeFileSync(file, `${five.map((j) => JSON.stringify(j)).join('\n')}\n`);
let t = performance.now();
const summary = await runAgreement(file, { metric: 'krippendorff', level: 'nominal' });
const cli = performance.now() - t;
t = performance.now();
await runAgreement(file, { metric: 'krippendorff', level: 'nominal' });
const cli2 = performance.now() - t;
console.log(
  `${'runAgreement: JSONL file → α with 95% CI'.padEnd(44)} ${ms(cli).padStart(8)} first, ${ms(cli2).padStart(8)} second` +
    `  α = ${summary.value.toFixed(4)}, ${summary.items} items`,
);
