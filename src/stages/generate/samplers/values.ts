import type { CategorySpec, CategoryValue, SamplerSpec, SubcategorySpec, WeightedValue } from './schema.js';
import type { Entry } from './weighted.js';

export interface CategoryEntry extends Entry {
  rare: boolean;
}

/** A value list with every weight made explicit (1 when absent). */
export function weightedEntries(values: readonly (string | WeightedValue)[]): Entry[] {
  return values.map((v) =>
    typeof v === 'string' ? { value: v, weight: 1 } : { value: v.value, weight: v.weight ?? 1 },
  );
}

/** A category's values with weights from either place they may be given, and their rare flags. */
export function categoryEntries(spec: CategorySpec): CategoryEntry[] {
  return spec.values.map((v: string | CategoryValue) => {
    const value = typeof v === 'string' ? v : v.value;
    const inline = typeof v === 'string' ? undefined : v.weight;
    return {
      value,
      weight: inline ?? spec.weights?.[value] ?? 1,
      rare: typeof v !== 'string' && v.rare === true,
    };
  });
}

/** The parent values a subcategory has a list for. */
export function subcategoryParents(spec: SubcategorySpec): string[] {
  return Object.keys(spec.values);
}

/** The values a subcategory may take under one parent value, or undefined when it has no list for it. */
export function subcategoryEntries(spec: SubcategorySpec, parentValue: string): Entry[] | undefined {
  return Object.hasOwn(spec.values, parentValue)
    ? weightedEntries(spec.values[parentValue] ?? [])
    : undefined;
}

/**
 * Every value a discrete sampler can produce (category including rare values, subcategory across all
 * parents, language), in the order the spec lists them; undefined for samplers without a value list.
 */
export function possibleValues(spec: SamplerSpec): string[] | undefined {
  switch (spec.sampler) {
    case 'category':
      return categoryEntries(spec).map((e) => e.value);
    case 'language':
      return weightedEntries(spec.values).map((e) => e.value);
    case 'subcategory': {
      const all = new Set<string>();
      for (const list of Object.values(spec.values)) for (const e of weightedEntries(list)) all.add(e.value);
      return [...all];
    }
    default:
      return undefined;
  }
}

/**
 * How a subcategory's lists match its parent's values: parent values it has no list for (`missing`, an
 * error: such a row could not be sampled) and lists for values the parent never takes (`unknown`,
 * likely a typo).
 */
export function subcategoryGaps(
  spec: SubcategorySpec,
  parentValues: readonly string[],
): { missing: string[]; unknown: string[] } {
  const parents = new Set(parentValues);
  return {
    missing: parentValues.filter((p) => !Object.hasOwn(spec.values, p)),
    unknown: subcategoryParents(spec).filter((p) => !parents.has(p)),
  };
}
