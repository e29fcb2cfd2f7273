import type { AuditRow } from '../../store/audit-reads.js';
import type { CombinationDomain } from '../generate/index.js';
import { groupValue } from './dimensions.js';

/**
 * The recipe's combination minimums checked against the records: `coverage.combinations` asks every
 * combination of some columns' values (language × intent, say) to appear on at least `min` rows; the
 * audit counts each combination over the records and lists those below. A combination no record has
 * is the finding that matters most, so the recipe's domain is enumerated, not only the cells seen.
 * A user-given minimum (`--min-cell`) is checked on cross tabulations in `representation.ts`.
 */

export interface CombinationCell {
  /** The combination's values, in the order of `columns`. */
  values: string[];
  count: number;
}

export interface CombinationCheck {
  columns: string[];
  /** The minimum the recipe states for each combination. */
  min: number;
  /** How many combinations the recipe's domain has (rare values only with include_rare). */
  combinations: number;
  /** Combinations below `min`, fewest first (at most 100 listed). */
  underCovered: CombinationCell[];
  underCoveredTotal: number;
  /** Records whose values formed a combination of the domain. */
  recordsInDomain: number;
  /** Set when the domain was too large to enumerate: only combinations seen were checked. */
  truncated: boolean;
}

/** Enumerating more combinations than this would cost more memory than the audit of the records. */
export const MAX_ENUMERATED = 200_000;
const MAX_LISTED = 100;
const SEP = '\u0001';

/** A record's value of a recipe column: its sampler value, else metadata, else (for `language`) its language. */
export function columnValue(row: AuditRow, column: string): string {
  const p = row.provenance;
  const v = p.origin === 'synthetic' ? p.samplerValues[column] : undefined;
  const m = v ?? row.metadata[column];
  // Raw strings, so a long value still matches the recipe's value it came from.
  if (typeof m === 'string' && m !== '') return m;
  if ((m === undefined || m === null) && column === 'language') return groupValue(row.language);
  return groupValue(m);
}

export class CombinationTally {
  readonly #specs: {
    domain: CombinationDomain;
    min: number;
    counts: Map<string, number>;
    inDomain: number;
  }[];
  readonly #keys: Set<string>[];

  constructor(specs: readonly { domain: CombinationDomain; min: number }[]) {
    this.#specs = specs.map((s) => ({ ...s, counts: new Map(), inDomain: 0 }));
    // The domain's keys, for telling a combination the recipe asks for from one it never could.
    this.#keys = specs.map((s) => (s.domain.count <= MAX_ENUMERATED ? keysOf(s.domain) : new Set()));
  }

  add(row: AuditRow): void {
    for (let i = 0; i < this.#specs.length; i++) {
      const s = this.#specs[i]!;
      let key = '';
      for (let c = 0; c < s.domain.columns.length; c++)
        key += (c ? SEP : '') + columnValue(row, s.domain.columns[c]!);
      const keys = this.#keys[i]!;
      if (keys.size > 0 && !keys.has(key)) continue;
      s.inDomain++;
      s.counts.set(key, (s.counts.get(key) ?? 0) + 1);
    }
  }

  results(): CombinationCheck[] {
    return this.#specs.map((s, i) => {
      const keys = this.#keys[i]!;
      const truncated = keys.size === 0 && s.domain.count > 0;
      const under: CombinationCell[] = [];
      for (const key of truncated ? s.counts.keys() : keys) {
        const count = s.counts.get(key) ?? 0;
        if (count < s.min) under.push({ values: key.split(SEP), count });
      }
      under.sort((a, b) => a.count - b.count || a.values.join().localeCompare(b.values.join()));
      return {
        columns: [...s.domain.columns],
        min: s.min,
        combinations: s.domain.count,
        underCovered: under.slice(0, MAX_LISTED),
        underCoveredTotal: under.length,
        recordsInDomain: s.inDomain,
        truncated,
      };
    });
  }
}

function keysOf(domain: CombinationDomain): Set<string> {
  const flat = domain.enumerate();
  const width = domain.columns.length;
  const out = new Set<string>();
  for (let k = 0; k < flat.length; k += width) out.add(flat.slice(k, k + width).join(SEP));
  return out;
}
