import type {
  CounterfactualResults,
  DriftResults,
  FactualResults,
  RepresentationResults,
} from '../../stages/audit/index.js';
import type { StoredAudit } from '../../store/audits.js';

/** The human text of stored audits; `--json` prints the results themselves. */

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`;
const ci = (i: [number, number] | null | undefined) => (i ? ` [${pct(i[0])}, ${pct(i[1])}]` : '');

export function describeRepresentation(r: RepresentationResults): string {
  const lines = [`${r.records} records.`];
  for (const d of r.dimensions) {
    const fit = d.fit
      ? `  vs targets: TVD ${d.fit.tvd.toFixed(3)}${d.fit.chiSquare ? `, chi-square ${d.fit.chiSquare.statistic?.toFixed(1) ?? '∞'} (df ${d.fit.chiSquare.df}), p = ${d.fit.chiSquare.pValue.toPrecision(3)}` : ''}`
      : '';
    lines.push('', `${d.name} (${d.source})${fit}`);
    for (const v of d.values.slice(0, 15)) {
      const target = v.target === null ? '' : ` (target ${pct(v.target)})`;
      const m = v.metrics;
      const flags = Object.entries(m.flags)
        .filter(([, f]) => f.hits > 0)
        .map(([k, f]) => `${k} ${pct(f.rate)}`)
        .join(', ');
      lines.push(
        `  ${v.value.padEnd(20)} ${String(v.count).padStart(8)} ${pct(v.share).padStart(6)}${target}` +
          `  rejected ${pct(m.rejection.rate)}${m.judge.mean === null ? '' : `  judge ${m.judge.mean.toFixed(2)}`}` +
          `${m.agreement.mean === null ? '' : `  agreement ${pct(m.agreement.mean)}`}${flags ? `  flagged: ${flags}` : ''}`,
      );
    }
    if (d.values.length > 15) lines.push(`  … ${d.values.length - 15} more`);
  }
  for (const t of r.crossTabs) {
    if (t.underCoveredTotal === 0) continue;
    lines.push('', `${t.a} × ${t.b}: ${t.underCoveredTotal} of ${t.cells} cells below ${r.minCell} records`);
    for (const c of t.underCovered.slice(0, 10))
      lines.push(`  ${c.a} × ${c.b}: ${c.count} (independence would give ${c.expected.toFixed(1)})`);
  }
  for (const c of r.combinations ?? []) {
    const what = `${c.columns.join(' × ')} (recipe minimum ${c.min})`;
    if (c.underCoveredTotal === 0) {
      lines.push('', `${what}: all ${c.combinations} combinations reach it`);
      continue;
    }
    lines.push(
      '',
      `${what}: ${c.underCoveredTotal} of ${c.combinations} combinations below it${c.truncated ? ' (too many to enumerate: only combinations seen were checked)' : ''}`,
    );
    for (const u of c.underCovered.slice(0, 10)) lines.push(`  ${u.values.join(' × ')}: ${u.count}`);
  }
  const notable = r.disparities.filter((d) => d.separated).slice(0, 10);
  if (notable.length) {
    lines.push('', 'Disparities (95% intervals apart)');
    for (const d of notable)
      lines.push(
        `  ${d.dimension} ${d.metric}: ${d.highest.value} ${pct(d.highest.rate)}${ci(d.highest.ci)} vs ${d.lowest.value} ${pct(d.lowest.rate)}${ci(d.lowest.ci)}${d.ratio ? ` (${d.ratio.toFixed(1)}×)` : ''}`,
      );
  }
  const desc = r.descriptors;
  if (desc) {
    lines.push('', `Identity terms (${desc.lexicon.terms} terms in the lexicon)`);
    for (const a of desc.axes)
      lines.push(`  ${a.axis.padEnd(22)} ${String(a.records).padStart(8)} ${pct(a.share)}`);
    for (const t of desc.terms.slice(0, 10))
      lines.push(
        `  ${`${t.term} (${t.language})`.padEnd(24)} ${String(t.records).padStart(8)}  ${t.topWords
          .slice(0, 5)
          .map((w) => `${w.word} ${w.npmi.toFixed(2)}`)
          .join(', ')}`,
      );
    for (const c of desc.contrasts.slice(0, 6))
      lines.push(
        `  ${c.a} vs ${c.b} (${c.language}): ${c.towardA
          .slice(0, 5)
          .map((w) => w.word)
          .join(', ')} | ${c.towardB
          .slice(0, 5)
          .map((w) => w.word)
          .join(', ')}`,
      );
  }
  return lines.join('\n');
}

type Est = { estimate: number; lo: number; hi: number } | null;
const est = (e: Est) => (e ? `${pct(e.estimate)} [${pct(e.lo)}, ${pct(e.hi)}]` : '–');

export function describeFactual(r: FactualResults): string {
  const lines = [
    `${r.audited} of ${r.sampled} sampled records audited (${r.incorrect} incorrect, ${r.unsure} unsure, ${r.pending} waiting).`,
    `Error rate (stratified, 95%): ${est(r.errorRate)}`,
  ];
  if (r.ppi)
    lines.push(
      `Error rate with the judge (PPI++${r.ppi.method === 'stratified' ? ' per stratum, weighted by size' : ''}, λ ${r.ppi.lambda.toFixed(2)}): ${est(r.ppi)}`,
    );
  if (r.judge)
    lines.push(
      `Judge vs auditors: ${est(r.judge.accuracy)} agreement over ${r.judge.n} records (judge-only flags ${r.judge.confusion.judgeOnly}, missed ${r.judge.confusion.auditorOnly})`,
    );
  if (r.plan)
    lines.push(
      `ISO 2859-1 (AQL ${r.plan.aql}, n ${r.plan.sampleSize}, Ac ${r.plan.accept}, Re ${r.plan.reject}): ${r.plan.decision.toUpperCase()} with ${r.plan.nonconforming} incorrect`,
    );
  lines.push('', 'Strata');
  for (const s of r.strata)
    lines.push(
      `  ${s.key.padEnd(40)} ${String(s.audited).padStart(5)}/${String(s.sampled).padEnd(5)} of ${String(s.size).padEnd(8)} ${est(s.errorRate)}${s.ppi ? `  PPI ${est(s.ppi)}` : ''}`,
    );
  for (const n of r.notes) lines.push(`Note: ${n}`);
  return lines.join('\n');
}

export function describeDrift(r: DriftResults): string {
  const lines = [
    `From ${r.from.version} (${r.from.records} records) to ${r.to.version ?? 'now'} (${r.to.records} records)`,
  ];
  for (const d of r.dimensions)
    lines.push(
      `  ${d.name.padEnd(20)} JS distance ${d.jsDistance === null ? '–' : d.jsDistance.toFixed(3)}${d.newValues.length ? `  new: ${d.newValues.slice(0, 8).join(', ')}` : ''}${d.vanishedValues.length ? `  vanished: ${d.vanishedValues.slice(0, 8).join(', ')}` : ''}`,
    );
  const num = (x: number | null) => (x === null ? '–' : x < 1.5 ? pct(x) : x.toFixed(1));
  for (const c of r.changes) lines.push(`  ${c.metric.padEnd(28)} ${num(c.from)} → ${num(c.to)}`);
  return lines.join('\n');
}

export function describeCounterfactual(r: CounterfactualResults): string {
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  const lines = [
    `Judge ${r.judge.provider} (${r.judge.criteria.join(', ')}) on ${r.sampled} of ${r.eligible} records that mention a swappable term (${r.records} records); ${r.calls} calls, ${r.cacheHits} from the cache${r.errors ? `, ${r.errors} invalid answers left out` : ''}.`,
    'Shift = score of the y side − score of the x side (scores normalised to 0–1; names and pronouns: x masculine, y feminine).',
  ];
  for (const s of r.swaps) {
    if (s.n === 0) {
      lines.push(`  ${s.type.padEnd(9)} no record to compare`);
      continue;
    }
    lines.push(
      `  ${s.type.padEnd(9)} n ${String(s.n).padStart(4)}  mean shift ${signed(s.mean)} [${signed(s.lo)}, ${signed(s.hi)}]  (x side ${s.meanX.toFixed(3)}, ${s.changed} changed)${s.flagged ? '  FLAGGED: the judge scores one side differently' : ''}`,
    );
    for (const p of s.pairs.slice(0, 5))
      lines.push(`      ${p.pair}${p.axis ? ` (${p.axis})` : ''}: n ${p.n}, mean ${signed(p.mean)}`);
  }
  return lines.join('\n');
}

export function describeAudit(a: StoredAudit): string {
  const head = `Audit ${a.id}: ${a.kind}, ${a.status}${a.releaseVersion ? `, release ${a.releaseVersion}` : ''}, by ${a.createdBy} at ${new Date(a.createdAt).toISOString()}`;
  if (a.kind === 'representation' && a.results)
    return `${head}\n${describeRepresentation(a.results as RepresentationResults)}`;
  if (a.kind === 'drift' && a.results) return `${head}\n${describeDrift(a.results as DriftResults)}`;
  if (a.kind === 'counterfactual' && a.results)
    return `${head}\n${describeCounterfactual(a.results as CounterfactualResults)}`;
  if (a.kind === 'factual' && a.results) return `${head}\n${describeFactual(a.results as FactualResults)}`;
  return `${head}\n${JSON.stringify(a.results, null, 2)}`;
}
