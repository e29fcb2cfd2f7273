import { usage } from '../../core/errors.js';
import type { Provenance } from '../../core/record.js';

/**
 * Mixing ratios by provenance: `synthetic` records (made by a recipe) against `human` ones
 * (imported real data or written in the app). A release meets the ratio by dropping records of the
 * over-represented class, deterministically: those whose hash orders last go first, so the same
 * data and ratio always keep the same records. `--mix-by language` meets the ratio within each
 * value of the fields given (each language then has the shares), dropping per stratum.
 */

export const MIX_CLASSES = ['synthetic', 'human'] as const;
export type MixClass = (typeof MIX_CLASSES)[number];
export type MixSpec = Record<MixClass, number>;

export const originClass = (p: Provenance): MixClass => (p.origin === 'synthetic' ? 'synthetic' : 'human');

export function parseMix(text: string, where = '--mix'): MixSpec {
  const out: MixSpec = { synthetic: 0, human: 0 };
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!name || value === undefined || rest.length > 0)
      throw usage(`${where}: '${part}' is not CLASS=SHARE (e.g. synthetic=0.7)`);
    if (!(MIX_CLASSES as readonly string[]).includes(name))
      throw usage(`${where}: unknown class '${name}'; expected ${MIX_CLASSES.join(' or ')}`);
    const share = Number(value);
    if (!Number.isFinite(share) || share < 0 || share > 1)
      throw usage(`${where}: share of '${name}' must be a number in [0, 1], got '${value}'`);
    if (seen.has(name)) throw usage(`${where}: '${name}' is named twice`);
    seen.add(name);
    out[name as MixClass] = share;
  }
  const sum = out.synthetic + out.human;
  if (Math.abs(sum - 1) > 1e-9)
    throw usage(`${where}: shares sum to ${Number(sum.toFixed(6))}, not 1 (${text})`);
  return out;
}

export interface MixCounts {
  synthetic: number;
  human: number;
}

/** What the mix did in one stratum (`--mix-by`). */
export interface MixStratumReport {
  stratum: string;
  before: MixCounts;
  kept: MixCounts;
  dropped: number;
}

export interface MixReport {
  target: Record<string, number>;
  before: Record<string, number>;
  kept: Record<string, number>;
  dropped: number;
  /** `--mix-by`: the fields whose values the ratio is met within, and the outcome per stratum. */
  by?: string[];
  strata?: MixStratumReport[];
}

/** Records' strata for a mix met per stratum: `of[i]` indexes `names`. */
export interface MixStrata {
  by: string[];
  of: Int32Array;
  names: string[];
}

/**
 * Clears `keep[i]` for the records the mix drops. `cls[i]` is 0 for synthetic, 1 for human;
 * `order(i)` ranks records within a class (lowest kept first). With `strata` the ratio is met
 * within each stratum on its own (a stratum that cannot meet it is a usage error naming it);
 * without, over all records.
 */
export function mixKeep(
  spec: MixSpec,
  cls: Int32Array,
  order: (i: number) => number,
  keep: Uint8Array,
  strata?: MixStrata,
): MixReport {
  const shares = [spec.synthetic, spec.human];
  const count = strata ? strata.names.length : 1;
  const stratumOf = (i: number) => (strata ? strata.of[i]! : 0);
  // have/want per stratum and class, at index stratum * 2 + class.
  const have = new Float64Array(count * 2);
  for (let i = 0; i < cls.length; i++) if (keep[i]) have[stratumOf(i) * 2 + cls[i]!]!++;
  const want = new Float64Array(count * 2);
  for (let s = 0; s < count; s++) {
    const h0 = have[s * 2]!;
    const h1 = have[s * 2 + 1]!;
    if (strata && h0 + h1 === 0) continue; // a stratum whose records were all excluded before the mix
    const where = strata ? ` in stratum '${strata.names[s]}' (--mix-by ${strata.by.join(',')})` : '';
    let total = Number.POSITIVE_INFINITY;
    for (let c = 0; c < 2; c++) {
      if (shares[c]! === 0) continue;
      const hc = have[s * 2 + c]!;
      if (hc === 0)
        throw usage(
          strata
            ? `--mix: ${MIX_CLASSES[c]}=${shares[c]} cannot be met${where}: it holds no ${MIX_CLASSES[c]} records`
            : `--mix: ${MIX_CLASSES[c]}=${shares[c]} cannot be met: the release would hold no ${MIX_CLASSES[c]} records`,
        );
      total = Math.min(total, hc / shares[c]!);
    }
    for (let c = 0; c < 2; c++)
      want[s * 2 + c] = Math.min(have[s * 2 + c]!, Math.floor(total * shares[c]! + 1e-9));
    if (want[s * 2]! + want[s * 2 + 1]! === 0)
      throw usage(`--mix cannot be met${where}: it would leave the ${strata ? 'stratum' : 'release'} empty`);
  }
  // Members of each (stratum, class) that must shrink, ranked; the last ones are dropped.
  const members = new Map<number, number[]>();
  for (let k = 0; k < count * 2; k++) if (want[k]! < have[k]!) members.set(k, []);
  if (members.size > 0)
    for (let i = 0; i < cls.length; i++) if (keep[i]) members.get(stratumOf(i) * 2 + cls[i]!)?.push(i);
  const droppedIn = new Float64Array(count);
  let dropped = 0;
  for (const [k, list] of members) {
    const ranks = new Float64Array(list.length);
    for (let j = 0; j < list.length; j++) ranks[j] = order(list[j]!);
    const byRank = Array.from(list.keys()).sort((a, b) => ranks[a]! - ranks[b]! || list[a]! - list[b]!);
    for (let j = want[k]!; j < byRank.length; j++) {
      keep[list[byRank[j]!]!] = 0;
      dropped++;
      droppedIn[k >> 1]!++;
    }
  }
  const kept = (c: number) => {
    let n = 0;
    for (let s = 0; s < count; s++) n += want[s * 2 + c]!;
    return n;
  };
  const before = { synthetic: 0, human: 0 };
  for (let s = 0; s < count; s++) {
    before.synthetic += have[s * 2]!;
    before.human += have[s * 2 + 1]!;
  }
  const report: MixReport = {
    target: { synthetic: spec.synthetic, human: spec.human },
    before,
    kept: { synthetic: kept(0), human: kept(1) },
    dropped,
  };
  if (!strata) return report;
  report.by = strata.by;
  report.strata = strata.names
    .map((stratum, s) => ({
      stratum,
      before: { synthetic: have[s * 2]!, human: have[s * 2 + 1]! },
      kept: { synthetic: want[s * 2]!, human: want[s * 2 + 1]! },
      dropped: droppedIn[s]!,
    }))
    .filter((r) => r.before.synthetic + r.before.human > 0)
    .sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0));
  return report;
}
