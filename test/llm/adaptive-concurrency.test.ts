import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrency } from '../../src/llm/scheduler/adaptive-concurrency.js';
import { settle } from './fake-clock.js';

const never = new AbortController().signal;

function granted(promises: Promise<void>[]): () => number {
  let count = 0;
  for (const p of promises)
    p.then(
      () => (count += 1),
      () => {},
    );
  return () => count;
}

describe('AdaptiveConcurrency', () => {
  it('never grants more slots than the limit, and grants in order as slots free', async () => {
    const sem = new AdaptiveConcurrency({ max: 3 });
    const order: number[] = [];
    const all = Array.from({ length: 6 }, (_, i) => sem.acquire(never).then(() => order.push(i)));
    await settle();
    expect(order).toEqual([0, 1, 2]);
    expect(sem.inFlight).toBe(3);
    expect(sem.waiting).toBe(3);
    sem.release();
    await settle();
    expect(order).toEqual([0, 1, 2, 3]);
    expect(sem.inFlight).toBe(3);
    sem.release();
    sem.release();
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('starts at the initial limit when given one', () => {
    expect(new AdaptiveConcurrency({ max: 10, initial: 4 }).limit).toBe(4);
    expect(new AdaptiveConcurrency({ max: 10, initial: 40 }).limit).toBe(10);
    expect(new AdaptiveConcurrency({ max: 10 }).limit).toBe(10);
  });

  it('halves on a rate limit, once per cooldown window, never below 1', () => {
    let now = 0;
    const sem = new AdaptiveConcurrency({ max: 16, cooldownMs: 1_000, now: () => now });
    sem.recordRateLimit();
    expect(sem.limit).toBe(8);
    for (let i = 0; i < 10; i += 1) sem.recordRateLimit();
    expect(sem.limit).toBe(8);
    now = 999;
    sem.recordRateLimit();
    expect(sem.limit).toBe(8);
    now = 1_000;
    sem.recordRateLimit();
    expect(sem.limit).toBe(4);
    for (const step of [2, 1, 1, 1]) {
      now += 1_000;
      sem.recordRateLimit();
      expect(sem.limit).toBe(step);
    }
  });

  it('lets in-flight requests finish after a decrease but starts no new ones above the limit', async () => {
    const sem = new AdaptiveConcurrency({ max: 4 });
    for (let i = 0; i < 4; i += 1) await sem.acquire(never);
    sem.recordRateLimit();
    expect(sem.limit).toBe(2);
    const count = granted([sem.acquire(never)]);
    sem.release();
    sem.release();
    await settle();
    expect(count()).toBe(0);
    expect(sem.inFlight).toBe(2);
    sem.release();
    await settle();
    expect(count()).toBe(1);
    expect(sem.inFlight).toBe(2);
  });

  it('grows by one per limit successes back up to the max', async () => {
    let now = 0;
    const sem = new AdaptiveConcurrency({ max: 6, cooldownMs: 1, now: () => now });
    sem.recordRateLimit();
    expect(sem.limit).toBe(3);
    for (let i = 0; i < 2; i += 1) sem.recordSuccess();
    expect(sem.limit).toBe(3);
    sem.recordSuccess();
    expect(sem.limit).toBe(4);
    for (let i = 0; i < 4; i += 1) sem.recordSuccess();
    expect(sem.limit).toBe(5);
    for (let i = 0; i < 100; i += 1) sem.recordSuccess();
    expect(sem.limit).toBe(6);
    now = 10;
    sem.recordRateLimit();
    expect(sem.limit).toBe(3);
  });

  it('grants a waiting caller as soon as the limit grows', async () => {
    const sem = new AdaptiveConcurrency({ max: 2, initial: 1 });
    await sem.acquire(never);
    const count = granted([sem.acquire(never)]);
    await settle();
    expect(count()).toBe(0);
    sem.recordSuccess();
    await settle();
    expect(sem.limit).toBe(2);
    expect(count()).toBe(1);
  });

  it('drops an aborted waiter without consuming a slot', async () => {
    const sem = new AdaptiveConcurrency({ max: 1 });
    await sem.acquire(never);
    const controller = new AbortController();
    const aborted = sem.acquire(controller.signal);
    const count = granted([sem.acquire(never)]);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(sem.waiting).toBe(1);
    sem.release();
    await settle();
    expect(count()).toBe(1);
    expect(sem.inFlight).toBe(1);
  });

  it('refuses an unbalanced release and a bad max', () => {
    expect(() => new AdaptiveConcurrency({ max: 1 }).release()).toThrow();
    expect(() => new AdaptiveConcurrency({ max: 0 })).toThrow(RangeError);
  });
});
