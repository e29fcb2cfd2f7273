/**
 * When to try a failed request again, and how long to wait first. Exponential backoff with full
 * jitter spreads retries from many concurrent requests over the window instead of having them
 * return in lockstep; a service's own Retry-After hint overrides the backoff.
 */
import type { ProviderError } from '../errors.js';

export interface RetryPolicy {
  /** Attempts in total, the first call included: 6 means up to 5 retries. */
  maxAttempts: number;
  /** The backoff window of the first retry; it doubles with every further attempt. */
  baseDelayMs: number;
  /** The backoff window never grows past this. */
  maxDelayMs: number;
  /** Added on top of a Retry-After hint so requests told the same instant do not return together. */
  retryAfterJitterMs: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryAfterJitterMs: 250,
};

/**
 * The wait before the next attempt, or undefined when the error should be thrown instead: it is
 * not retryable (a bad key does not get better with retries) or the attempts are used up.
 *
 * @param attempt zero-based index of the attempt that just failed (0 = the first call)
 * @param random a source of numbers in [0, 1); injectable so tests are deterministic
 */
export function retryDelay(
  attempt: number,
  error: ProviderError,
  policy: RetryPolicy = defaultRetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (!error.retryable || attempt + 1 >= policy.maxAttempts) return undefined;
  if (error.retryAfterMs !== undefined) {
    // The service said when it will take us again; asking sooner only earns another 429.
    return Math.max(0, error.retryAfterMs) + random() * policy.retryAfterJitterMs;
  }
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return random() * window;
}
