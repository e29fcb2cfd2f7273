import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/llm/errors.js';
import { priceFor } from '../../src/llm/pricing.js';
import {
  estimateRequestTokens,
  type RetryEvent,
  scheduleProvider,
} from '../../src/llm/scheduler/scheduled-provider.js';
import type { CompletionRequest, Provider } from '../../src/llm/types.js';
import { FakeClock, settle } from './fake-clock.js';
import { deaf, FakeProvider, failWith, hang, ok, outcome, succeed } from './fake-provider.js';

const request: CompletionRequest = {
  messages: [{ role: 'user', content: 'Say hello.' }],
  params: { maxTokens: 100 },
};
const never = new AbortController().signal;

describe('scheduleProvider', () => {
  it('passes a success through and accounts tokens and cost', async () => {
    const provider = new FakeProvider([succeed]);
    const scheduled = scheduleProvider(provider, { clock: new FakeClock() });
    expect(scheduled.id).toBe('openai:gpt-4o-mini');
    await expect(scheduled.complete(request, never)).resolves.toEqual(ok());
    await scheduled.complete(request, never);
    const stats = scheduled.stats();
    expect(stats).toMatchObject({ requests: 2, attempts: 2, retries: 0, succeeded: 2, failed: 0 });
    expect(stats.inputTokens).toBe(2000);
    expect(stats.outputTokens).toBe(1000);
    // gpt-4o-mini: 0.15 in, 0.60 out per million.
    expect(stats.costUsd).toBeCloseTo((2000 * 0.15 + 1000 * 0.6) / 1e6, 12);
  });

  it('reports unknown cost for a model without a price, and honours an explicit price', async () => {
    const unknown = scheduleProvider(new FakeProvider([succeed], 'my-finetune'), { clock: new FakeClock() });
    await unknown.complete(request, never);
    expect(unknown.stats().costUsd).toBeUndefined();
    expect(unknown.stats().inputTokens).toBe(1000);
    const priced = scheduleProvider(new FakeProvider([succeed], 'my-finetune'), {
      clock: new FakeClock(),
      price: { inputPerMillion: 1, outputPerMillion: 2 },
    });
    await priced.complete(request, never);
    expect(priced.stats().costUsd).toBeCloseTo((1000 + 1000) / 1e6, 12);
  });

  it.each(['server', 'rate_limited', 'overloaded', 'network', 'malformed'] as const)(
    'retries a %s failure and then succeeds',
    async (failure) => {
      const clock = new FakeClock();
      const provider = new FakeProvider([failWith(failure), failWith(failure), succeed]);
      const retries: RetryEvent[] = [];
      const scheduled = scheduleProvider(provider, {
        clock,
        random: () => 0.5,
        onRetry: (e) => retries.push(e),
      });
      const result = outcome(scheduled.complete(request, never));
      await clock.runAll();
      expect(result.value).toEqual(ok());
      expect(provider.calls).toBe(3);
      expect(retries.map((r) => [r.attempt, r.error.failure, r.delayMs])).toEqual([
        [1, failure, 250],
        [2, failure, 500],
      ]);
      const stats = scheduled.stats();
      expect(stats).toMatchObject({ requests: 1, attempts: 3, retries: 2, succeeded: 1, failed: 0 });
      expect(stats.failures).toEqual({ [failure]: 2 });
    },
  );

  it.each(['auth', 'bad_request', 'quota'] as const)(
    'fails fast on %s, rethrowing the same error',
    async (failure) => {
      const clock = new FakeClock();
      const error = new ProviderError('openai:gpt-4o-mini', failure, 'no');
      const provider = new FakeProvider([
        async () => {
          throw error;
        },
      ]);
      const retries: RetryEvent[] = [];
      const scheduled = scheduleProvider(provider, { clock, onRetry: (e) => retries.push(e) });
      await expect(scheduled.complete(request, never)).rejects.toBe(error);
      expect(provider.calls).toBe(1);
      expect(retries).toEqual([]);
      expect(scheduled.stats()).toMatchObject({ failed: 1, retries: 0, failures: { [failure]: 1 } });
      expect(clock.sleeps).toEqual([60_000]); // only the attempt's timeout timer, no backoff
    },
  );

  it('gives up after maxAttempts and rethrows the last error', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([failWith('server')]);
    const scheduled = scheduleProvider(provider, { clock, retry: { maxAttempts: 3 } });
    const result = outcome(scheduled.complete(request, never));
    await clock.runAll();
    expect(result.error).toBeInstanceOf(ProviderError);
    expect((result.error as ProviderError).failure).toBe('server');
    expect(provider.calls).toBe(3);
    expect(scheduled.stats()).toMatchObject({ attempts: 3, retries: 2, failed: 1, failures: { server: 3 } });
  });

  it('waits the Retry-After the service asked for before trying again', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([failWith('rate_limited', 5_000), succeed]);
    const scheduled = scheduleProvider(provider, { clock, random: () => 0 });
    const result = outcome(scheduled.complete(request, never));
    await clock.advance(4_999);
    expect(provider.calls).toBe(1);
    await clock.advance(1);
    expect(provider.calls).toBe(2);
    expect(result.value).toEqual(ok());
  });

  it('turns a hung call into a timeout, aborting the signal the provider was given', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([hang]);
    const scheduled = scheduleProvider(provider, { clock, timeoutMs: 10_000, retry: { maxAttempts: 1 } });
    const result = outcome(scheduled.complete(request, never));
    await clock.advance(9_999);
    expect(result.done).toBe(false);
    await clock.advance(1);
    expect((result.error as ProviderError).failure).toBe('timeout');
    expect(provider.signals[0]?.aborted).toBe(true);
    expect(scheduled.stats().failures).toEqual({ timeout: 1 });
  });

  it('times out a provider that ignores its signal, and retries the timeout', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([deaf, succeed]);
    const scheduled = scheduleProvider(provider, { clock, timeoutMs: 10_000, random: () => 0 });
    const result = outcome(scheduled.complete(request, never));
    await clock.advance(10_000);
    expect(provider.calls).toBe(2);
    expect(result.value).toEqual(ok());
    expect(scheduled.stats()).toMatchObject({ retries: 1, failures: { timeout: 1 }, inFlight: 0 });
  });

  it('never has more calls in flight than maxConcurrency', async () => {
    const clock = new FakeClock();
    const pending: Array<() => void> = [];
    const provider = new FakeProvider([() => new Promise((resolve) => pending.push(() => resolve(ok())))]);
    const scheduled = scheduleProvider(provider, { clock, maxConcurrency: 3 });
    const results = Array.from({ length: 20 }, () => outcome(scheduled.complete(request, never)));
    for (let round = 0; results.some((r) => !r.done); round += 1) {
      await settle();
      expect(provider.active).toBeLessThanOrEqual(3);
      pending.shift()?.();
      if (round > 100) throw new Error('stuck');
    }
    expect(provider.maxActive).toBe(3);
    expect(provider.calls).toBe(20);
  });

  it('halves the concurrency limit on 429s from one burst only once, and grows it back', async () => {
    const clock = new FakeClock();
    const release: Array<() => void> = [];
    let throttle = true;
    const provider = new FakeProvider([
      () =>
        new Promise((resolve, reject) =>
          release.push(() =>
            throttle ? reject(new ProviderError('openai:gpt-4o-mini', 'rate_limited', '429')) : resolve(ok()),
          ),
        ),
    ]);
    const scheduled = scheduleProvider(provider, { clock, maxConcurrency: 8, random: () => 0 });
    const results = Array.from({ length: 8 }, () => outcome(scheduled.complete(request, never)));
    await settle();
    expect(provider.active).toBe(8);
    for (const r of release.splice(0)) r();
    await settle();
    expect(scheduled.stats().concurrencyLimit).toBe(4);
    throttle = false;
    await clock.advance(0); // retries wait 0 ms with random() = 0
    expect(provider.active).toBe(4);
    while (results.some((r) => !r.done)) {
      for (const r of release.splice(0)) r();
      await settle();
    }
    // 8 successes from limit 4: +1 after 4, +1 after 5 more would need 9; so 5.
    expect(scheduled.stats().concurrencyLimit).toBe(5);
    expect(scheduled.stats().failures).toEqual({ rate_limited: 8 });
  });

  it('paces requests by the rate limits on the fake clock', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([succeed]);
    const scheduled = scheduleProvider(provider, { clock, rateLimits: { requestsPerMinute: 2 } });
    const results = Array.from({ length: 3 }, () => outcome(scheduled.complete(request, never)));
    await settle();
    expect(provider.calls).toBe(2);
    await clock.advance(29_999);
    expect(provider.calls).toBe(2);
    await clock.advance(1);
    expect(provider.calls).toBe(3);
    expect(results.every((r) => r.done)).toBe(true);
  });

  it('settles the token estimate against real usage', async () => {
    const clock = new FakeClock();
    // Estimate: ceil(10 / 4) + 100 = 103 tokens; real usage is 1500, so the bucket runs into debt.
    expect(estimateRequestTokens(request)).toBe(103);
    const provider = new FakeProvider([succeed]);
    const scheduled = scheduleProvider(provider, { clock, rateLimits: { tokensPerMinute: 1500 } });
    await scheduled.complete(request, never);
    const second = outcome(scheduled.complete(request, never));
    await settle();
    expect(provider.calls).toBe(1);
    await clock.runAll();
    expect(second.done).toBe(true);
    // From 0 back up to 103 tokens at 1500 per minute.
    expect(clock.now()).toBe(Math.ceil((103 * 60_000) / 1500));
  });

  it('estimates 256 output tokens when maxTokens is unset', () => {
    expect(estimateRequestTokens({ messages: [{ role: 'user', content: 'x'.repeat(8) }], params: {} })).toBe(
      258,
    );
  });

  it('stops at once with aborted when the caller aborts a call in flight', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([deaf]);
    const scheduled = scheduleProvider(provider, { clock });
    const controller = new AbortController();
    const result = outcome(scheduled.complete(request, controller.signal));
    await settle();
    controller.abort();
    await settle();
    expect((result.error as ProviderError).failure).toBe('aborted');
    expect(provider.signals[0]?.aborted).toBe(true);
    expect(provider.calls).toBe(1);
    expect(scheduled.stats()).toMatchObject({ failed: 1, inFlight: 0, failures: { aborted: 1 } });
  });

  it('stops at once when aborted during a retry wait or while queued', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([failWith('server'), hang]);
    const scheduled = scheduleProvider(provider, { clock, maxConcurrency: 1, random: () => 0.9 });
    const controller = new AbortController();
    const retrying = outcome(scheduled.complete(request, controller.signal));
    await settle();
    expect(provider.calls).toBe(1);
    controller.abort();
    await settle();
    expect((retrying.error as ProviderError).failure).toBe('aborted');

    const blocker = outcome(scheduled.complete(request, never));
    const queued = new AbortController();
    const waiting = outcome(scheduled.complete(request, queued.signal));
    await settle();
    queued.abort();
    await settle();
    expect((waiting.error as ProviderError).failure).toBe('aborted');
    expect(provider.calls).toBe(2);
    expect(blocker.done).toBe(false);
  });

  it('does not call the provider when the signal is already aborted', async () => {
    const provider = new FakeProvider([succeed]);
    const scheduled = scheduleProvider(provider, { clock: new FakeClock() });
    await expect(scheduled.complete(request, AbortSignal.abort())).rejects.toMatchObject({
      failure: 'aborted',
    });
    expect(provider.calls).toBe(0);
  });

  it('prices the template provider at zero', async () => {
    expect(priceFor('template', 'template')).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
    const template: Provider = {
      id: 'template',
      kind: 'template',
      model: 'template',
      complete: async () => ok(),
    };
    const scheduled = scheduleProvider(template, { clock: new FakeClock() });
    await scheduled.complete(request, never);
    expect(scheduled.stats().costUsd).toBe(0);
  });
});
