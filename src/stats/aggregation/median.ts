import { badInput, usage } from '../../core/errors.js';

/**
 * Median for rating questions.
 *
 * Rule: the lower median. With an odd number of ratings it is the middle one; with an even number
 * it is the smaller of the two middle ones (never their mean), so the result is always one of the
 * ratings given and therefore a value of the question's scale. [1, 2, 4, 5] → 2.
 *
 * Distance is counted in steps of the scale, not in rating units: on the scale [0, 5, 10], 5 is one
 * step from 10. On a scale of consecutive integers the two are the same.
 */

export interface MedianResult {
  /** The lower median; undefined when there were no ratings. */
  value: number | undefined;
  /**
   * Share of ratings within `tolerance` steps of the median on the scale (default 1 step: ±1 on a
   * 1–5 scale). 0 when there were no ratings.
   */
  confidence: number;
  /** The count is even and the two middle ratings differ, so the lower one was taken by rule. */
  tied: boolean;
}

/**
 * @param ratings one rating per annotator
 * @param scale the question's allowed values (any order); every rating must be one of them
 * @param tolerance how many scale steps from the median still count as agreeing (default 1)
 */
export function ratingMedian(
  ratings: readonly number[],
  scale: readonly number[],
  tolerance = 1,
): MedianResult {
  if (!(Number.isInteger(tolerance) && tolerance >= 0)) {
    throw usage(`tolerance must be a non-negative integer, got ${tolerance}`);
  }
  const steps = [...new Set(scale)].sort((a, b) => a - b);
  const step = new Map(steps.map((v, i) => [v, i] as const));
  for (const r of ratings) {
    if (!step.has(r)) throw badInput(`rating ${r} is not on the scale ${steps.join(', ')}`);
  }
  const n = ratings.length;
  if (n === 0) return { value: undefined, confidence: 0, tied: false };
  const sorted = [...ratings].sort((a, b) => a - b);
  const lower = sorted[(n - 1) >> 1]!;
  const upper = sorted[n >> 1]!;
  const at = step.get(lower)!;
  const near = ratings.filter((r) => Math.abs(step.get(r)! - at) <= tolerance).length;
  return { value: lower, confidence: near / n, tied: lower !== upper };
}
