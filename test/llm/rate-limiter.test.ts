import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/llm/scheduler/rate-limiter.js';
import { FakeClock, settle } from './fake-clock.js';

const never = new AbortController().signal;

/** Starts an acquire and records the fake time at which it was granted. */
function track(clock: FakeClock, promise: Promise<void>): { grantedAt: number | undefined; error: unknown } {
  const state: { grantedAt: number | undefined; error: unknown } = { grantedAt: undefined, error: undefined };
  promise.then(
    () => {
      state.grantedAt = clock.now();
    },
    (e: unknown) => {
      state.error = e;
    },
  );
  return state;
}

describe('RateLimiter', () => {
  it('lets everything through at once without limits', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({}, clock);
    const grants = Array.from({ length: 100 }, () => track(clock, limiter.acquire(10_000, never)));
    await settle();
    expect(grants.every((g) => g.grantedAt === 0)).toBe(true);
  });

  it('allows a minute of requests at once, then one per 60000/rpm ms', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 60 }, clock);
    const grants = Array.from({ length: 63 }, () => track(clock, limiter.acquire(0, never)));
    await settle();
    expect(grants.filter((g) => g.grantedAt === 0)).toHaveLength(60);
    await clock.advance(999);
    expect(grants[60]?.grantedAt).toBeUndefined();
    await clock.advance(1);
    expect(grants[60]?.grantedAt).toBe(1000);
    await clock.advance(2000);
    expect(grants.slice(60).map((g) => g.grantedAt)).toEqual([1000, 2000, 3000]);
  });

  it('waits for enough tokens to refill', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    const first = track(clock, limiter.acquire(600, never));
    const second = track(clock, limiter.acquire(600, never));
    await settle();
    expect(first.grantedAt).toBe(0);
    // 200 tokens short at 1000 per minute: 12 s.
    await clock.advance(11_999);
    expect(second.grantedAt).toBeUndefined();
    await clock.advance(1);
    expect(second.grantedAt).toBe(12_000);
  });

  it('waits for the slower of the two buckets', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 600, tokensPerMinute: 1000 }, clock);
    await limiter.acquire(1000, never);
    const next = track(clock, limiter.acquire(100, never));
    await clock.runAll();
    // Requests would allow it at once; tokens need 6 s.
    expect(next.grantedAt).toBe(6_000);
  });

  it('lets a request larger than the bucket through when the bucket is full, then repays the debt', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    const big = track(clock, limiter.acquire(5000, never));
    await settle();
    expect(big.grantedAt).toBe(0);
    const small = track(clock, limiter.acquire(100, never));
    await clock.runAll();
    // From -4000 back to 100 at 1000 per minute.
    expect(small.grantedAt).toBe(246_000);
  });

  it('makes an oversized request wait for a full bucket, not forever', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    await limiter.acquire(500, never);
    const big = track(clock, limiter.acquire(5000, never));
    await clock.runAll();
    expect(big.grantedAt).toBe(30_000);
  });

  it('serves callers in arrival order: a small request does not overtake a large one', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    await limiter.acquire(900, never);
    const order: string[] = [];
    const large = limiter.acquire(800, never).then(() => order.push('large'));
    const small = limiter.acquire(50, never).then(() => order.push('small'));
    await clock.runAll();
    await Promise.all([large, small]);
    expect(order).toEqual(['large', 'small']);
  });

  it('gives back over-estimated tokens on settle, waking the queue early', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    await limiter.acquire(900, never);
    const next = track(clock, limiter.acquire(800, never));
    await clock.advance(1_000);
    expect(next.grantedAt).toBeUndefined();
    limiter.settle(900, 100);
    await settle();
    expect(next.grantedAt).toBe(1_000);
  });

  it('charges under-estimated tokens on settle', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    await limiter.acquire(100, never);
    limiter.settle(100, 1000);
    const next = track(clock, limiter.acquire(100, never));
    await clock.runAll();
    expect(next.grantedAt).toBe(6_000);
  });

  it('drops an aborted waiter and lets the one behind it go sooner', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    await limiter.acquire(1000, never);
    const controller = new AbortController();
    const big = track(clock, limiter.acquire(1000, controller.signal));
    const small = track(clock, limiter.acquire(100, never));
    await clock.advance(1_000);
    controller.abort(new Error('stop'));
    await settle();
    expect(big.error).toEqual(new Error('stop'));
    expect(limiter.waiting).toBe(1);
    await clock.runAll();
    expect(small.grantedAt).toBe(6_000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1 }, new FakeClock());
    await expect(limiter.acquire(1, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(limiter.waiting).toBe(0);
  });

  it('rejects non-positive limits', () => {
    expect(() => new RateLimiter({ requestsPerMinute: 0 })).toThrow(RangeError);
  });
});
