// N-gram decontamination on synthetic text: index N evaluation items of 200 words, then scan M
// training documents of 200 words, 1% of which carry a 30-word passage copied from an item.
// Words are drawn from a 30,000-word Zipf vocabulary, so common 13-grams are as rare as in prose.
// Usage: npm run build && npm run bench -- decontaminate [N] [M]   (defaults 100,000 and 100,000)
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../dist/core/random.js';
import { buildContaminationIndex } from '../dist/text/decontaminate.js';
import { machine } from './lib/machine.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 100_000);
const M = Number(process.argv[4] ?? process.env.BENCH_M ?? 100_000);
const WORDS = 200;
const r = seededRandom(7);

const letters = 'abcdefghijklmnopqrstuvwxyz';
const vocabulary = Array.from({ length: 30_000 }, () => {
  let w = '';
  const len = 2 + r.below(9);
  for (let i = 0; i < len; i++) w += letters[r.below(26)];
  return w;
});
// Zipf(1) over the vocabulary by inverse CDF on cumulative weights.
const cumulative = new Float64Array(vocabulary.length);
let total = 0;
for (let i = 0; i < vocabulary.length; i++) cumulative[i] = total += 1 / (i + 1);
function word() {
  const x = r.float() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo];
}
function sentence(n) {
  const ws = [];
  for (let i = 0; i < n; i++) ws.push(word());
  // Capitals and punctuation, so normalisation has work to do.
  ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
  return `${ws.join(' ')}.`;
}
function passage(words) {
  const parts = [];
  for (let left = words; left > 0; left -= 20) parts.push(sentence(Math.min(20, left)));
  return parts.join(' ');
}

console.log(`machine: ${machine()}`);
let t = performance.now();
const items = Array.from({ length: N }, (_, i) => ({ id: `eval-${i}`, text: passage(WORDS) }));
const docs = [];
const planted = new Map();
for (let d = 0; d < M; d++) {
  if (d % 100 === 0) {
    const item = r.below(N);
    const ws = items[item].text.split(' ');
    const at = r.below(ws.length - 30);
    docs.push(`${passage(80)} ${ws.slice(at, at + 30).join(' ')} ${passage(90)}`);
    planted.set(d, `eval-${item}`);
  } else docs.push(passage(WORDS));
}
const itemBytes = items.reduce((s, x) => s + Buffer.byteLength(x.text), 0);
const docBytes = docs.reduce((s, x) => s + Buffer.byteLength(x), 0);
console.log(
  `generated ${N} items (${(itemBytes / 2 ** 20).toFixed(0)} MiB) and ${M} documents (${(docBytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

/** CPU seconds (user + system) since `since`: less sensitive than wall time to other work on the machine. */
const cpu = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const rss0 = process.memoryUsage().rss;
t = performance.now();
let c = process.cpuUsage();
const index = buildContaminationIndex(items);
const build = (performance.now() - t) / 1000;
const buildCpu = cpu(c);
const rss1 = process.memoryUsage().rss;
console.log(
  `index: ${build.toFixed(1)} s (${buildCpu.toFixed(1)} s CPU), ${Math.round(N / build)} items/s, ${(itemBytes / 2 ** 20 / build).toFixed(1)} MB/s, ${index.size} distinct 13-grams, +${((rss1 - rss0) / 2 ** 20).toFixed(0)} MB RSS`,
);

t = performance.now();
c = process.cpuUsage();
let found = 0;
let wrong = 0;
let flagged = 0;
for (let d = 0; d < M; d++) {
  const hits = index.findContamination(docs[d]);
  if (hits.length > 0) flagged++;
  const expected = planted.get(d);
  if (expected !== undefined && hits.some((h) => h.evalId === expected)) found++;
  if (expected === undefined && hits.length > 0) wrong++;
}
const scan = (performance.now() - t) / 1000;
const scanCpu = cpu(c);
console.log(
  `scan: ${scan.toFixed(1)} s (${scanCpu.toFixed(1)} s CPU), ${Math.round(M / scan)} docs/s, ${(docBytes / 2 ** 20 / scan).toFixed(1)} MB/s; planted ${planted.size}, found ${found}, flagged ${flagged}, false positives ${wrong}`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (found !== planted.size || wrong !== 0) process.exitCode = 1;
