import type { Random } from '../../../core/random.js';

export interface Entry {
  value: string;
  weight: number;
}

/** A weighted choice prepared once per spec: cumulative weights, searched by bisection per draw. */
export interface Distribution {
  readonly values: readonly string[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

export function distribution(entries: readonly Entry[]): Distribution {
  if (entries.length === 0) throw new RangeError('a distribution needs at least one value');
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach((e, i) => {
    total += e.weight;
    cumulative[i] = total;
  });
  return { values: entries.map((e) => e.value), cumulative, total };
}

export function draw(d: Distribution, random: Random): string {
  const x = random.float() * d.total;
  let lo = 0;
  let hi = d.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d.cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return d.values[lo]!;
}

/** The probability of each value, in the distribution's order. */
export function shares(entries: readonly Entry[]): Map<string, number> {
  const total = entries.reduce((s, e) => s + e.weight, 0);
  return new Map(entries.map((e) => [e.value, total > 0 ? e.weight / total : 0]));
}
