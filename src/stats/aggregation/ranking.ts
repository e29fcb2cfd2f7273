import { badInput } from '../../core/errors.js';
import { tieOrder } from './majority.js';

/**
 * Borda count for ranking questions. In one annotator's ranking an option scores one point for every
 * option ranked below it and half a point for every other option ranked equal to it: for a strict
 * ranking of m options that is m − rank, and ties or gaps in the ranks need no special case. Options
 * are ordered by total points; options with equal totals share a rank (1, 2, 2, 4) and make the
 * result `tied`. The output lists options by rank, then in option order.
 */

export interface RankedOption {
  value: string;
  rank: number;
}

export interface BordaResult {
  /** The final ranking, in the answer shape of a ranking question; empty when there were no answers. */
  value: RankedOption[];
  /** Borda points per option, summed over annotators. */
  points: Map<string, number>;
  /**
   * Mean agreement of the annotators with the final ranking over all pairs of options: 1 for a pair
   * they order the same way (or both leave tied), 0 for the opposite order, ½ when exactly one of the
   * two ties the pair. 0 when there were no answers; 1 with a single option.
   */
  confidence: number;
  /** Two or more options have equal points. */
  tied: boolean;
}

export function bordaCount(
  answers: readonly (readonly RankedOption[])[],
  options: readonly string[],
): BordaResult {
  const m = options.length;
  const points = new Map<string, number>(options.map((o) => [o, 0]));
  const ranks = answers.map((answer, who) => {
    const r = new Map<string, number>();
    for (const { value, rank } of answer) {
      if (!points.has(value)) throw badInput(`annotator ${who}: '${value}' is not an option`);
      if (r.has(value)) throw badInput(`annotator ${who}: '${value}' is ranked twice`);
      r.set(value, rank);
    }
    if (r.size !== m) throw badInput(`annotator ${who}: must rank all ${m} options`);
    return r;
  });
  if (ranks.length === 0) return { value: [], points, confidence: 0, tied: false };

  for (const r of ranks) {
    for (const a of options) {
      let p = 0;
      for (const b of options) {
        if (a === b) continue;
        const d = r.get(b)! - r.get(a)!;
        p += d > 0 ? 1 : d === 0 ? 0.5 : 0;
      }
      points.set(a, points.get(a)! + p);
    }
  }
  const byOption = tieOrder(options);
  const sorted = [...options].sort((a, b) => points.get(b)! - points.get(a)! || byOption(a, b));
  const value: RankedOption[] = [];
  let tied = false;
  sorted.forEach((o, i) => {
    const prev = value[i - 1];
    const same = prev !== undefined && points.get(prev.value) === points.get(o);
    if (same) tied = true;
    value.push({ value: o, rank: same ? prev.rank : i + 1 });
  });

  const finalRank = new Map(value.map((v) => [v.value, v.rank] as const));
  let agreement = 0;
  let pairs = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const a = options[i]!;
      const b = options[j]!;
      const f = Math.sign(finalRank.get(a)! - finalRank.get(b)!);
      for (const r of ranks) {
        const s = Math.sign(r.get(a)! - r.get(b)!);
        agreement += s === f ? 1 : s === 0 || f === 0 ? 0.5 : 0;
        pairs++;
      }
    }
  }
  return { value, points, confidence: pairs === 0 ? 1 : agreement / pairs, tied };
}
