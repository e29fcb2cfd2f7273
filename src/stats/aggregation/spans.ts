import { badInput, usage } from '../../core/errors.js';
import type { Span } from '../../core/values.js';
import { tieOrder } from './majority.js';

/**
 * Character-level vote for span answers.
 *
 * A character position gets label L when more than `threshold` (default half) of the annotators
 * tagged it L; neighbouring positions with the same final label merge into one final span. Positions
 * are UTF-16 code units, the offsets JavaScript strings use (an emoji outside the BMP is two units,
 * a CJK character one). A final span starts and ends only where some annotator's span starts or
 * ends, so the result never cuts a surrogate pair that no annotator cut.
 *
 * Work is over the segments between consecutive span boundaries, not per character, so a long text
 * with a few spans costs nothing extra.
 */

export interface VotedSpan extends Span {
  /** Mean over the span's characters of the share of annotators who tagged the character with this label. */
  confidence: number;
}

export interface SpanVoteResult {
  /** Final spans, sorted by start, then end, then label order. */
  value: VotedSpan[];
  /**
   * Agreement over everything anyone tagged: for every character and label some annotator used there,
   * the share of annotators who agree with the decision (tagged it when it is in the result, did not
   * when it is not), averaged over those (character, label) pairs. 1 when every annotator tagged
   * nothing; 0 when there were no answers.
   */
  confidence: number;
  /** Some character had a label at exactly `threshold` share (left out), or two labels tied for it. */
  tied: boolean;
}

export interface SpanVoteOptions {
  /** One annotator may tag a character with several labels (the question's allowOverlap). */
  allowOverlap?: boolean;
  /** A label needs strictly more than this share of annotators (default 0.5). */
  threshold?: number;
  /** Label order for ties and output order (the question's labels). */
  labels?: readonly string[];
}

interface Interval {
  start: number;
  end: number;
}

/** One annotator's spans as disjoint intervals per label; rejects overlaps unless allowed. */
function intervalsOf(spans: readonly Span[], who: number, allowOverlap: boolean): Map<string, Interval[]> {
  for (const s of spans) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start)) {
      throw badInput(`annotator ${who}: span [${s.start}, ${s.end}) must have integer 0 ≤ start < end`);
    }
  }
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  if (!allowOverlap) {
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (cur.start < prev.end) {
        throw badInput(
          `annotator ${who}: spans [${prev.start}, ${prev.end}) '${prev.label}' and [${cur.start}, ${cur.end}) '${cur.label}' overlap, and the question does not allow overlap`,
        );
      }
    }
  }
  const byLabel = new Map<string, Interval[]>();
  for (const s of sorted) {
    const list = byLabel.get(s.label) ?? [];
    const last = list.at(-1);
    // Same-label spans that overlap or touch count once for this annotator.
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else list.push({ start: s.start, end: s.end });
    byLabel.set(s.label, list);
  }
  return byLabel;
}

export function spanVote(
  answers: readonly (readonly Span[])[],
  options: SpanVoteOptions = {},
): SpanVoteResult {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold < 1)) throw usage(`threshold must be in [0, 1), got ${threshold}`);
  const allowOverlap = options.allowOverlap ?? false;
  const n = answers.length;
  if (n === 0) return { value: [], confidence: 0, tied: false };

  const perAnnotator = answers.map((spans, who) => intervalsOf(spans, who, allowOverlap));
  const labelSet = new Set<string>();
  const points = new Set<number>();
  for (const byLabel of perAnnotator) {
    for (const [label, list] of byLabel) {
      labelSet.add(label);
      for (const iv of list) points.add(iv.start).add(iv.end);
    }
  }
  const cmp = tieOrder(options.labels ?? []);
  const labels = [...labelSet].sort(cmp);
  if (labels.length === 0) return { value: [], confidence: 1, tied: false };
  const bounds = [...points].sort((a, b) => a - b);
  const index = new Map(bounds.map((p, i) => [p, i] as const));
  const L = labels.length;
  const segs = bounds.length - 1;

  // delta[p * L + l]: change in annotators tagging label l at boundary p; prefix sums give counts.
  const count = new Int32Array(bounds.length * L);
  labels.forEach((label, l) => {
    for (const byLabel of perAnnotator) {
      for (const iv of byLabel.get(label) ?? []) {
        count[index.get(iv.start)! * L + l]!++;
        count[index.get(iv.end)! * L + l]!--;
      }
    }
  });
  for (let p = 1; p < bounds.length; p++)
    for (let l = 0; l < L; l++) count[p * L + l]! += count[(p - 1) * L + l]!;

  const value: VotedSpan[] = [];
  const open: (VotedSpan | undefined)[] = new Array(L).fill(undefined);
  let tied = false;
  let agree = 0;
  let weight = 0;
  for (let p = 0; p < segs; p++) {
    const len = bounds[p + 1]! - bounds[p]!;
    // Labels above the threshold here; without overlap only the strongest one may win.
    let winners: number[] = [];
    for (let l = 0; l < L; l++) {
      const c = count[p * L + l]!;
      if (c / n > threshold) winners.push(l);
      else if (c > 0 && c / n === threshold) tied = true;
    }
    if (!allowOverlap && winners.length > 1) {
      const top = Math.max(...winners.map((l) => count[p * L + l]!));
      const best = winners.filter((l) => count[p * L + l] === top);
      if (best.length > 1) tied = true;
      winners = [best[0]!];
    }
    for (let l = 0; l < L; l++) {
      const c = count[p * L + l]!;
      const won = winners.includes(l);
      if (c > 0) {
        agree += (won ? c / n : 1 - c / n) * len;
        weight += len;
      }
      const cur = open[l];
      if (won && cur && cur.end === bounds[p]) {
        cur.confidence += (c / n) * len; // a running sum, divided by the length when closed
        cur.end = bounds[p + 1]!;
      } else if (won) {
        const span: VotedSpan = {
          start: bounds[p]!,
          end: bounds[p + 1]!,
          label: labels[l]!,
          confidence: (c / n) * len,
        };
        value.push(span);
        open[l] = span;
      }
    }
  }
  for (const s of value) s.confidence /= s.end - s.start;
  value.sort((a, b) => a.start - b.start || a.end - b.end || cmp(a.label, b.label));
  return { value, confidence: weight === 0 ? 1 : agree / weight, tied };
}
