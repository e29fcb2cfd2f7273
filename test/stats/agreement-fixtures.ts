import { seededRandom } from '../../src/core/random.js';
import type { Judgement } from '../../src/stats/agreement/index.js';

/** Judgements from a table with one row per annotator and one column per item; null is missing. */
export function fromRows(rows: Record<string, (number | string | null)[]>): Judgement[] {
  const out: Judgement[] = [];
  for (const [annotator, values] of Object.entries(rows))
    values.forEach((value, i) => {
      out.push({ item: `u${i + 1}`, annotator, value });
    });
  return out;
}

/**
 * Judgements from counts per item and category (`counts[i][j]` raters put item i in category j + 1),
 * as Fleiss' kappa tables are published. Raters are named by position within the item.
 */
export function fromCounts(counts: number[][]): Judgement[] {
  const out: Judgement[] = [];
  counts.forEach((row, i) => {
    let rater = 0;
    row.forEach((n, j) => {
      for (let r = 0; r < n; r++) out.push({ item: i, annotator: `r${rater++}`, value: j + 1 });
    });
  });
  return out;
}

/** Two annotators' judgements from a contingency table: `table[i][j]` items got i + 1 from A and j + 1 from B. */
export function fromTable(
  table: number[][],
  values: (i: number) => number | string = (i) => i + 1,
): Judgement[] {
  const out: Judgement[] = [];
  let item = 0;
  table.forEach((row, i) => {
    row.forEach((n, j) => {
      for (let r = 0; r < n; r++) {
        out.push({ item, annotator: 'A', value: values(i) });
        out.push({ item, annotator: 'B', value: values(j) });
        item++;
      }
    });
  });
  return out;
}

/**
 * Random judgements: each item has a true value from `scale`; each annotator gives it with
 * probability `agree`, else a random value from the scale, and skips the item with probability `missing`.
 */
export function randomJudgements(options: {
  items: number;
  annotators: number;
  scale: readonly (number | string)[];
  agree?: number;
  missing?: number;
  seed?: number;
}): Judgement[] {
  const r = seededRandom(options.seed ?? 7);
  const { scale } = options;
  const out: Judgement[] = [];
  for (let i = 0; i < options.items; i++) {
    const truth = scale[r.below(scale.length)]!;
    for (let a = 0; a < options.annotators; a++) {
      if (r.float() < (options.missing ?? 0)) continue;
      const value = r.float() < (options.agree ?? 0.6) ? truth : scale[r.below(scale.length)]!;
      out.push({ item: i, annotator: `a${a}`, value });
    }
  }
  return out;
}
