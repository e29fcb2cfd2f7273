/** Vega-Lite specs of the progress charts (plain objects: no chart library is loaded to build them). */
import type { VisualizationSpec } from 'vega-embed';

export type ChartSpec = VisualizationSpec;

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  height: { step: 24 },
  background: 'transparent',
  config: { font: 'system-ui, "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", sans-serif' },
} as const;

/** Counts: whole-number ticks only. */
const countAxis = { tickMinStep: 1, format: 'd' } as const;

/** A horizontal bar chart of `rows`, one bar per row, with a tooltip; `encoding` says which field goes where. */
function bars(description: string, rows: object[], width: number, encoding: object): ChartSpec {
  return {
    ...base,
    width,
    description,
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding,
  } as ChartSpec;
}

export function submittedSpec(rows: { annotator: string; submitted: number }[], width = 360): ChartSpec {
  return bars('Submitted responses per annotator', rows, width, {
    y: { field: 'annotator', type: 'nominal', sort: '-x', title: 'Annotator' },
    x: { field: 'submitted', type: 'quantitative', title: 'Submitted', axis: countAxis },
  });
}

export function statusSpec(rows: { status: string; records: number }[], width = 360): ChartSpec {
  return bars('Records per status', rows, width, {
    y: { field: 'status', type: 'nominal', sort: null, title: 'Status' },
    x: { field: 'records', type: 'quantitative', title: 'Records', axis: countAxis },
    color: { field: 'status', type: 'nominal', legend: null },
  });
}
