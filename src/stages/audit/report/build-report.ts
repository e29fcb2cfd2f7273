import { renameSync, writeFileSync } from 'node:fs';
import type { Actor } from '../../../core/actor.js';
import type { Store } from '../../../store/store.js';
import type { CounterfactualResults } from '../counterfactual/run-counterfactual.js';
import type { DriftResults } from '../drift.js';
import { refreshFactual } from '../factual.js';
import type { FactualResults } from '../factual-estimate.js';
import type { RepresentationResults } from '../representation.js';
import { representationAudit } from '../run-representation.js';
import { driftChart, errorRateChart, flagCharts, heatmap, sharesChart, shiftChart, toSvg } from './charts.js';

/**
 * `tandem report`: one self-contained HTML file (no script, no network) of a dataset's audits: the
 * representation computed now (distributions against targets and a recipe's combination minimums,
 * coverage heat maps, rates per group, identity terms), and the newest factual, drift and
 * counterfactual audits. Charts are SVG rendered from Vega-Lite
 * specs over aggregates; every text from records (values, terms) is escaped.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const pct = (x: number | null | undefined) => (x == null ? '–' : `${(x * 100).toFixed(1)}%`);

function table(head: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number, tag: string) => `<${tag}>${escapeHtml(String(v))}</${tag}>`;
  return `<table><thead><tr>${head.map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v) => cell(v, 'td')).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const figure = (svg: string) => `<figure>${svg}</figure>`;

export async function buildReport(
  store: Store,
  dataset: string,
  options: { out: string; release?: string; recipeFile?: string; actor: Actor },
): Promise<{ bytes: number; records: number }> {
  const d = await store.datasets.get(dataset);
  const rep = await representationAudit(store, dataset, {
    ...(options.release ? { release: options.release } : {}),
    ...(options.recipeFile ? { recipeFile: options.recipeFile } : {}),
    descriptors: {},
    actor: options.actor,
    store: false,
  });
  const r: RepresentationResults = rep.results;
  const audits = await store.audits.list({ datasetId: d.id, kinds: ['factual', 'drift', 'counterfactual'] });
  const factual = audits.find((a) => a.kind === 'factual');
  const f: FactualResults | null = factual ? await refreshFactual(store, factual.id) : null;
  const drift = audits.find((a) => a.kind === 'drift')?.results as DriftResults | undefined;
  const probe = audits.find((a) => a.kind === 'counterfactual')?.results as CounterfactualResults | undefined;

  const parts: string[] = [];
  parts.push(
    `<h1>Audit report: ${escapeHtml(dataset)}${options.release ? ` (release ${escapeHtml(options.release)})` : ''}</h1>`,
  );
  parts.push(`<p>${r.records} records · generated ${escapeHtml(new Date().toISOString())}</p>`);
  parts.push('<h2>Representation</h2>');
  for (const dim of r.dimensions) {
    parts.push(`<h3>${escapeHtml(dim.name)}</h3>`);
    if (dim.fit)
      parts.push(
        `<p>Against the recipe's targets: total variation distance ${dim.fit.tvd.toFixed(3)}${dim.fit.chiSquare ? `, chi-square p = ${dim.fit.chiSquare.pValue.toPrecision(3)}` : ''}.</p>`,
      );
    parts.push(figure(await toSvg(sharesChart(dim))));
  }
  for (const t of r.crossTabs.slice(0, 3)) {
    parts.push(figure(await toSvg(heatmap(t))));
    if (t.underCovered.length)
      parts.push(
        `<p>${t.underCoveredTotal} of ${t.cells} cells below ${r.minCell} records, fewest first:</p>` +
          table(
            [t.a, t.b, 'records'],
            t.underCovered.slice(0, 20).map((c) => [c.a, c.b, c.count]),
          ),
      );
  }
  for (const c of r.combinations ?? [])
    parts.push(
      `<p>${escapeHtml(c.columns.join(' × '))}: ${c.underCoveredTotal} of ${c.combinations} combinations below the recipe's minimum of ${c.min}${c.truncated ? ' (only combinations seen were checked)' : ''}.</p>` +
        (c.underCovered.length
          ? table(
              [...c.columns, 'records'],
              c.underCovered.slice(0, 20).map((u) => [...u.values, u.count]),
            )
          : ''),
    );
  parts.push('<h2>Flags and review per group</h2>');
  for (const c of flagCharts(r)) parts.push(figure(await toSvg(c.spec)));
  const disp = r.disparities.filter((x) => x.separated).slice(0, 15);
  if (disp.length)
    parts.push(
      table(
        ['dimension', 'rate', 'highest', 'lowest', 'ratio'],
        disp.map((x) => [
          x.dimension,
          x.metric,
          `${x.highest.value} ${pct(x.highest.rate)}`,
          `${x.lowest.value} ${pct(x.lowest.rate)}`,
          x.ratio ? `${x.ratio.toFixed(1)}×` : '–',
        ]),
      ),
    );
  if (r.descriptors) {
    parts.push('<h2>Identity terms</h2>');
    parts.push(
      table(
        ['axis', 'records', 'share'],
        r.descriptors.axes.map((a) => [a.axis, a.records, pct(a.share)]),
      ),
    );
    parts.push(
      table(
        ['term', 'language', 'records', 'most associated words (nPMI)'],
        r.descriptors.terms.slice(0, 30).map((t) => [
          t.term,
          t.language,
          t.records,
          t.topWords
            .slice(0, 6)
            .map((w) => `${w.word} ${w.npmi.toFixed(2)}`)
            .join(', '),
        ]),
      ),
    );
  }
  if (f) {
    parts.push('<h2>Factual accuracy</h2>');
    parts.push(
      `<p>${f.audited} of ${f.sampled} sampled records audited, ${f.incorrect} incorrect.${f.plan ? ` ISO 2859-1 (AQL ${f.plan.aql}): ${escapeHtml(f.plan.decision)}.` : ''}</p>`,
    );
    const chart = errorRateChart(f);
    if (chart) parts.push(figure(await toSvg(chart)));
  }
  if (drift) {
    parts.push(`<h2>Drift since ${escapeHtml(drift.from.version)}</h2>`);
    const chart = driftChart(drift);
    if (chart) parts.push(figure(await toSvg(chart)));
    parts.push(
      table(
        ['dimension', 'JS distance', 'new values', 'vanished values'],
        drift.dimensions.map((x) => [
          x.name,
          x.jsDistance?.toFixed(3) ?? '–',
          x.newValues.join(', '),
          x.vanishedValues.join(', '),
        ]),
      ),
    );
  }
  if (probe) {
    parts.push('<h2>Counterfactual probe of the judge</h2>');
    parts.push(
      `<p>${escapeHtml(probe.judge.provider)} on ${probe.sampled} records with swapped names, gendered words or group terms: mean shift of the normalised score, y side − x side (names and gendered words: feminine − masculine).</p>`,
    );
    parts.push(
      table(
        ['swap', 'records', 'mean shift', '95% interval', 'flagged'],
        probe.swaps.map((x) => [
          x.type,
          x.n,
          x.mean.toFixed(3),
          `[${x.lo.toFixed(3)}, ${x.hi.toFixed(3)}]`,
          x.flagged ? 'yes: the judge scores one side differently' : 'no',
        ]),
      ),
    );
    const chart = shiftChart(probe);
    if (chart) parts.push(figure(await toSvg(chart)));
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Audit report: ${escapeHtml(dataset)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
figure{margin:1rem 0}svg{max-width:100%;height:auto}</style></head>
<body>${parts.join('\n')}</body></html>
`;
  const partial = `${options.out}.partial`;
  writeFileSync(partial, html);
  renameSync(partial, options.out);
  return { bytes: Buffer.byteLength(html), records: r.records };
}
