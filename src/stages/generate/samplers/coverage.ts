import { badInput } from '../../../core/errors.js';
import { combinationDomain } from './combinations.js';
import type { RareValues } from './sample.js';
import type { CoverageSpec, NamedSampler, SamplerSpec } from './schema.js';
import { runRandom } from './stream.js';
import { categoryEntries } from './values.js';

/** Values the plan places on one row: column → value. Null prototype, so any column name is a plain key. */
export type ForcedValues = Readonly<Record<string, string>>;

/** One purpose the plan sets rows aside for. */
export interface PlanGroup {
  /** What the rows are for: "rare values of topic", "topic × tone: 12 combinations × min 10". */
  label: string;
  rows: number;
}

/**
 * Which rows get which sampler values placed rather than drawn. Built from (coverage spec, columns,
 * row count, seed) alone, so every worker and every resumed run builds the same plan.
 */
export interface CoveragePlan {
  /** The run's row count the plan was built for. */
  readonly rows: number;
  /** How ordinary sampling must treat rare values on rows the plan leaves alone. */
  readonly rare: RareValues;
  readonly groups: readonly PlanGroup[];
  /** Rows with any placed value; at most `rows`. */
  readonly forcedRows: number;
  /** The values placed on a row (they override sampling for those columns), or undefined. */
  forced(rowIndex: number): ForcedValues | undefined;
}

/**
 * A group before rows are assigned. `prepare` lists its values; it runs only once the plan is known to
 * fit, so an impossible plan fails before it allocates anything.
 */
interface PendingGroup extends PlanGroup {
  prepare(): (j: number) => ForcedValues;
}

/** A group's rows occupy slots [offset, offset + rows); slot j of it gets `valueAt(j)`. */
interface Group extends PlanGroup {
  offset: number;
  valueAt(j: number): ForcedValues;
}

function record(columns: readonly string[], values: readonly string[], from = 0): ForcedValues {
  const out: Record<string, string> = Object.create(null);
  columns.forEach((c, i) => {
    out[c] = values[from + i]!;
  });
  return out;
}

/**
 * Rare values: round(rare_share · n) rows per category column that has any, cycling through its rare
 * values so each gets an equal part (±1).
 */
function rareGroups(share: number, columns: readonly NamedSampler[], n: number): PendingGroup[] {
  const rows = Math.round(share * n);
  const groups: PendingGroup[] = [];
  for (const c of columns) {
    if (c.sampler !== 'category') continue;
    const entries = categoryEntries(c);
    const rare = entries.filter((e) => e.rare).map((e) => e.value);
    if (rare.length === 0) continue;
    if (rare.length === entries.length && rows < n)
      throw badInput(
        `coverage.rare_share: every value of '${c.name}' is rare, so the other rows have none to draw`,
      );
    groups.push({
      label: `rare values of ${c.name}`,
      rows,
      prepare: () => {
        const records = rare.map((v) => Object.freeze(record([c.name], [v])));
        return (j) => records[j % records.length]!;
      },
    });
  }
  return groups;
}

function combinationGroups(spec: CoverageSpec, samplers: ReadonlyMap<string, SamplerSpec>): PendingGroup[] {
  return (spec.combinations ?? []).map((combo, i) => {
    const domain = combinationDomain(combo, samplers, `coverage.combinations[${i}]`);
    const width = domain.columns.length;
    return {
      label: `${domain.columns.join(' × ')}: ${domain.count} combinations × min ${combo.min}`,
      rows: domain.count * combo.min,
      prepare: () => {
        const values = domain.enumerate();
        return (j) => record(domain.columns, values, (j % domain.count) * width);
      },
    };
  });
}

/**
 * The smallest row count n whose plan fits: rare rows (round(share · n) per rare column) grow with
 * n, so asking for the count the error named would only move the goalposts. Undefined when the rare
 * rows alone would take every row.
 */
export function smallestCount(
  rareColumns: number,
  share: number,
  fixed: number,
  from: number,
): number | undefined {
  const need = (m: number) => fixed + rareColumns * Math.round(share * m);
  if (rareColumns * share >= 1) return need(from) <= from ? from : undefined;
  let m = Math.max(from, Math.floor(fixed / (1 - rareColumns * share)));
  while (m > 0 && need(m - 1) <= m - 1) m--; // the closed form may overshoot by rounding
  while (need(m) > m) m++;
  return m;
}

/**
 * The coverage plan for a run of `n` rows. Rows are set aside for each group, disjointly, and spread
 * over the run by a seeded permutation, so placed values are not bunched at the start. Rare rows give
 * exactly round(rare_share · n) rows of rare values per column, unless a combination with include_rare
 * places more. Memory is two Int32Arrays of n (none without coverage); a million rows take tens of
 * milliseconds.
 */
export function coveragePlan(
  spec: CoverageSpec | undefined,
  columns: readonly NamedSampler[],
  n: number,
  seed: number,
): CoveragePlan {
  if (!(Number.isSafeInteger(n) && n >= 0))
    throw new RangeError(`row count must be a whole number ≥ 0, got ${n}`);
  const rare: RareValues = spec?.rare_share === undefined ? 'by-weight' : 'plan-only';
  const samplers = new Map<string, SamplerSpec>();
  for (const c of columns) if (!samplers.has(c.name)) samplers.set(c.name, c);

  const pending = [
    ...(spec?.rare_share === undefined ? [] : rareGroups(spec.rare_share, columns, n)),
    ...(spec ? combinationGroups(spec, samplers) : []),
  ];

  const needed = pending.reduce((s, g) => s + g.rows, 0);
  if (needed > n) {
    const rareColumns = pending.length - (spec?.combinations?.length ?? 0);
    const fixed = needed - rareColumns * Math.round((spec?.rare_share ?? 0) * n);
    const enough = smallestCount(rareColumns, spec?.rare_share ?? 0, fixed, needed);
    throw badInput(
      `coverage needs ${needed} rows but the run has ${n} (${pending.map((g) => `${g.label} = ${g.rows} rows`).join('; ')}); ` +
        (enough === undefined
          ? 'no row count satisfies it (rare values would take every row): lower rare_share or min'
          : `the smallest row count that satisfies it is ${enough} (rare rows grow with the count); raise the row count to at least that, or lower min or rare_share`),
    );
  }

  let offset = 0;
  const groups: Group[] = pending.map((g) => {
    const placed = { label: g.label, rows: g.rows, offset, valueAt: g.prepare() };
    offset += g.rows;
    return placed;
  });
  const slots = placeSlots(needed, n, seed);

  return {
    rows: n,
    rare,
    groups: groups.map(({ label, rows }) => ({ label, rows })),
    forcedRows: needed,
    forced(rowIndex: number): ForcedValues | undefined {
      if (!(Number.isInteger(rowIndex) && rowIndex >= 0 && rowIndex < n))
        throw new RangeError(`row index ${rowIndex} is outside the plan's ${n} rows`);
      const slot = slots ? slots[rowIndex]! : -1;
      if (slot < 0) return undefined;
      for (const g of groups) if (slot < g.offset + g.rows) return g.valueAt(slot - g.offset);
      return undefined;
    },
  };
}

/**
 * The slot of each row (−1 for rows the plan leaves alone): a partial Fisher–Yates shuffle picks `needed`
 * distinct rows uniformly at random, and the k-th pick gets slot k.
 */
function placeSlots(needed: number, n: number, seed: number): Int32Array | undefined {
  if (needed === 0) return undefined;
  const random = runRandom(seed, 'coverage');
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const slots = new Int32Array(n).fill(-1);
  for (let k = 0; k < needed; k++) {
    const j = k + random.below(n - k);
    const row = order[j]!;
    order[j] = order[k]!;
    order[k] = row;
    slots[row] = k;
  }
  return slots;
}
