import { usage } from '../../core/errors.js';
import type { Provenance } from '../../core/record.js';

/**
 * Mixing ratios by provenance: `synthetic` records (made by a recipe) against `human` ones
 * (imported real data or written in the app). A release meets the ratio by dropping records of the
 * over-represented class, deterministically: those whose hash orders last go first, so the same
 * data and ratio always keep the same records.
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

export interface MixReport {
  target: Record<string, number>;
  before: Record<string, number>;
  kept: Record<string, number>;
  dropped: number;
}

/**
 * Clears `keep[i]` for the records the mix drops. `cls[i]` is 0 for synthetic, 1 for human;
 * `order(i)` ranks records within a class (lowest kept first).
 */
export function mixKeep(
  spec: MixSpec,
  cls: Int32Array,
  order: (i: number) => number,
  keep: Uint8Array,
): MixReport {
  const shares = [spec.synthetic, spec.human];
  const have = [0, 0];
  for (let i = 0; i < cls.length; i++) if (keep[i]) have[cls[i]!]!++;
  let total = Number.POSITIVE_INFINITY;
  for (let c = 0; c < 2; c++) {
    if (shares[c]! === 0) continue;
    if (have[c] === 0)
      throw usage(
        `--mix: ${MIX_CLASSES[c]}=${shares[c]} cannot be met: the release would hold no ${MIX_CLASSES[c]} records`,
      );
    total = Math.min(total, have[c]! / shares[c]!);
  }
  const want = shares.map((s, c) => Math.min(have[c]!, Math.floor(total * s + 1e-9)));
  if (want[0]! + want[1]! === 0) throw usage('--mix cannot be met: it would leave the release empty');
  let dropped = 0;
  for (let c = 0; c < 2; c++) {
    if (want[c] === have[c]) continue;
    const members: number[] = [];
    for (let i = 0; i < cls.length; i++) if (keep[i] && cls[i] === c) members.push(i);
    const ranks = new Float64Array(cls.length);
    for (const i of members) ranks[i] = order(i);
    members.sort((a, b) => ranks[a]! - ranks[b]! || a - b);
    for (let k = want[c]!; k < members.length; k++) {
      keep[members[k]!] = 0;
      dropped++;
    }
  }
  return {
    target: { synthetic: spec.synthetic, human: spec.human },
    before: { synthetic: have[0]!, human: have[1]! },
    kept: { synthetic: want[0]!, human: want[1]! },
    dropped,
  };
}
