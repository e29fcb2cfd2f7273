import { badInput } from '../../core/errors.js';

/**
 * Categorical labels for many items in compact form: one (item, annotator, label) triple per answer,
 * all as integer codes. Items, annotators and classes are numbered from 0; a class code is the
 * index of the option in the question's settings. An annotator may label an item more than once
 * (Dawid & Skene's first anaesthetist rated every patient three times); an item may have no labels.
 */
export interface LabelTriples {
  items: number;
  annotators: number;
  classes: number;
  item: Int32Array;
  annotator: Int32Array;
  label: Int32Array;
}

/** Triples grouped by item (compressed sparse rows): item i owns entries start[i] … start[i + 1] - 1. */
export interface ItemRows {
  start: Int32Array;
  annotator: Int32Array;
  label: Int32Array;
}

const isCount = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0x7fffffff;

/** Throws bad_input unless the sizes are consistent and every code is in range. */
export function validateTriples(t: LabelTriples): void {
  if (!isCount(t.items) || !isCount(t.annotators) || !isCount(t.classes)) {
    throw badInput('items, annotators and classes must be non-negative integers');
  }
  if (t.classes < 2) throw badInput(`need at least two classes, got ${t.classes}`);
  const n = t.item.length;
  if (t.annotator.length !== n || t.label.length !== n) {
    throw badInput(
      `item, annotator and label arrays differ in length (${n}, ${t.annotator.length}, ${t.label.length})`,
    );
  }
  for (let e = 0; e < n; e++) {
    const i = t.item[e]!;
    const a = t.annotator[e]!;
    const l = t.label[e]!;
    if (i < 0 || i >= t.items || a < 0 || a >= t.annotators || l < 0 || l >= t.classes) {
      throw badInput(`triple ${e} (item ${i}, annotator ${a}, label ${l}) is out of range`, undefined, {
        triple: e,
      });
    }
  }
}

/** Groups validated triples by item with a counting sort: O(items + triples), order kept within an item. */
export function groupByItem(t: LabelTriples): ItemRows {
  const n = t.item.length;
  const start = new Int32Array(t.items + 1);
  for (let e = 0; e < n; e++) start[t.item[e]! + 1]!++;
  for (let i = 0; i < t.items; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, t.items);
  const annotator = new Int32Array(n);
  const label = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    const slot = next[t.item[e]!]!++;
    annotator[slot] = t.annotator[e]!;
    label[slot] = t.label[e]!;
  }
  return { start, annotator, label };
}

/** Label counts per item (items × classes, row-major) from grouped rows. */
export function voteCounts(rows: ItemRows, items: number, classes: number): Int32Array {
  const counts = new Int32Array(items * classes);
  for (let i = 0; i < items; i++) {
    for (let e = rows.start[i]!; e < rows.start[i + 1]!; e++) counts[i * classes + rows.label[e]!]!++;
  }
  return counts;
}
