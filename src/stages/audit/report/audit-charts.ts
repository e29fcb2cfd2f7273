import type { TopLevelSpec } from 'vega-lite';
import type { StoredAudit } from '../../../store/audits.js';
import type { CounterfactualResults } from '../counterfactual/run-counterfactual.js';
import type { DriftResults } from '../drift.js';
import type { FactualResults } from '../factual-estimate.js';
import type { RepresentationResults } from '../representation.js';
import { driftChart, errorRateChart, flagCharts, heatmap, sharesChart, shiftChart, toSvg } from './charts.js';

/**
 * The charts of one stored audit, the report's views (`tandem report`) for the app's Audits page:
 * shares against targets, coverage heat maps and flag rates per group of a representation audit,
 * the error rate with its interval of a factual one, the drift of a drift audit, the score shifts
 * of a counterfactual probe. Rendered to SVG on the server (the app ships no chart library), from
 * the same Vega-Lite specs as the report; Vega escapes every text it draws.
 */

export interface AuditChart {
  title: string;
  spec: TopLevelSpec;
}

/** At most this many charts per audit: a dataset with many dimensions still gives a readable page. */
const MAX_CHARTS = 24;

export function auditCharts(a: StoredAudit): AuditChart[] {
  if (!a.results) return [];
  const out: AuditChart[] = [];
  const add = (title: string, spec: TopLevelSpec | null) => {
    if (spec) out.push({ title, spec });
  };
  switch (a.kind) {
    case 'representation': {
      const r = a.results as RepresentationResults;
      for (const d of r.dimensions) add(`${d.name}: share of records`, sharesChart(d));
      for (const t of r.crossTabs.slice(0, 3)) add(`${t.a} × ${t.b}: records per cell`, heatmap(t));
      for (const c of flagCharts(r)) add(c.title, c.spec);
      break;
    }
    case 'factual':
      add('Factual error rate', errorRateChart(a.results as FactualResults));
      break;
    case 'drift':
      add('Drift per dimension', driftChart(a.results as DriftResults));
      break;
    case 'counterfactual':
      add('Judge score shift per swap', shiftChart(a.results as CounterfactualResults));
      break;
  }
  return out.slice(0, MAX_CHARTS);
}

/** Chart `index` (from 1) of the audit as SVG; null when there is no such chart. */
export async function auditChartSvg(a: StoredAudit, index: number): Promise<string | null> {
  const chart = auditCharts(a)[index - 1];
  return chart ? toSvg(chart.spec) : null;
}
