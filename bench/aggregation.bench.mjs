// Aggregation of annotators' labels: Dawid–Skene and majority vote on N items × 10 annotators × 5
// classes (default N = 100,000, i.e. 1,000,000 labels). Target (issue): Dawid–Skene ≤ 5 s on this
// 2-core machine. Usage: npm run build && npm run bench -- aggregation [N]
import { dawidSkene, majorityVoteCodes, simulateLabels } from '../dist/stats/aggregation/index.js';
import { machine } from './lib/machine.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 100_000);
const CLASSES = 5;
// Four good annotators, three mediocre, one noisy, two adversarial (mostly answer the next class).
const annotators = [
  { accuracy: 0.9, errors: 'uniform' },
  { accuracy: 0.85, errors: 'uniform' },
  { accuracy: 0.8, errors: 'uniform' },
  { accuracy: 0.75, errors: 'uniform' },
  { accuracy: 0.65, errors: 'uniform' },
  { accuracy: 0.6, errors: 'uniform' },
  { accuracy: 0.5, errors: 'uniform' },
  { accuracy: 0.3, errors: 'uniform' },
  { accuracy: 0.2, errors: 'shift' },
  { accuracy: 0.15, errors: 'shift' },
];
const priors = [0.35, 0.25, 0.2, 0.12, 0.08];

const agreeing = (labels, truth) => {
  let same = 0;
  for (let i = 0; i < truth.length; i++) if (labels[i] === truth[i]) same++;
  return same / truth.length;
};
const seconds = (t0) => (performance.now() - t0) / 1000;
const mb = () => process.memoryUsage().rss / 2 ** 20;

console.log(`machine: ${machine()}`);
let t0 = performance.now();
const sim = simulateLabels({ items: N, classes: CLASSES, priors, annotators, seed: 42 });
console.log(
  `input: ${N} items × ${annotators.length} annotators × ${CLASSES} classes = ${sim.triples.item.length} labels (Int32Array triples), simulated in ${seconds(t0).toFixed(2)} s`,
);

const runs = [];
let ds;
for (let run = 0; run < 3; run++) {
  t0 = performance.now();
  ds = dawidSkene(sim.triples);
  runs.push(seconds(t0));
}
const maxAccuracyError = Math.max(...annotators.map((a, j) => Math.abs(ds.accuracy[j] - a.accuracy)));
console.log(
  `dawid-skene: ${runs[0].toFixed(2)} s first run, ${Math.min(...runs).toFixed(2)} s best of 3, ${ds.iterations} iterations (converged: ${ds.converged}), log-likelihood ${ds.logLikelihood.toFixed(1)}, accuracy vs truth ${(100 * agreeing(ds.labels, sim.truth)).toFixed(2)} %, annotator accuracy max error ${maxAccuracyError.toFixed(4)}, RSS ${mb().toFixed(0)} MB`,
);
console.log(`dawid-skene target ≤ 5 s: ${runs[0] <= 5 ? 'met' : 'MISSED'}`);

t0 = performance.now();
const mv = majorityVoteCodes(sim.triples);
const mvSeconds = seconds(t0);
let ties = 0;
for (let i = 0; i < N; i++) ties += mv.tied[i];
console.log(
  `majority: ${mvSeconds.toFixed(2)} s, accuracy vs truth ${(100 * agreeing(mv.labels, sim.truth)).toFixed(2)} %, ${ties} ties (${((100 * ties) / N).toFixed(1)} %)`,
);
