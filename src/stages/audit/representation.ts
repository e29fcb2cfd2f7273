import type { AuditRow } from '../../store/audit-reads.js';
import type { CombinationCheck } from './combination-minimums.js';
import type { DescriptorResults, DescriptorTally } from './descriptors/tally.js';
import { type Dimension, dimensionValue, MAX_VALUES, OTHER, textsOf } from './dimensions.js';
import { fitToTargets, type TargetFit } from './fit.js';
import { type Disparity, disparities, type GroupMetrics, GroupTally } from './group-metrics.js';

/**
 * The representation audit's arithmetic over a stream of records: per dimension the count and share
 * of each value (against the recipe's targets where it has some), two-way cross tabulations and their
 * under-covered cells, and per group what checks and review made of it. One pass, memory bounded by
 * the number of groups, not records.
 */

export interface ValueShare {
  value: string;
  count: number;
  share: number;
  /** The share the recipe asks for, when it has targets for this dimension. */
  target: number | null;
  metrics: GroupMetrics;
}

export interface DimensionResult {
  name: string;
  source: Dimension['source'];
  values: ValueShare[];
  /** Values past the first MAX_VALUES were counted as `(other)`. */
  truncated: boolean;
  fit: TargetFit | null;
}

export interface UnderCoveredCell {
  a: string;
  b: string;
  count: number;
  /** The count independence of the two dimensions would give: rowTotal × columnTotal / N. */
  expected: number;
}

export interface CrossTab {
  a: string;
  b: string;
  /** Cells of seen values (rows × columns). */
  cells: number;
  /** Cells with fewer than `minCell` records, fewest first (at most 100 listed). */
  underCovered: UnderCoveredCell[];
  underCoveredTotal: number;
  /** Every non-empty cell, for the heat map (at most 2,500). */
  counts: { a: string; b: string; count: number }[];
}

export interface RepresentationResults {
  kind: 'representation';
  records: number;
  minCell: number;
  overall: GroupMetrics;
  dimensions: DimensionResult[];
  crossTabs: CrossTab[];
  /** The recipe's combination minimums against the records (absent without a recipe that states some). */
  combinations?: CombinationCheck[];
  disparities: Disparity[];
  descriptors: DescriptorResults | null;
}

const CELL_SEP = '\u0001';
const MAX_LISTED = 100;
const MAX_HEAT = 2500;

interface DimensionTally {
  dimension: Dimension;
  groups: Map<string, GroupTally>;
  truncated: boolean;
}

export class RepresentationTally {
  readonly #dims: DimensionTally[];
  readonly #pairs: { i: number; j: number; counts: Map<string, number> }[] = [];
  readonly #overall = new GroupTally();
  readonly #values: string[];
  #records = 0;

  constructor(
    dimensions: readonly Dimension[],
    private readonly options: { minCell: number; descriptors?: DescriptorTally },
  ) {
    this.#dims = dimensions.map((dimension) => ({ dimension, groups: new Map(), truncated: false }));
    for (let i = 0; i < dimensions.length; i++)
      for (let j = i + 1; j < dimensions.length; j++) this.#pairs.push({ i, j, counts: new Map() });
    this.#values = new Array(dimensions.length);
  }

  add(row: AuditRow): void {
    this.#records++;
    // The texts are read once for both the length and the descriptors.
    const texts = textsOf(row.fields);
    let length = 0;
    for (const t of texts) length += t.length;
    this.#overall.add(row, length);
    for (let i = 0; i < this.#dims.length; i++) {
      const d = this.#dims[i]!;
      let value = dimensionValue(row, d.dimension);
      let g = d.groups.get(value);
      if (!g) {
        if (d.groups.size >= MAX_VALUES) {
          d.truncated = true;
          value = OTHER;
          g = d.groups.get(OTHER);
        }
        if (!g) {
          g = new GroupTally();
          d.groups.set(value, g);
        }
      }
      g.add(row, length);
      this.#values[i] = value;
    }
    for (const p of this.#pairs) {
      const key = this.#values[p.i] + CELL_SEP + this.#values[p.j];
      p.counts.set(key, (p.counts.get(key) ?? 0) + 1);
    }
    this.options.descriptors?.addTexts(row.language, texts);
  }

  /** The results; `targets`: per dimension, the share of each value the recipe asks for. */
  results(targets?: ReadonlyMap<string, ReadonlyMap<string, number>>): RepresentationResults {
    const n = this.#records;
    const minCell = this.options.minCell;
    const dimensions = this.#dims.map((d): DimensionResult => {
      const wanted = targets?.get(d.dimension.name);
      const names = [...d.groups.keys()];
      // Values the recipe asks for but no record has are shown too: a zero is a finding.
      for (const v of wanted?.keys() ?? []) if (!d.groups.has(v)) names.push(v);
      const values = names
        .map((value) => {
          const g = d.groups.get(value) ?? new GroupTally();
          return {
            value,
            count: g.records,
            share: n ? g.records / n : 0,
            target: wanted ? (wanted.get(value) ?? 0) : null,
            metrics: g.metrics(),
          };
        })
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return {
        name: d.dimension.name,
        source: d.dimension.source,
        values,
        truncated: d.truncated,
        fit: wanted ? fitToTargets(values) : null,
      };
    });
    const crossTabs = this.#pairs.map((p) =>
      crossTab(this.#dims[p.i]!, this.#dims[p.j]!, p.counts, n, minCell),
    );
    return {
      kind: 'representation',
      records: n,
      minCell,
      overall: this.#overall.metrics(),
      dimensions,
      crossTabs,
      disparities: dimensions
        .flatMap((d) =>
          disparities(
            d.name,
            d.values.map((v) => ({ value: v.value, metrics: v.metrics })),
            minCell,
          ),
        )
        .sort((a, b) => (b.ratio ?? Number.POSITIVE_INFINITY) - (a.ratio ?? Number.POSITIVE_INFINITY)),
      descriptors: this.options.descriptors?.results() ?? null,
    };
  }
}

function crossTab(
  a: DimensionTally,
  b: DimensionTally,
  counts: Map<string, number>,
  n: number,
  minCell: number,
): CrossTab {
  const totalsA = new Map([...a.groups].map(([v, g]) => [v, g.records]));
  const totalsB = new Map([...b.groups].map(([v, g]) => [v, g.records]));
  const under: UnderCoveredCell[] = [];
  for (const [va, ta] of totalsA)
    for (const [vb, tb] of totalsB) {
      const count = counts.get(va + CELL_SEP + vb) ?? 0;
      if (count < minCell) under.push({ a: va, b: vb, count, expected: n ? (ta * tb) / n : 0 });
    }
  // Fewest first; among equals, the cells independence would fill most are the most telling.
  under.sort((x, y) => x.count - y.count || y.expected - x.expected);
  const cells = [...counts]
    .map(([key, count]) => {
      const [va, vb] = key.split(CELL_SEP) as [string, string];
      return { a: va, b: vb, count };
    })
    .sort((x, y) => y.count - x.count)
    .slice(0, MAX_HEAT);
  return {
    a: a.dimension.name,
    b: b.dimension.name,
    cells: totalsA.size * totalsB.size,
    underCovered: under.slice(0, MAX_LISTED),
    underCoveredTotal: under.length,
    counts: cells,
  };
}
