import { type NamedSampler, samplerSpec } from '../../../../src/stages/generate/samplers/schema.js';

/** Parses a sampler spec as a recipe would, and names it. */
export function column(name: string, spec: Record<string, unknown>): NamedSampler {
  return { ...samplerSpec.parse(spec), name };
}

/** Counts of each value. */
export function tally(values: readonly unknown[]): Map<unknown, number> {
  const m = new Map<unknown, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
