import { describe, expect, it } from 'vitest';
import { ProviderError, type ProviderFailure } from '../../src/llm/errors.js';
import { defaultRetryPolicy, retryDelay } from '../../src/llm/scheduler/retry-policy.js';

const err = (failure: ProviderFailure, retryAfterMs?: number): ProviderError =>
  new ProviderError(
    'openai:gpt-4o-mini',
    failure,
    failure,
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );

const almostOne = () => 0.999_999;

describe('retryDelay', () => {
  it('retries transient failures and never permanent ones', () => {
    for (const failure of [
      'rate_limited',
      'overloaded',
      'server',
      'timeout',
      'network',
      'malformed',
    ] as const) {
      expect(
        retryDelay(0, err(failure), defaultRetryPolicy, () => 0.5),
        failure,
      ).toBeTypeOf('number');
    }
    for (const failure of ['auth', 'quota', 'bad_request', 'aborted'] as const) {
      expect(
        retryDelay(0, err(failure), defaultRetryPolicy, () => 0.5),
        failure,
      ).toBeUndefined();
    }
  });

  it('draws from a window that doubles per attempt (full jitter)', () => {
    expect(retryDelay(0, err('server'), defaultRetryPolicy, () => 0)).toBe(0);
    expect(retryDelay(0, err('server'), defaultRetryPolicy, () => 0.5)).toBe(250);
    expect(retryDelay(0, err('server'), defaultRetryPolicy, almostOne)).toBeCloseTo(500, 2);
    expect(retryDelay(1, err('server'), defaultRetryPolicy, almostOne)).toBeCloseTo(1000, 2);
    expect(retryDelay(3, err('server'), defaultRetryPolicy, () => 0.5)).toBe(2000);
  });

  it('caps the window at maxDelayMs', () => {
    const policy = { ...defaultRetryPolicy, maxAttempts: 100 };
    expect(retryDelay(20, err('server'), policy, almostOne)).toBeCloseTo(30_000, 0);
    expect(retryDelay(60, err('server'), policy, () => 0.5)).toBe(15_000);
  });

  it('stops after maxAttempts attempts in total', () => {
    expect(defaultRetryPolicy.maxAttempts).toBe(6);
    expect(retryDelay(4, err('server'), defaultRetryPolicy, () => 0.5)).toBeTypeOf('number');
    expect(retryDelay(5, err('server'), defaultRetryPolicy, () => 0.5)).toBeUndefined();
    const once = { ...defaultRetryPolicy, maxAttempts: 1 };
    expect(retryDelay(0, err('server'), once, () => 0.5)).toBeUndefined();
  });

  it('waits at least Retry-After, plus a little jitter, even beyond the backoff cap', () => {
    expect(retryDelay(0, err('rate_limited', 7_000), defaultRetryPolicy, () => 0)).toBe(7_000);
    const most = retryDelay(0, err('rate_limited', 7_000), defaultRetryPolicy, almostOne) ?? 0;
    expect(most).toBeGreaterThan(7_000);
    expect(most).toBeLessThanOrEqual(7_000 + defaultRetryPolicy.retryAfterJitterMs);
    expect(retryDelay(0, err('rate_limited', 45_000), defaultRetryPolicy, () => 0)).toBe(45_000);
  });

  it('does not retry a permanent failure even when it carries Retry-After', () => {
    expect(retryDelay(0, err('quota', 1_000), defaultRetryPolicy, () => 0)).toBeUndefined();
  });
});
