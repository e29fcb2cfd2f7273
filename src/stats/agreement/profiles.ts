/**
 * Units collapsed into value profiles. Metrics that ignore who gave which value (Krippendorff's
 * alpha, Fleiss' kappa, pairwise percent agreement) see a unit only through how many times each value
 * occurs in it. Units with the same counts are one profile with a multiplicity, so a metric costs
 * O(profiles) rather than O(units), and a bootstrap resample is a new set of multiplicities.
 */

import type { ReliabilityData } from './data.js';

export interface Profiles {
  /** Number of distinct profiles. */
  readonly size: number;
  /** Profile p's entries are at [start[p], start[p + 1]) of `code` and `count`, codes ascending. */
  readonly start: Int32Array;
  readonly code: Int32Array;
  readonly count: Int32Array;
  /** Number of values in each profile (m_p). */
  readonly total: Int32Array;
  /** How many units have each profile. */
  readonly multiplicity: Float64Array;
  /** The profile of each included unit, in unit order: what a bootstrap resamples. */
  readonly groupOf: Int32Array;
  /** Annotators who gave at least one value in an included unit. */
  readonly annotators: number;
}

/** Profiles of the units with at least `minValues` values. */
export function valueProfiles(data: ReliabilityData, minValues: number): Profiles {
  const { unitStart, code: codes } = data;
  const units = data.items.length;
  const counts = new Int32Array(data.categories.length);
  const annotatorSeen = new Uint8Array(data.annotators.length);
  const index = new Map<string, number>();
  const start: number[] = [0];
  const code: number[] = [];
  const count: number[] = [];
  const total: number[] = [];
  const multiplicity: number[] = [];
  const groupOf: number[] = [];
  const distinct: number[] = [];

  for (let u = 0; u < units; u++) {
    const lo = unitStart[u]!;
    const hi = unitStart[u + 1]!;
    if (hi - lo < minValues) continue;
    distinct.length = 0;
    for (let j = lo; j < hi; j++) {
      const c = codes[j]!;
      if (counts[c]!++ === 0) distinct.push(c);
      annotatorSeen[data.annotator[j]!] = 1;
    }
    if (distinct.length > 1) distinct.sort((a, b) => a - b);
    let key = '';
    for (const c of distinct) key += `${c}:${counts[c]},`;
    let p = index.get(key);
    if (p === undefined) {
      p = total.length;
      index.set(key, p);
      for (const c of distinct) {
        code.push(c);
        count.push(counts[c]!);
      }
      start.push(code.length);
      total.push(hi - lo);
      multiplicity.push(0);
    }
    multiplicity[p]!++;
    groupOf.push(p);
    for (const c of distinct) counts[c] = 0;
  }

  let annotators = 0;
  for (const s of annotatorSeen) annotators += s;
  return {
    size: total.length,
    start: Int32Array.from(start),
    code: Int32Array.from(code),
    count: Int32Array.from(count),
    total: Int32Array.from(total),
    multiplicity: Float64Array.from(multiplicity),
    groupOf: Int32Array.from(groupOf),
    annotators,
  };
}

/** What a metric hands the bootstrap: its value on re-weighted groups, and each unit's group. */
export interface Resampling {
  /** The metric on groups weighted by `weights` (how often each was drawn); NaN when undefined. */
  statistic(weights: Float64Array): number;
  groupOf: Int32Array;
}

/** The message for data whose every compared value is the same. */
export function noVariation(label: string | undefined): string {
  return `no variation: every value is '${label}', so agreement beyond chance is undefined`;
}
