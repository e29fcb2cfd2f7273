import { badInput } from '../../core/errors.js';
import { wilsonInterval } from '../intervals.js';
import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.js';

/**
 * The error rate of a simple random sample: `successes` (records found wrong, say) out of `n`, with
 * the Wilson score interval, which keeps its coverage near the nominal level for small samples and
 * rates near 0 where the textbook normal interval collapses (Brown, Cai and DasGupta 2001).
 */
export function wilson(successes: number, n: number, confidence = DEFAULT_CONFIDENCE): Interval {
  checkConfidence(confidence);
  if (!(Number.isInteger(n) && n > 0)) throw badInput(`the sample size must be a whole number > 0, got ${n}`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n))
    throw badInput(`the count must be a whole number between 0 and the sample size ${n}, got ${successes}`);
  const [lo, hi] = wilsonInterval(successes, n, confidence);
  return { estimate: successes / n, lo, hi, confidence };
}
