import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ProviderError } from '../../src/llm/errors.js';
import { CallDeadlines } from '../../src/llm/scheduler/call-deadlines.js';
import { scheduleProvider } from '../../src/llm/scheduler/scheduled-provider.js';
import type { CompletionRequest } from '../../src/llm/types.js';
import { FakeClock, settle } from './fake-clock.js';
import { deaf, FakeProvider, hang, ok, outcome } from './fake-provider.js';

const request: CompletionRequest = { messages: [{ role: 'user', content: 'Say hello.' }], params: {} };
const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;
const failure = (r: { error?: unknown }) => (r.error as ProviderError | undefined)?.failure;

describe('per-attempt timeouts by deadline slot', () => {
  it('leaves nothing registered on the run signal and no timer behind after 10,000 calls', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([
      (signal) =>
        new Promise((resolve) => {
          const stop = () => {};
          signal.addEventListener('abort', stop);
          setImmediate(() => {
            signal.removeEventListener('abort', stop);
            resolve(ok());
          });
        }),
    ]);
    const scheduled = scheduleProvider(provider, { clock, maxConcurrency: 64 });
    const run = new AbortController();
    let next = 0;
    await Promise.all(
      Array.from({ length: 128 }, async () => {
        while (next++ < 10_000) await scheduled.complete(request, run.signal);
      }),
    );
    expect(provider.calls).toBe(10_000);
    expect(listeners(run.signal)).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    // Calls in flight together share their signal: far fewer signals than calls, none aborted.
    const signals = new Set(provider.signals);
    expect(signals.size).toBeLessThan(1_000);
    expect([...signals].some((s) => s.aborted)).toBe(false);
    expect(scheduled.stats()).toMatchObject({ succeeded: 10_000, failed: 0, inFlight: 0 });
  });

  it('times out a call at its slot end, and not a call of a later slot', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([hang]);
    const scheduled = scheduleProvider(provider, { clock, timeoutMs: 10_000, retry: { maxAttempts: 1 } });
    const first = outcome(scheduled.complete(request, new AbortController().signal));
    await clock.advance(5_000);
    const second = outcome(scheduled.complete(request, new AbortController().signal));
    await clock.advance(5_000);
    expect(failure(first)).toBe('timeout');
    expect(provider.signals[0]?.aborted).toBe(true);
    expect(provider.signals[0]?.reason).toEqual(new Error('timed out after 10000 ms'));
    expect(second.done).toBe(false);
    expect(provider.signals[1]?.aborted).toBe(false);
    await clock.advance(5_000);
    expect(failure(second)).toBe('timeout');
    expect(clock.pendingTimers).toBe(0);
  });

  it('times out the calls of one slot together, at most a hundredth of the timeout late', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([deaf]);
    const scheduled = scheduleProvider(provider, { clock, timeoutMs: 10_000, retry: { maxAttempts: 1 } });
    const run = new AbortController().signal;
    await clock.advance(1);
    const early = outcome(scheduled.complete(request, run));
    await clock.advance(98);
    const late = outcome(scheduled.complete(request, run));
    await settle();
    expect(provider.signals[0]).toBe(provider.signals[1]);
    await clock.advance(10_000); // now 10,099: the first call is 10,098 ms old
    expect(early.done).toBe(false);
    await clock.advance(1); // 10,100: the slot's end
    expect(failure(early)).toBe('timeout');
    expect(failure(late)).toBe('timeout');
    expect(scheduled.stats()).toMatchObject({ failed: 2, inFlight: 0, failures: { timeout: 2 } });
  });

  it("stops a caller's calls at once when it aborts, and leaves another caller's running", async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([hang]);
    const scheduled = scheduleProvider(provider, { clock, maxConcurrency: 8 });
    const mine = new AbortController();
    const other = new AbortController();
    const a = outcome(scheduled.complete(request, mine.signal));
    const b = outcome(scheduled.complete(request, mine.signal));
    const c = outcome(scheduled.complete(request, other.signal));
    await settle();
    expect(provider.signals[0]).toBe(provider.signals[1]);
    expect(provider.signals[2]).not.toBe(provider.signals[0]);
    mine.abort(new Error('stop'));
    await settle();
    expect([failure(a), failure(b)]).toEqual(['aborted', 'aborted']);
    expect(provider.signals[0]?.aborted).toBe(true);
    expect(c.done).toBe(false);
    expect(provider.signals[2]?.aborted).toBe(false);
    expect(listeners(mine.signal)).toBe(0);
    expect(listeners(other.signal)).toBe(1);
    other.abort();
    await settle();
    expect(failure(c)).toBe('aborted');
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not abort a slot whose calls have all answered', async () => {
    const clock = new FakeClock();
    const provider = new FakeProvider([async () => ok()]);
    const scheduled = scheduleProvider(provider, { clock, timeoutMs: 10_000 });
    await scheduled.complete(request, new AbortController().signal);
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(20_000);
    expect(provider.signals[0]?.aborted).toBe(false);
  });

  it('makes slots a hundredth of the timeout, at least 1 ms', () => {
    expect(new CallDeadlines(new FakeClock(), 60_000).slotMs).toBe(600);
    expect(new CallDeadlines(new FakeClock(), 1_234).slotMs).toBe(12);
    expect(new CallDeadlines(new FakeClock(), 50).slotMs).toBe(1);
  });
});
