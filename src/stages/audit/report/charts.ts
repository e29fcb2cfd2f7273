import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { CounterfactualResults } from '../counterfactual/run-counterfactual.js';
import type { DriftResults } from '../drift.js';
import type { FactualResults } from '../factual-estimate.js';
import type { RepresentationResults } from '../representation.js';

/**
 * The report's charts as Vega-Lite specs over aggregated data (never records), rendered here to SVG
 * so the report needs no script and no network. Vega escapes every text it draws.
 */

const MAX_BARS = 40;

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Shares per value of a dimension, with the recipe's target as a tick where there is one. */
export function sharesChart(d: RepresentationResults['dimensions'][number]): TopLevelSpec {
  const values = d.values
    .slice(0, MAX_BARS)
    .map((v) => ({ value: v.value, share: v.share, target: v.target }));
  const y = { field: 'value', type: 'nominal' as const, sort: null, title: d.name };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${d.name}: share of records${d.fit ? ' (ticks: the recipe’s targets)' : ''}`,
    width: 420,
    data: { values },
    layer: [
      { mark: 'bar', encoding: { y, x: { field: 'share', type: 'quantitative', axis: { format: '%' } } } },
      ...(d.fit
        ? [
            {
              mark: { type: 'tick' as const, color: '#d62728', thickness: 2 },
              encoding: { y, x: { field: 'target', type: 'quantitative' as const } },
            },
          ]
        : []),
    ],
  };
}

/** Records per cell of a cross tabulation. */
export function heatmap(t: RepresentationResults['crossTabs'][number]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${t.a} × ${t.b}: records per cell`,
    data: { values: t.counts.slice(0, 900) },
    mark: 'rect',
    encoding: {
      x: { field: 'b', type: 'nominal', title: t.b },
      y: { field: 'a', type: 'nominal', title: t.a },
      color: { field: 'count', type: 'quantitative', scale: { type: 'log' } },
      tooltip: [{ field: 'count', type: 'quantitative' }],
    },
  };
}

/** A rate per group with its interval: flag rates, rejection rates, error rates. */
export function rateChart(
  title: string,
  rows: { group: string; rate: number; lo: number; hi: number }[],
): TopLevelSpec {
  const y = { field: 'group', type: 'nominal' as const, sort: null, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 420,
    data: { values: rows.slice(0, MAX_BARS) },
    layer: [
      {
        mark: 'rule',
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', axis: { format: '%' }, title: 'rate (95% interval)' },
          x2: { field: 'hi' },
        },
      },
      { mark: { type: 'point', filled: true }, encoding: { y, x: { field: 'rate', type: 'quantitative' } } },
    ],
  };
}

export function flagCharts(r: RepresentationResults): { title: string; spec: TopLevelSpec }[] {
  const d = r.dimensions[0];
  if (!d) return [];
  const checks = Object.keys(r.overall.flags);
  const out: { title: string; spec: TopLevelSpec }[] = [];
  for (const check of [...checks.map((c) => `flag:${c}`), 'rejection']) {
    const rows = d.values.flatMap((v) => {
      const rate = check === 'rejection' ? v.metrics.rejection : v.metrics.flags[check.slice(5)];
      return rate?.rate != null && rate.ci
        ? [{ group: v.value, rate: rate.rate, lo: rate.ci[0], hi: rate.ci[1] }]
        : [];
    });
    if (rows.length < 2) continue;
    const title =
      check === 'rejection' ? `Rejection rate per ${d.name}` : `${check.slice(5)} flag rate per ${d.name}`;
    out.push({ title, spec: rateChart(title, rows) });
  }
  return out;
}

export function errorRateChart(f: FactualResults): TopLevelSpec | null {
  const rows = f.strata.flatMap((s) =>
    s.errorRate ? [{ group: s.key, rate: s.errorRate.estimate, lo: s.errorRate.lo, hi: s.errorRate.hi }] : [],
  );
  if (f.errorRate)
    rows.unshift({
      group: 'overall (stratified)',
      rate: f.errorRate.estimate,
      lo: f.errorRate.lo,
      hi: f.errorRate.hi,
    });
  if (f.ppi)
    rows.unshift({ group: 'overall (PPI with the judge)', rate: f.ppi.estimate, lo: f.ppi.lo, hi: f.ppi.hi });
  return rows.length ? rateChart('Factual error rate', rows) : null;
}

/** Jensen–Shannon distance per dimension between two versions (0: the same distribution, 1: disjoint). */
export function driftChart(d: DriftResults): TopLevelSpec | null {
  const rows = d.dimensions.flatMap((x) =>
    x.jsDistance === null ? [] : [{ name: x.name, js: x.jsDistance }],
  );
  if (!rows.length) return null;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Drift from ${d.from.version} to ${d.to.version ?? 'now'}: Jensen–Shannon distance per dimension`,
    width: 420,
    data: { values: rows.slice(0, MAX_BARS) },
    mark: 'bar',
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      x: { field: 'js', type: 'quantitative', scale: { domain: [0, 1] }, title: 'JS distance' },
    },
  };
}

/** The judge's mean score shift per swap type with its interval (0: no preference). */
export function shiftChart(r: CounterfactualResults): TopLevelSpec | null {
  const rows = r.swaps
    .filter((s) => s.n > 0)
    .map((s) => ({ group: s.type, rate: s.mean, lo: s.lo, hi: s.hi }));
  if (!rows.length) return null;
  const y = { field: 'group', type: 'nominal' as const, sort: null, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Judge score shift when terms are swapped (y side − x side, 95% interval)',
    width: 420,
    data: { values: rows },
    layer: [
      { mark: { type: 'rule', color: '#999' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      {
        mark: 'rule',
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', title: 'shift in normalised score' },
          x2: { field: 'hi' },
        },
      },
      { mark: { type: 'point', filled: true }, encoding: { y, x: { field: 'rate', type: 'quantitative' } } },
    ],
  };
}
