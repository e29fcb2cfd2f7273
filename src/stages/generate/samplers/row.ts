import type { CoveragePlan } from './coverage.js';
import { rowRandom, sampleColumn } from './sample.js';
import type { NamedSampler } from './schema.js';

/**
 * Fills one row's sampler columns, in recipe order, into `row` (which may already hold other columns).
 * A value the coverage plan places wins over sampling; the columns after it see it, so a subcategory
 * whose parent was placed draws from the placed parent's list.
 */
export function sampleRow(
  columns: readonly NamedSampler[],
  rowIndex: number,
  seed: number,
  plan?: CoveragePlan,
  row: Record<string, unknown> = {},
): Record<string, unknown> {
  const forced = plan?.forced(rowIndex);
  const options = { rare: plan?.rare ?? 'by-weight' } as const;
  for (const c of columns) {
    row[c.name] =
      forced && Object.hasOwn(forced, c.name)
        ? forced[c.name]
        : sampleColumn(c, row, rowRandom(seed, rowIndex, c.name), options);
  }
  return row;
}
