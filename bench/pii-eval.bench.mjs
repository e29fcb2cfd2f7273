// PII detection quality on Tandem's own labelled sets (bench/data/pii-eval-{tune,held}.jsonl.gz, built by
// bench/lib/pii-eval-gen.mjs): precision, recall and F1 per entity type and per language, and micro F1,
// at the default threshold, rules only. `held` is the held-out set (never tuned on); `tune` the other.
// A finding matches a labelled span when the type is the same and they overlap by at least half of the
// longer of the two; each label matches at most one finding. A finding of a type that was not labelled
// there (a phone number read as an NHS number, a city read as a PERSON) is a false positive of its type.
// Usage: npm run build && npm run bench -- pii-eval [held|tune|both] [--misses N]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyze } from '../dist/text/pii/index.js';
import { evalFile } from './lib/pii-eval-gen.mjs';

const args = process.argv.slice(2).filter((a) => a !== 'pii-eval');
const which = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'held';
const missesAt = args.indexOf('--misses');
const showMisses = missesAt >= 0 ? Number(args[missesAt + 1] ?? 10) : 0;
const sets = which === 'both' ? ['tune', 'held'] : [which];

const load = (set) =>
  gunzipSync(readFileSync(evalFile(set)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

const overlap = (a, b) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const matches = (g, p) =>
  g.type === p.type && overlap(g, p) * 2 >= Math.max(g.end - g.start, p.end - p.start);

function score(records) {
  const tally = new Map(); // key → {tp, fp, fn}
  const bump = (k, f) => {
    let t = tally.get(k);
    if (!t) {
      t = { tp: 0, fp: 0, fn: 0 };
      tally.set(k, t);
    }
    t[f]++;
  };
  const misses = [];
  const falses = [];
  let chars = 0;
  const t0 = performance.now();
  for (const rec of records) {
    chars += rec.text.length;
    const found = analyze(rec.text);
    const used = new Set();
    for (const g of rec.spans) {
      const i = found.findIndex((p, j) => !used.has(j) && matches(g, p));
      const f = i >= 0 ? 'tp' : 'fn';
      if (i >= 0) used.add(i);
      else misses.push(`${g.type} ${rec.lang} ${JSON.stringify(g.text)} in ${JSON.stringify(rec.text)}`);
      for (const k of ['all', `t:${g.type}`, `l:${rec.lang}`, `tl:${g.type}:${rec.lang}`]) bump(k, f);
    }
    found.forEach((p, j) => {
      if (used.has(j)) return;
      falses.push(
        `${p.type} ${rec.lang} ${JSON.stringify(p.text)} ${p.score} in ${JSON.stringify(rec.text)}`,
      );
      for (const k of ['all', `t:${p.type}`, `l:${rec.lang}`, `tl:${p.type}:${rec.lang}`]) bump(k, 'fp');
    });
  }
  return { tally, misses, falses, chars, ms: performance.now() - t0 };
}

const prf = ({ tp, fp, fn }) => {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0, n: tp + fn };
};
const f3 = (x) => x.toFixed(3);

for (const set of sets) {
  const records = load(set);
  const { tally, misses, falses, chars, ms } = score(records);
  const all = prf(tally.get('all'));
  console.log(
    `\n${set === 'held' ? 'held-out' : 'tuning'} set: ${records.length} sentences, ${all.n} labelled spans (${(ms / 1000).toFixed(2)} s for ${(chars / 1e3).toFixed(0)}k chars)`,
  );
  console.log('\n| type | precision | recall | F1 | labelled |\n|---|---|---|---|---|');
  const types = [...tally.keys()].filter((k) => k.startsWith('t:')).sort();
  for (const k of types) {
    const s = prf(tally.get(k));
    console.log(`| ${k.slice(2)} | ${f3(s.p)} | ${f3(s.r)} | ${f3(s.f)} | ${s.n} |`);
  }
  console.log(`| **micro** | **${f3(all.p)}** | **${f3(all.r)}** | **${f3(all.f)}** | ${all.n} |`);
  const langs = [...tally.keys()].filter((k) => k.startsWith('l:')).map((k) => k.slice(2));
  console.log(
    '\n| language | precision | recall | F1 | PERSON R | LOCATION R | DATE_TIME R | PHONE R |\n|---|---|---|---|---|---|---|---|',
  );
  for (const l of langs) {
    const s = prf(tally.get(`l:${l}`));
    const rec = (t) => {
      const x = tally.get(`tl:${t}:${l}`);
      return x && x.tp + x.fn ? f3(prf(x).r) : '–';
    };
    console.log(
      `| ${l} | ${f3(s.p)} | ${f3(s.r)} | ${f3(s.f)} | ${rec('PERSON')} | ${rec('LOCATION')} | ${rec('DATE_TIME')} | ${rec('PHONE_NUMBER')} |`,
    );
  }
  if (showMisses) {
    console.log(`\nmissed (first ${showMisses} of ${misses.length}):`);
    for (const m of misses.slice(0, showMisses)) console.log(`  ${m}`);
    console.log(`\nfalse positives (first ${showMisses} of ${falses.length}):`);
    for (const m of falses.slice(0, showMisses)) console.log(`  ${m}`);
  }
}
