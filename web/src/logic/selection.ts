/** Row selection in the records table: single toggles and Shift-click ranges. */

/**
 * Toggle `target`; with `range`, every row between the last clicked row (`anchor`) and `target`
 * takes the state the target gets. Rows are identified by id, in table order.
 */
export function selectRows(
  rowIds: number[],
  selected: ReadonlySet<number>,
  target: number,
  anchor: number | null,
  range: boolean,
): Set<number> {
  const next = new Set(selected);
  const on = !selected.has(target);
  const to = rowIds.indexOf(target);
  const from = anchor === null ? -1 : rowIds.indexOf(anchor);
  if (!range || from < 0 || to < 0) {
    if (on) next.add(target);
    else next.delete(target);
    return next;
  }
  const [lo, hi] = from < to ? [from, to] : [to, from];
  for (const id of rowIds.slice(lo, hi + 1)) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** "Select all on page": all rows when any is unselected, else none of them. */
export function toggleAll(rowIds: number[], selected: ReadonlySet<number>): Set<number> {
  const all = rowIds.length > 0 && rowIds.every((id) => selected.has(id));
  const next = new Set(selected);
  for (const id of rowIds) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}
