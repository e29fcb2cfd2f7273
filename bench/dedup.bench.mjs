// Near-duplicate detection on N documents of ~100 words with known near-duplicates (see
// lib/near-dup-set.mjs): wall time, docs/s and peak RSS of `tandem dedup FILE --json` in a child
// process, then recall and precision against the exact Jaccard of 5-shingle sets (threshold 0.8).
// Targets (issue): 1,000,000 documents in ≤ 60 s with peak RSS ≤ 2 GB on 2 cores, recall and precision
// ≥ 0.95. Then, in this process on min(N, 100,000) documents, the alternatives the defaults were chosen
// over. Usage: npm run bench -- dedup [N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { findNearDuplicates, resolveOptions } from '../dist/text/dedup.js';
import { DATASKETCH_WEIGHTS } from '../dist/text/lsh.js';
import { machine } from './lib/machine.mjs';
import { jaccard, nearDupSet, writeNearDupSet } from './lib/near-dup-set.mjs';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 1_000_000);
const THRESHOLD = 0.8;
const out = fileURLToPath(new URL('./out/', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
mkdirSync(out, { recursive: true });

const set = nearDupSet(N);
const data = `${out}near-dup-${N}.jsonl`;
if (!existsSync(data)) {
  console.error(`generating ${N} documents…`);
  await writeNearDupSet(set, data);
}
const bytes = statSync(data).size;
console.log(`machine: ${machine()}; load average before the run ${loadavg()[0].toFixed(2)}`);
console.log(
  `input: ${N} documents, ${(bytes / 2 ** 20).toFixed(0)} MiB (${Math.round(bytes / N)} bytes/line); ` +
    `40% unrelated, 50% in near-duplicate pairs, 10% in pairs equal after normalisation`,
);
const { sketch } = resolveOptions({ threshold: THRESHOLD });
console.log(
  `parameters: threshold ${THRESHOLD}, ${sketch.numPerm} permutations, ${sketch.ngram}-word shingles, ` +
    `b = ${sketch.bands} bands × r = ${sketch.rows} rows, confirm by ${sketch.confirm} (≤ ${sketch.maxShingles} kept)`,
);

const run = timedCpu('node', [cli, 'dedup', data, '--json', '--threshold', String(THRESHOLD)]);
const result = JSON.parse(run.stdout);
console.log(
  `tandem dedup: ${run.seconds.toFixed(1)} s, ${Math.round(N / run.seconds)} docs/s, peak RSS ${run.peakMB.toFixed(0)} MB, ` +
    `CPU ${run.cpu.toFixed(1)} s (${Math.round(N / run.cpu)} docs per CPU-second), load average after ${loadavg()[0].toFixed(2)}`,
);
console.log(
  `  ${result.records} records, ${result.duplicates} duplicates in ${result.clusters.length} clusters`,
);

console.error('computing the truth…');
const truth = new Map();
const histogram = new Array(11).fill(0);
for (const [a, b, j] of set.pairs()) {
  truth.set(a * N + b, j);
  histogram[Math.floor(j * 10)]++;
}
console.log(`  known pairs by true Jaccard (0.0–0.1 … 1.0): ${histogram.join(' ')}`);
report(
  'cli',
  result.clusters.map((c) => c.map((line) => line - 1)),
);

// Alternatives, in this process (worker threads as in the CLI) on at most 100,000 documents.
const M = Math.min(N, 100_000);
const sub = M === N ? set : nearDupSet(M);
const subTruth = M === N ? truth : new Map(sub.pairs().map(([a, b, j]) => [a * M + b, j]));
const texts = Array.from({ length: M }, (_, i) => sub.textAt(i));
for (const [name, options] of [
  ['default', {}],
  ['confirm by MinHash estimate', { confirm: 'minhash' }],
  ["datasketch's LSH weights 0.5/0.5", { weights: DATASKETCH_WEIGHTS }],
  ["datasketch's weights, confirm by MinHash", { weights: DATASKETCH_WEIGHTS, confirm: 'minhash' }],
]) {
  const t = performance.now();
  const r = await findNearDuplicates(texts, { threshold: THRESHOLD, ...options });
  const s = (performance.now() - t) / 1000;
  report(
    `${M} docs, ${name} (b=${r.bands}, r=${r.rows}): ${s.toFixed(1)} s, ${Math.round(M / s)} docs/s,` +
      ` ${r.candidatePairs} candidate pairs`,
    r.clusters,
    sub,
    subTruth,
  );
}

/** Recall and precision over pairs: truth is true Jaccard ≥ threshold; predicted is same cluster. */
function report(label, clusters, s = set, known = truth) {
  const n = s.n;
  let predicted = 0;
  let correct = 0;
  let found = 0;
  let positives = 0;
  for (const j of known.values()) if (j >= THRESHOLD) positives++;
  for (const c of clusters) {
    for (let x = 0; x < c.length; x++) {
      for (let y = x + 1; y < c.length; y++) {
        const a = Math.min(c[x], c[y]);
        const b = Math.max(c[x], c[y]);
        predicted++;
        let j = known.get(a * n + b);
        if (j !== undefined && j >= THRESHOLD) found++;
        j ??= jaccard(s.tokensAt(a), s.tokensAt(b), s.ngram);
        if (j >= THRESHOLD) correct++;
      }
    }
  }
  console.log(
    `${label}: recall ${(found / positives).toFixed(4)} (${found}/${positives}), ` +
      `precision ${(correct / predicted).toFixed(4)} (${correct}/${predicted})`,
  );
}

/**
 * As lib/timed.mjs, plus CPU time (user + system) of the whole process: on a machine shared with other
 * work, wall time depends on their load; CPU time much less (on two idle cores, wall ≈ CPU / 2 here).
 */
function timedCpu(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M %U %S', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return {
    seconds: Number(m[1]),
    peakMB: Number(m[2]) / 1024,
    cpu: Number(m[3]) + Number(m[4]),
    stdout: r.stdout,
  };
}
