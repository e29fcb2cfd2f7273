/** Ranking answers: an ordered list of option values, sent as `[{value, rank}]` with ranks 1..n. */
import type { Option, RankingValue } from '../api/types.js';

/** The order to show: the answer's ranks when it ranks every option, else the options' order. */
export function orderFromValue(options: Option[], value: unknown): string[] {
  const values = options.map((o) => o.value);
  if (!Array.isArray(value)) return values;
  const ranked = (value as RankingValue).filter(
    (r) => r && typeof r.value === 'string' && typeof r.rank === 'number',
  );
  const known = new Set(values);
  const seen = new Set<string>();
  const ordered = [...ranked]
    .sort((a, b) => a.rank - b.rank)
    .map((r) => r.value)
    .filter((v) => known.has(v) && !seen.has(v) && seen.add(v));
  // Options the answer does not mention go last, in their settings order.
  return [...ordered, ...values.filter((v) => !seen.has(v))];
}

export function toRanking(order: string[]): RankingValue {
  return order.map((value, i) => ({ value, rank: i + 1 }));
}

/** Move the item at `index` by `delta` places, clamped to the list; the same list when it cannot move. */
export function moveItem<T>(list: T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  if (index < 0 || index >= list.length || to === index) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}
