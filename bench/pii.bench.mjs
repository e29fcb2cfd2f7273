// PII scan speed and quality. Speed: `analyze` over ~50 MB of generated support-chat text with sparse
// PII (bench/lib/gen-pii-text.mjs, seeded), one call per record as the checks stage makes them, then
// `analyzeMany` on batches of 100 as `tandem pii` makes them; the issue's target is ≥ 20 MB/s.
// Quality: precision and recall per entity type on the labelled cases in test/text/pii-cases.ts
// (exact type and span); target ≥ 0.95 for the checksum- and pattern-based types.
// With PII_MODEL=<model folder> (and the engine in .engines/, see docs/checks.md) it also measures the
// optional model-based recognizer on the first ~200 KB of the same text. The CLI runs twice: on all
// cores, and pinned to one (`taskset -c 0`, where taskset exists; the median of PII_CLI_RUNS=5 runs),
// the issue's ≥ 15 MB/s target; with PII_MODEL a third time, `tandem pii --json --model` on ~1 MB of
// the text (its cost with the model on).
// Usage: npm run build && npm run bench -- pii [MB]
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as phoneMax from 'libphonenumber-js/max';
import * as phoneMin from 'libphonenumber-js/min';
import ts from 'typescript';
import { analyze, analyzeMany, anonymize, ENTITY_TYPES, resolveOptions } from '../dist/text/pii/index.js';
import { generatePiiText } from './lib/gen-pii-text.mjs';
import { machine } from './lib/machine.mjs';

// ── Benchmark ─────────────────────────────────────────────────────────────────────────────────────────

const MB = Number(process.argv[3] ?? process.env.BENCH_MB ?? 50);

/** Types whose detection is a checksum or a pattern: these carry the ≥ 0.95 target. */
const TARGET_TYPES = new Set(ENTITY_TYPES.filter((t) => t !== 'PERSON' && t !== 'LOCATION'));

/** The labelled cases are TypeScript without imports: transpile in memory and import as a data: URL. */
async function loadCases() {
  const file = fileURLToPath(new URL('../test/text/pii-cases.ts', import.meta.url));
  const js = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  return (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)).PII_CASES;
}

/**
 * CPU seconds (user + system) of this process's waited-for children, from /proc (Linux; undefined
 * elsewhere): on a loaded machine the CLI's CPU time says more than its wall time.
 */
function childCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

function speed() {
  const t0 = performance.now();
  const { records, bytes, piiSentences } = generatePiiText(MB * 1e6, 7);
  console.log(
    `input: ${records.length} records, ${(bytes / 1e6).toFixed(1)} MB UTF-8 (${Math.round(bytes / records.length)} bytes/record), ${piiSentences} sentences with PII; generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (let i = 0; i < Math.min(10_000, records.length); i++) analyze(records[i]); // warm up the JIT
  // Best of three passes: the machine is shared, and a pass that other work slowed down says little.
  let best = { wall: Number.POSITIVE_INFINITY, cpu: 0, found: 0 };
  for (let pass = 0; pass < 3; pass++) {
    let found = 0;
    const c0 = process.cpuUsage();
    const t1 = performance.now();
    for (const r of records) found += analyze(r).length;
    const wall = (performance.now() - t1) / 1000;
    const c = process.cpuUsage(c0);
    if (wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1e6, found };
  }
  console.log(
    `analyze (best of 3): ${best.wall.toFixed(2)} s wall, ${(bytes / 1e6 / best.wall).toFixed(1)} MB/s (${(bytes / 1e6 / best.cpu).toFixed(1)} MB/s of CPU time), ${Math.round(records.length / best.wall)} records/s, ${best.found} entities; load average ${os.loadavg()[0].toFixed(1)}`,
  );
  // In batches of 100, as `tandem pii` analyses them (analyzeMany: recognizer by recognizer).
  const resolved = resolveOptions({});
  let bestBatch = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const t1 = performance.now();
    for (let i = 0; i < records.length; i += 100) analyzeMany(records.slice(i, i + 100), resolved);
    bestBatch = Math.min(bestBatch, (performance.now() - t1) / 1000);
  }
  console.log(
    `analyzeMany, batches of 100 (best of 3): ${bestBatch.toFixed(2)} s wall, ${(bytes / 1e6 / bestBatch).toFixed(1)} MB/s`,
  );
  const t2 = performance.now();
  for (const r of records) anonymize(r, analyze(r), 'replace');
  const wall2 = (performance.now() - t2) / 1000;
  console.log(`analyze + replace: ${wall2.toFixed(2)} s, ${(bytes / 1e6 / wall2).toFixed(1)} MB/s`);

  // The whole CLI path: start-up, reading and parsing JSONL, analysing, writing one JSON line a record.
  // The installed `tandem` (dist/bin/tandem.js, bundled) on both cores, then pinned to one core with
  // taskset where it exists: the issue's target is ≥ 15 MB/s wall on one core.
  const file = path.join(os.tmpdir(), `tandem-pii-bench-${process.pid}.jsonl`);
  writeFileSync(file, `${records.map((text, id) => JSON.stringify({ id, text })).join('\n')}\n`);
  const cli = fileURLToPath(new URL('../dist/bin/tandem.js', import.meta.url));
  const fileBytes = statSync(file).size;
  // One run: wall seconds and CPU seconds (from /proc, where it exists).
  const runOnce = (command, args) => {
    const c3 = childCpuSeconds();
    const t3 = performance.now();
    const run = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    const wall = (performance.now() - t3) / 1000;
    return { status: run.status, wall, cpu: c3 === undefined ? undefined : childCpuSeconds() - c3 };
  };
  // The machine is shared (a VM whose neighbours come and go): one run says little, so the one-core
  // figure is the median of RUNS runs, with the fastest and slowest beside it.
  const RUNS = Number(process.env.PII_CLI_RUNS ?? 5);
  const mbps = (secs) => (fileBytes / 1e6 / secs).toFixed(1);
  const runCli = (label, command, args, runs) => {
    const all = Array.from({ length: runs }, () => runOnce(command, args)).sort((a, b) => a.wall - b.wall);
    const mid = all[Math.floor((all.length - 1) / 2)];
    const perCpu = mid.cpu
      ? `, ${(fileBytes / 1e6 / mid.cpu).toFixed(1)} MB per CPU-second (${mid.cpu.toFixed(2)} s CPU)`
      : '';
    const spread =
      runs > 1
        ? ` (median of ${runs}; fastest ${mbps(all[0].wall)}, slowest ${mbps(all[all.length - 1].wall)} MB/s)`
        : '';
    console.log(
      `${label} (exit ${[...new Set(all.map((r) => r.status))].join(',')}): ${mid.wall.toFixed(2)} s wall, ${mbps(mid.wall)} MB/s of JSONL${spread}${perCpu}; load average ${os.loadavg()[0].toFixed(1)}`,
    );
  };
  try {
    const args = [cli, 'pii', file, '--json'];
    runCli('tandem pii --json (CLI)', process.execPath, args, 1);
    if (spawnSync('taskset', ['-c', '0', 'true']).status === 0) {
      runCli(
        'taskset -c 0 tandem pii --json (CLI, one core; target ≥ 15 MB/s)',
        'taskset',
        ['-c', '0', process.execPath, ...args],
        RUNS,
      );
    } else console.log('taskset not found: no one-core figure');
  } finally {
    rmSync(file, { force: true });
  }

  // False alarms: the same kind of text with no PII at all should give nothing.
  const clean = generatePiiText(Math.min(MB, 20) * 1e6, 11, 600, 0);
  const alarms = new Map();
  for (const r of clean.records)
    for (const e of analyze(r)) alarms.set(e.type, (alarms.get(e.type) ?? 0) + 1);
  console.log(
    `text without PII but with dates (${(clean.bytes / 1e6).toFixed(0)} MB; dates are DATE_TIME): ${alarms.size ? [...alarms].map(([t, n]) => `${t} ${n}`).join(', ') : 'no entities'}`,
  );
}

/** What a phone check costs: parse + isValid per number with the full ("max") and the default ("min") metadata. */
function phoneCost() {
  const numbers = ['(415) 555-2671', '+44 20 7946 0958', '+49 1512 3456789', '4111 1111 1111'];
  const perNumber = (lib) => {
    const n = 40_000;
    let valid = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) if (lib.parsePhoneNumberFromString(numbers[i % 4], 'US')?.isValid()) valid++;
    return { us: ((performance.now() - t) * 1000) / n, valid: valid / n };
  };
  perNumber(phoneMax);
  perNumber(phoneMin);
  const max = perNumber(phoneMax);
  const min = perNumber(phoneMin);
  console.log(
    `libphonenumber-js parse + isValid: max metadata ${max.us.toFixed(1)} µs/number (valid: ${max.valid}), min ${min.us.toFixed(1)} µs/number (valid: ${min.valid}, lengths only)`,
  );
}

async function quality() {
  const cases = await loadCases();
  const stats = new Map();
  const stat = (t) => {
    if (!stats.has(t)) stats.set(t, { tp: 0, fp: 0, fn: 0 });
    return stats.get(t);
  };
  const misses = [];
  for (const c of cases) {
    const expected = c.expect.map(([type, text, occurrence = 0]) => {
      let start = -1;
      for (let i = 0; i <= occurrence; i++) start = c.text.indexOf(text, start + 1);
      if (start < 0) throw new Error(`case '${c.name}': '${text}' is not in the text`);
      return { type, start, end: start + text.length, text };
    });
    const got = analyze(c.text, c.options ?? {});
    const same = (a, b) => a.type === b.type && a.start === b.start && a.end === b.end;
    for (const e of expected) {
      if (got.some((g) => same(g, e))) stat(e.type).tp++;
      else {
        stat(e.type).fn++;
        misses.push(`  missed   ${e.type} ${JSON.stringify(e.text)} in '${c.name}'`);
      }
    }
    for (const g of got) {
      if (!expected.some((e) => same(g, e))) {
        stat(g.type).fp++;
        misses.push(`  spurious ${g.type} ${JSON.stringify(g.text)} (${g.score}) in '${c.name}'`);
      }
    }
  }
  const positives = cases.filter((c) => c.expect.length > 0).length;
  console.log(
    `\nlabelled set: ${cases.length} cases (${positives} with entities, ${cases.length - positives} negatives)`,
  );
  console.log('type            TP  FP  FN  precision  recall');
  const fmt = (x) => (Number.isNaN(x) ? '   -  ' : x.toFixed(3).padStart(6));
  const rows = [...stats.entries()].sort(
    (a, b) => Number(TARGET_TYPES.has(b[0])) - Number(TARGET_TYPES.has(a[0])) || a[0].localeCompare(b[0]),
  );
  let below = 0;
  for (const [type, s] of rows) {
    const p = s.tp / (s.tp + s.fp);
    const r = s.tp / (s.tp + s.fn);
    const target = TARGET_TYPES.has(type);
    if (target && (p < 0.95 || r < 0.95)) below++;
    console.log(
      `${type.padEnd(14)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}     ${fmt(p)}  ${fmt(r)}${target ? '' : '   (no target: rule-based)'}`,
    );
  }
  if (misses.length) console.log(`\nerrors:\n${misses.join('\n')}`);
  console.log(
    below
      ? `\n${below} target type(s) below 0.95`
      : '\nevery checksum/pattern type ≥ 0.95 precision and recall',
  );
}

/** The model recognizer's cost, when PII_MODEL names a model folder. */
async function modelCost() {
  const path = process.env.PII_MODEL;
  if (!path) return;
  const { loadPiiModel } = await import('../dist/text/pii/model.js');
  const t0 = performance.now();
  const model = await loadPiiModel({ path });
  const load = (performance.now() - t0) / 1000;
  const { records } = generatePiiText(200_000, 7);
  const bytes = records.reduce((a, r) => a + Buffer.byteLength(r), 0);
  await model.find(records[0]); // warm up
  const c0 = process.cpuUsage();
  const t1 = performance.now();
  let found = 0;
  for (const r of records) found += (await model.find(r)).length;
  const wall = (performance.now() - t1) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(
    `model ${path} (loaded in ${load.toFixed(1)} s): ${records.length} records, ${(bytes / 1e3).toFixed(0)} KB in ${wall.toFixed(2)} s wall, ${(bytes / 1e6 / wall).toFixed(3)} MB/s, ${(bytes / 1e6 / cpu).toFixed(3)} MB per CPU-second (ONNX Runtime may use several threads), ${((wall * 1000) / records.length).toFixed(1)} ms/record, ${found} findings`,
  );
  modelCliCost(path);
}

/** `tandem pii --json --model` over ~1 MB of the bench text: the CLI's cost with the model on. */
function modelCliCost(modelPath) {
  const { records } = generatePiiText(1e6, 7);
  const file = path.join(os.tmpdir(), `tandem-pii-model-bench-${process.pid}.jsonl`);
  writeFileSync(file, `${records.map((text, id) => JSON.stringify({ id, text })).join('\n')}\n`);
  const cli = fileURLToPath(new URL('../dist/bin/tandem.js', import.meta.url));
  const fileBytes = statSync(file).size;
  try {
    const c0 = childCpuSeconds();
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [cli, 'pii', file, '--json', '--model', modelPath], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const wall = (performance.now() - t0) / 1000;
    const cpu = c0 === undefined ? undefined : childCpuSeconds() - c0;
    const perCpu = cpu
      ? `, ${(fileBytes / 1e6 / cpu).toFixed(3)} MB per CPU-second (${cpu.toFixed(1)} s CPU)`
      : '';
    console.log(
      `tandem pii --json --model (CLI, exit ${run.status}): ${records.length} records, ${(fileBytes / 1e6).toFixed(2)} MB of JSONL in ${wall.toFixed(1)} s wall (start-up and the model's load included), ${(fileBytes / 1e6 / wall).toFixed(3)} MB/s${perCpu}; load average ${os.loadavg()[0].toFixed(1)}`,
    );
  } finally {
    rmSync(file, { force: true });
  }
}

console.log(`machine: ${machine()}`);
speed();
await modelCost();
phoneCost();
await quality();
