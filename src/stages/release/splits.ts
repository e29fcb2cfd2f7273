import { usage } from '../../core/errors.js';

/**
 * Split specifications and the assignment of groups to splits: pure functions over numbers.
 *
 * A group (records that are near-duplicates of each other or share a parent) goes to one split as
 * a whole. Groups a previous release already placed keep that split (a pin): a test example of v1
 * is never a training example of v2. The remaining groups of each stratum are taken in the order
 * of a hash of their key, each to the split furthest below its share of the stratum so far, so
 * the order (and so the outcome) depends only on the keys, and every stratum ends within one group
 * of its target proportions.
 */

export interface SplitSpec {
  name: string;
  ratio: number;
}

const SPLIT_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** `train=0.8,validation=0.1,test=0.1`. Ratios must be positive and sum to 1. */
export function parseSplits(text: string, where = '--splits'): SplitSpec[] {
  const out: SplitSpec[] = [];
  for (const part of text.split(',')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!name || value === undefined || rest.length > 0)
      throw usage(`${where}: '${part}' is not NAME=RATIO (e.g. train=0.8)`);
    if (!SPLIT_NAME.test(name))
      throw usage(`${where}: split name '${name}' must be lowercase letters, digits, '-' or '_'`);
    const ratio = Number(value);
    if (!Number.isFinite(ratio) || ratio <= 0 || ratio > 1)
      throw usage(`${where}: ratio of '${name}' must be a number in (0, 1], got '${value}'`);
    if (out.some((s) => s.name === name)) throw usage(`${where}: split '${name}' is named twice`);
    out.push({ name, ratio });
  }
  const sum = out.reduce((a, s) => a + s.ratio, 0);
  if (Math.abs(sum - 1) > 1e-9)
    throw usage(`${where}: ratios sum to ${Number(sum.toFixed(6))}, not 1 (${text})`);
  return out;
}

export const ALL_TRAIN: SplitSpec[] = [{ name: 'train', ratio: 1 }];

export interface GroupInput {
  /** Records in the group. */
  size: number;
  /** Index of the group's stratum. */
  stratum: number;
  /** Order key from the hash of the group's key (ties broken by `key`). */
  order: number;
  key: string;
  /** Split index a previous release placed the group in, or -1. */
  pin: number;
}

/**
 * Groups as columns (index g in each array): what planning a million-record release holds, a few
 * dozen bytes a group where an object per group cost over a hundred (and the garbage collector's
 * time to trace them all).
 */
export interface GroupColumns {
  length: number;
  size: Int32Array;
  stratum: Int32Array;
  order: Float64Array;
  pin: Int32Array;
  /** Orders two groups' keys (as `<` orders strings): the tie-break between equal orders. */
  compareKeys(a: number, b: number): number;
}

/** Split index per group. */
export function assignSplits(groups: GroupInput[], specs: SplitSpec[], strata: number): Int32Array {
  return assignSplitColumns(
    {
      length: groups.length,
      size: Int32Array.from(groups, (g) => g.size),
      stratum: Int32Array.from(groups, (g) => g.stratum),
      order: Float64Array.from(groups, (g) => g.order),
      pin: Int32Array.from(groups, (g) => g.pin),
      compareKeys: (a, b) => {
        const x = groups[a]!.key;
        const y = groups[b]!.key;
        return x < y ? -1 : x > y ? 1 : 0;
      },
    },
    specs,
    strata,
  );
}

/** Split index per group, from the groups' columns. */
export function assignSplitColumns(groups: GroupColumns, specs: SplitSpec[], strata: number): Int32Array {
  const n = groups.length;
  const { size, stratum, order, pin } = groups;
  const out = new Int32Array(n).fill(-1);
  const k = specs.length;
  const counts = new Float64Array(strata * k);
  const totals = new Float64Array(strata);
  for (let g = 0; g < n; g++) {
    const p = pin[g]!;
    if (p >= 0 && p < k) {
      out[g] = p;
      counts[stratum[g]! * k + p]! += size[g]!;
      totals[stratum[g]!]! += size[g]!;
    }
  }
  // Free groups by (order, key).
  let nFree = 0;
  for (let g = 0; g < n; g++) if (out[g] === -1) nFree++;
  const free = new Uint32Array(nFree);
  for (let g = 0, j = 0; g < n; g++) if (out[g] === -1) free[j++] = g;
  free.sort((a, b) => order[a]! - order[b]! || groups.compareKeys(a, b));
  for (let j = 0; j < nFree; j++) {
    const g = free[j]!;
    const st = stratum[g]!;
    const base = st * k;
    const after = totals[st]! + size[g]!;
    // The split furthest below its share once this group is counted in, relative to that share:
    // where pinned groups overfill one split, the others share the rest in their own proportions.
    let best = 0;
    let bestDeficit = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < k; s++) {
      const deficit = after - counts[base + s]! / specs[s]!.ratio;
      if (deficit > bestDeficit + 1e-12) {
        best = s;
        bestDeficit = deficit;
      }
    }
    out[g] = best;
    counts[base + best]! += size[g]!;
    totals[st] = after;
  }
  return out;
}
