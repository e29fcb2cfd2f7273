import { usage } from '../../core/errors.js';
import { groupByItem, type LabelTriples, validateTriples, voteCounts } from './triples.js';

/**
 * Majority vote for label questions, per-label majority for multi-label questions, and a batch
 * majority over compact integer codes.
 *
 * Tie rule (deterministic): among the labels with the highest count, the one that comes first in
 * `order` (the option order of the question's settings) wins; labels missing from `order` come
 * after every listed label, in UTF-16 code-unit order (`<` on strings, no locale). A tie is always
 * reported as `tied: true`, so a caller can send the item to adjudication instead of trusting the rule.
 */

export interface MajorityResult {
  /** The winning label; undefined when there were no votes. */
  value: string | undefined;
  /** Share of votes the winner got (0 when there were no votes). */
  confidence: number;
  /** More than one label had the highest count; `value` was picked by the tie rule. */
  tied: boolean;
  /** Votes per label. */
  counts: Map<string, number>;
  /** Number of votes counted. */
  votes: number;
}

/** Compares two labels by the tie rule: option order first, then code-unit order. */
export function tieOrder(order: readonly string[]): (a: string, b: string) => number {
  const rank = new Map(order.map((v, i) => [v, i] as const));
  return (a, b) => {
    const ra = rank.get(a) ?? Number.POSITIVE_INFINITY;
    const rb = rank.get(b) ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

/** Majority vote over one label per annotator. */
export function majorityVote(votes: readonly string[], order: readonly string[] = []): MajorityResult {
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  let top = 0;
  for (const c of counts.values()) if (c > top) top = c;
  const leaders = [...counts.keys()].filter((k) => counts.get(k) === top).sort(tieOrder(order));
  return {
    value: leaders[0],
    confidence: votes.length === 0 ? 0 : top / votes.length,
    tied: leaders.length > 1,
    counts,
    votes: votes.length,
  };
}

export interface MultiLabelResult {
  /** Labels chosen by more than `threshold` of the annotators, in tie-rule order. */
  value: string[];
  /**
   * Mean, over every label at least one annotator chose, of the share of annotators who agree with
   * the decision on it (chose it if it is in the set, did not if it is not). 1 when every annotator
   * chose the empty set; 0 when there were no answers.
   */
  confidence: number;
  /** Some label's share was exactly `threshold`: it is left out of `value` and listed in `tiedLabels`. */
  tied: boolean;
  tiedLabels: string[];
  /** Share of annotators who chose each label. */
  shares: Map<string, number>;
}

/**
 * Per-label majority: a label is in the final set when its share of annotators is strictly greater
 * than `threshold` (default 0.5, i.e. more than half). A label chosen twice by one annotator counts once.
 */
export function multiLabelVote(
  answers: readonly (readonly string[])[],
  order: readonly string[] = [],
  threshold = 0.5,
): MultiLabelResult {
  if (!(threshold >= 0 && threshold < 1)) throw usage(`threshold must be in [0, 1), got ${threshold}`);
  const n = answers.length;
  const counts = new Map<string, number>();
  for (const answer of answers) for (const l of new Set(answer)) counts.set(l, (counts.get(l) ?? 0) + 1);
  const shares = new Map<string, number>();
  const value: string[] = [];
  const tiedLabels: string[] = [];
  let agreement = 0;
  for (const [label, c] of counts) {
    const share = c / n;
    shares.set(label, share);
    if (share > threshold) {
      value.push(label);
      agreement += share;
    } else {
      if (share === threshold) tiedLabels.push(label);
      agreement += 1 - share;
    }
  }
  const cmp = tieOrder(order);
  value.sort(cmp);
  tiedLabels.sort(cmp);
  const confidence = n === 0 ? 0 : counts.size === 0 ? 1 : agreement / counts.size;
  return { value, confidence, tied: tiedLabels.length > 0, tiedLabels, shares };
}

export interface BatchMajorityResult {
  /** Winning class per item (lowest class code among the tied), -1 for an item with no labels. */
  labels: Int32Array;
  /** Winner's share of the item's votes (0 for an item with no labels). */
  confidence: Float64Array;
  /** 1 where more than one class had the highest count. */
  tied: Uint8Array;
}

/**
 * Majority vote for many items at once over integer codes. Class codes are option indexes, so the
 * tie rule "first in option order" is "lowest code". Repeated labels by one annotator all count.
 */
export function majorityVoteCodes(input: LabelTriples): BatchMajorityResult {
  validateTriples(input);
  const { items, classes: k } = input;
  const counts = voteCounts(groupByItem(input), items, k);
  const labels = new Int32Array(items);
  const confidence = new Float64Array(items);
  const tied = new Uint8Array(items);
  for (let i = 0; i < items; i++) {
    let best = -1;
    let top = 0;
    let total = 0;
    let ties = 0;
    for (let c = 0; c < k; c++) {
      const v = counts[i * k + c]!;
      total += v;
      if (v > top) {
        top = v;
        best = c;
        ties = 0;
      } else if (v === top && v > 0) ties++;
    }
    labels[i] = best;
    confidence[i] = total === 0 ? 0 : top / total;
    tied[i] = ties > 0 ? 1 : 0;
  }
  return { labels, confidence, tied };
}
