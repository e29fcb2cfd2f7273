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

export function submittedSpec(rows: { annotator: string; submitted: number }[], width = 360): ChartSpec {
  return {
    ...base,
    width,
    description: 'Submitted responses per annotator',
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'annotator', type: 'nominal', sort: '-x', title: 'Annotator' },
      x: { field: 'submitted', type: 'quantitative', title: 'Submitted', axis: countAxis },
    },
  } as ChartSpec;
}

export function statusSpec(rows: { status: string; records: number }[], width = 360): ChartSpec {
  return {
    ...base,
    width,
    description: 'Records per status',
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'status', type: 'nominal', sort: null, title: 'Status' },
      x: { field: 'records', type: 'quantitative', title: 'Records', axis: countAxis },
      color: { field: 'status', type: 'nominal', legend: null },
    },
  } as ChartSpec;
}
