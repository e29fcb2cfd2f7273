import { own } from '../../../core/own.js';
import type { CategorySpec, CoverageSpec, LanguageSpec, NamedSampler, SubcategorySpec } from './schema.js';
import { categoryEntries, possibleValues, subcategoryEntries, weightedEntries } from './values.js';
import { shares } from './weighted.js';

export interface ValueCoverage {
  value: string;
  count: number;
  /** count / the column's rows. */
  share: number;
  /** The share the spec asks for (see `coverageTally`). */
  expected: number;
}

export interface ColumnCoverage {
  column: string;
  sampler: 'category' | 'subcategory' | 'language';
  /** Rows that had a string value in this column. */
  rows: number;
  /** The spec's values in its order, then any value it does not list, in the order first seen. */
  values: ValueCoverage[];
  /**
   * Shannon entropy of the observed shares divided by ln k, k the number of possible values: 1 when
   * every value came up equally often, 0 when one value took every row (or there were no rows). Read it
   * beside `maxDeviation`: a weighted spec is meant to be uneven.
   */
  evenness: number;
  /** The largest |share − expected| over the values. */
  maxDeviation: number;
}

export interface CoverageReport {
  rows: number;
  columns: ColumnCoverage[];
}

/** Counts sampler values over a stream of rows, then reports how evenly they were covered. */
export interface CoverageTally {
  add(row: Readonly<Record<string, unknown>>): void;
  report(): CoverageReport;
}

type Discrete = (CategorySpec | SubcategorySpec | LanguageSpec) & { name: string };

interface Counter {
  spec: Discrete;
  rows: number;
  counts: Map<string, number>;
  /** Subcategories: how often each parent value came with a counted child value. */
  parents: Map<string, number>;
}

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

/** Expected shares of a category: its weights, with rare values given `rareShare` between them when set. */
function categoryExpected(spec: CategorySpec, rareShare: number | undefined): Map<string, number> {
  const entries = categoryEntries(spec);
  const rare = entries.filter((e) => e.rare);
  const common = entries.filter((e) => !e.rare);
  if (rareShare === undefined || rare.length === 0 || common.length === 0) return shares(entries);
  const out = new Map<string, number>();
  for (const [v, p] of shares(common)) out.set(v, p * (1 - rareShare));
  for (const e of rare) out.set(e.value, rareShare / rare.length);
  return out;
}

/** Expected shares of a subcategory given the parent values actually seen: Σ_parent P(parent) · P(value | parent). */
function subcategoryExpected(spec: SubcategorySpec, c: Counter): Map<string, number> {
  const out = new Map<string, number>((possibleValues(spec) ?? []).map((v) => [v, 0]));
  for (const [parent, n] of c.parents) {
    const entries = subcategoryEntries(spec, parent);
    if (!entries || c.rows === 0) continue;
    for (const [v, p] of shares(entries)) out.set(v, (out.get(v) ?? 0) + (p * n) / c.rows);
  }
  return out;
}

function expectedOf(c: Counter, rareShare: number | undefined): Map<string, number> {
  const s = c.spec;
  if (s.sampler === 'category') return categoryExpected(s, rareShare);
  if (s.sampler === 'language') return shares(weightedEntries(s.values));
  return subcategoryExpected(s, c);
}

function columnCoverage(c: Counter, rareShare: number | undefined): ColumnCoverage {
  const expected = expectedOf(c, rareShare);
  const order = [...expected.keys(), ...[...c.counts.keys()].filter((v) => !expected.has(v))];
  let entropy = 0;
  let maxDeviation = 0;
  const values = order.map((value) => {
    const count = c.counts.get(value) ?? 0;
    const share = c.rows > 0 ? count / c.rows : 0;
    const exp = expected.get(value) ?? 0;
    if (share > 0) entropy -= share * Math.log(share);
    maxDeviation = Math.max(maxDeviation, Math.abs(share - exp));
    return { value, count, share, expected: exp };
  });
  const k = order.length;
  const evenness = c.rows === 0 ? 0 : k > 1 ? entropy / Math.log(k) : 1;
  return { column: c.spec.name, sampler: c.spec.sampler, rows: c.rows, values, evenness, maxDeviation };
}

/**
 * A tally over the category, subcategory and language columns among `columns` (the samplers with a
 * value list; numbers, dates, people and UUIDs have no "evenly"). Expected shares are what the specs
 * ask for: weights, rare values sharing `coverage.rare_share` when set, and for a subcategory its
 * weights under the parent values the rows actually had. Combination rows shift counts on purpose
 * and are not modelled.
 */
export function coverageTally(columns: readonly NamedSampler[], coverage?: CoverageSpec): CoverageTally {
  const counters: Counter[] = [];
  for (const c of columns)
    if (c.sampler === 'category' || c.sampler === 'subcategory' || c.sampler === 'language')
      counters.push({ spec: c, rows: 0, counts: new Map(), parents: new Map() });
  let rows = 0;
  return {
    add(row) {
      rows++;
      for (const c of counters) {
        const v = own(row, c.spec.name);
        if (typeof v !== 'string') continue;
        c.rows++;
        bump(c.counts, v);
        if (c.spec.sampler === 'subcategory') {
          const parent = own(row, c.spec.parent);
          if (typeof parent === 'string') bump(c.parents, parent);
        }
      }
    },
    report() {
      return { rows, columns: counters.map((c) => columnCoverage(c, coverage?.rare_share)) };
    },
  };
}

/** `coverageTally` over rows already at hand. */
export function coverageReport(
  columns: readonly NamedSampler[],
  rows: Iterable<Readonly<Record<string, unknown>>>,
  coverage?: CoverageSpec,
): CoverageReport {
  const tally = coverageTally(columns, coverage);
  for (const row of rows) tally.add(row);
  return tally.report();
}

/** The summary line: "sampler coverage: topic evenness 0.99 (max deviation 0.8 pts), …". */
export function formatCoverage(report: CoverageReport): string {
  if (report.columns.length === 0) return 'sampler coverage: no category, subcategory or language columns';
  const parts = report.columns.map(
    (c) =>
      `${c.column} evenness ${c.evenness.toFixed(2)} (max deviation ${(c.maxDeviation * 100).toFixed(1)} pts)`,
  );
  return `sampler coverage over ${report.rows} rows: ${parts.join(', ')}`;
}
