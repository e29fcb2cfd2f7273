import { badInput } from '../../../core/errors.js';
import type { CombinationSpec, SamplerSpec } from './schema.js';
import { categoryEntries, subcategoryEntries, weightedEntries } from './values.js';

/** The value combinations one `combinations` entry asks for, counted exactly before any is listed. */
export interface CombinationDomain {
  /** The combination's columns, each subcategory after its parent. */
  columns: readonly string[];
  /** How many combinations there are. */
  count: number;
  /** Every combination, row-major: combination k's value for `columns[c]` is at k · columns.length + c. */
  enumerate(): string[];
}

/**
 * The combinations of `spec.columns`' values. Category values marked rare are left out unless
 * `include_rare`; a subcategory contributes only the values listed under its parent's value, so only
 * combinations that sampling could produce are asked for.
 */
export function combinationDomain(
  spec: CombinationSpec,
  samplers: ReadonlyMap<string, SamplerSpec>,
  where: string,
): CombinationDomain {
  const listed = spec.columns.map((name) => {
    const s = samplers.get(name);
    if (!s) throw badInput(`${where}: no sampler column '${name}'`);
    if (s.sampler !== 'category' && s.sampler !== 'subcategory' && s.sampler !== 'language')
      throw badInput(
        `${where}: '${name}' is a ${s.sampler} sampler; combinations take category, subcategory or language columns`,
      );
    if (s.sampler === 'subcategory' && !spec.columns.includes(s.parent))
      throw badInput(
        `${where}: subcategory '${name}' needs its parent '${s.parent}' in the same combination`,
      );
    return { name, spec: s };
  });

  // Parents first, so each subcategory's domain is known when its turn comes.
  const ordered: typeof listed = [];
  while (ordered.length < listed.length) {
    const before = ordered.length;
    for (const c of listed)
      if (
        !ordered.includes(c) &&
        (c.spec.sampler !== 'subcategory' || ordered.some((o) => o.name === parentOf(c.spec)))
      )
        ordered.push(c);
    if (ordered.length === before) throw badInput(`${where}: the subcategories' parents form a cycle`);
  }
  const parentPos = ordered.map((c) =>
    c.spec.sampler === 'subcategory' ? ordered.findIndex((o) => o.name === parentOf(c.spec)) : -1,
  );

  const domain = (p: number, parentValue: string | undefined): string[] => {
    const { name, spec: s } = ordered[p]!;
    if (s.sampler === 'category') {
      const values = categoryEntries(s)
        .filter((e) => spec.include_rare || !e.rare)
        .map((e) => e.value);
      if (values.length === 0)
        throw badInput(`${where}: every value of '${name}' is rare; set include_rare to combine rare values`);
      return values;
    }
    if (s.sampler === 'language') return weightedEntries(s.values).map((e) => e.value);
    if (s.sampler !== 'subcategory' || parentValue === undefined)
      throw new Error('unreachable: domain order');
    const entries = subcategoryEntries(s, parentValue);
    if (!entries)
      throw badInput(`${where}: subcategory '${name}' has no values for '${s.parent}' = '${parentValue}'`);
    return entries.map((e) => e.value);
  };

  // Exact count over the parent → subcategory forest: a value's count is the product, over its
  // children, of the children's summed counts under it. Memoised, so it never walks the combinations.
  const children = ordered.map((_, p) => parentPos.flatMap((q, c) => (q === p ? [c] : [])));
  const memo = new Map<string, number>();
  const countUnder = (p: number, value: string): number => {
    const key = `${p}\u0000${value}`;
    let n = memo.get(key);
    if (n === undefined) {
      n = 1;
      for (const ch of children[p]!) n *= domain(ch, value).reduce((s, w) => s + countUnder(ch, w), 0);
      memo.set(key, n);
    }
    return n;
  };
  let count = 1;
  parentPos.forEach((q, p) => {
    if (q < 0) count *= domain(p, undefined).reduce((s, v) => s + countUnder(p, v), 0);
  });

  const enumerate = (): string[] => {
    const out: string[] = [];
    const chosen: string[] = new Array(ordered.length);
    const walk = (p: number): void => {
      if (p === ordered.length) {
        out.push(...chosen);
        return;
      }
      const q = parentPos[p]!;
      for (const v of domain(p, q < 0 ? undefined : chosen[q])) {
        chosen[p] = v;
        walk(p + 1);
      }
    };
    walk(0);
    return out;
  };

  return { columns: ordered.map((c) => c.name), count, enumerate };
}

const parentOf = (s: SamplerSpec): string | undefined => (s.sampler === 'subcategory' ? s.parent : undefined);
