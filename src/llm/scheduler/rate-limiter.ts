/**
 * Client-side rate limiting against a service's requests-per-minute and tokens-per-minute limits,
 * so a run paces itself instead of learning the limits from 429s. Two token buckets that refill
 * continuously; callers queue in arrival order so a large request is not starved by small ones.
 */

import { onAbort } from './abort-hub.js';

/** Time, injectable so tests can drive the limiter with a fake clock. */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` if the signal aborts first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /**
   * Calls `fire` after `ms` unless the returned `cancel` runs first: a timer without a promise or a
   * signal of its own, for the per-request timeout (a run starts thousands of them a second).
   */
  after(ms: number, fire: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const leave = onAbort(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
      const timer = setTimeout(() => {
        leave();
        resolve();
      }, ms);
    }),
  after: (ms, fire) => {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/** Below this, a shortfall is floating-point noise from refilling, not a reason to wait. */
const EPSILON = 1e-6;

/** Holds up to a minute's allowance and refills it evenly over the minute. Can go negative (debt). */
class Bucket {
  private level: number;
  private lastRefill: number;
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    now: number,
  ) {
    if (!(capacity > 0)) throw new RangeError(`a per-minute limit must be positive, got ${capacity}`);
    this.level = capacity;
    this.lastRefill = now;
    this.perMs = capacity / 60_000;
  }

  /**
   * Milliseconds until `amount` can be taken; 0 means now. An amount above the capacity waits for
   * a full bucket instead, so an oversized request goes through rather than deadlocking.
   */
  waitFor(amount: number, now: number): number {
    this.refill(now);
    const shortfall = Math.min(amount, this.capacity) - this.level;
    return shortfall <= EPSILON ? 0 : Math.max(1, Math.ceil(shortfall / this.perMs));
  }

  take(amount: number): void {
    this.level -= amount;
  }

  /** Positive gives back an over-estimate, negative charges an under-estimate. */
  adjust(delta: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + delta);
  }

  private refill(now: number): void {
    this.level = Math.min(this.capacity, this.level + (now - this.lastRefill) * this.perMs);
    this.lastRefill = now;
  }
}

interface Waiter {
  tokens: number;
  resolve(): void;
  /** Stops waiting for the caller's abort (see abort-hub.ts). */
  leave(): void;
}

export class RateLimiter {
  private readonly requests: Bucket | undefined;
  private readonly tokens: Bucket | undefined;
  private readonly queue: Waiter[] = [];
  private pumping = false;
  /** Interrupts the pump's sleep when the head of the queue changes or tokens come back. */
  private wake: AbortController | undefined;

  constructor(
    limits: RateLimits,
    private readonly clock: Clock = systemClock,
  ) {
    const now = clock.now();
    this.requests =
      limits.requestsPerMinute === undefined ? undefined : new Bucket(limits.requestsPerMinute, now);
    this.tokens = limits.tokensPerMinute === undefined ? undefined : new Bucket(limits.tokensPerMinute, now);
  }

  /** Callers queued behind the one being served, and that one. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves when one request of about `estimatedTokens` may be sent, after every earlier caller.
   * Rejects with `signal.reason` if the signal aborts while waiting.
   */
  acquire(estimatedTokens: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    // Nobody waiting and both buckets allow it: served at once, as the pump would, without a waiter,
    // a listener and a pump per request (a run asks thousands of times a second).
    if (this.queue.length === 0) {
      const now = this.clock.now();
      const tokens = Math.max(0, estimatedTokens);
      if ((this.requests?.waitFor(1, now) ?? 0) === 0 && (this.tokens?.waitFor(tokens, now) ?? 0) === 0) {
        this.requests?.take(1);
        this.tokens?.take(tokens);
        return Promise.resolve();
      }
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        tokens: Math.max(0, estimatedTokens),
        resolve,
        leave: onAbort(signal, () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          if (index === 0) this.wake?.abort();
          reject(signal.reason);
        }),
      };
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** Corrects the token bucket once the real usage is known. */
  settle(estimatedTokens: number, actualTokens: number): void {
    if (this.tokens === undefined) return;
    this.tokens.adjust(Math.max(0, estimatedTokens) - actualTokens, this.clock.now());
    this.wake?.abort();
  }

  /** Serves the queue head whenever both buckets allow it; one pump runs at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
        const now = this.clock.now();
        const wait = Math.max(
          this.requests?.waitFor(1, now) ?? 0,
          this.tokens?.waitFor(head.tokens, now) ?? 0,
        );
        if (wait === 0) {
          this.queue.shift();
          this.requests?.take(1);
          this.tokens?.take(head.tokens);
          head.leave();
          head.resolve();
          continue;
        }
        this.wake = new AbortController();
        try {
          await this.clock.sleep(wait, this.wake.signal);
        } catch {
          // Woken early: the head left or tokens came back. Look again.
        }
        this.wake = undefined;
      }
    } finally {
      this.pumping = false;
    }
  }
}
