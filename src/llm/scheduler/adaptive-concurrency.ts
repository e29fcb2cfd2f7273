/**
 * A semaphore whose limit adapts to the service, AIMD-style like TCP congestion control: halve
 * on a rate-limit signal, grow by one after a full limit's worth of successes. Requests in flight
 * when the limit drops are allowed to finish; no new ones start until the count is under it.
 */

import { onAbort } from './abort-hub.js';

export interface AdaptiveConcurrencyOptions {
  /** The ceiling the limit grows back to. */
  max: number;
  /** Where the limit starts; defaults to `max`. */
  initial?: number;
  /**
   * After halving, further rate-limit signals within this window are ignored: a burst of 429s
   * from requests sent together reports one overload, not many.
   */
  cooldownMs?: number;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

export const defaultCooldownMs = 5_000;

interface Waiter {
  resolve(): void;
  /** Stops waiting for the caller's abort (see abort-hub.ts). */
  leave(): void;
}

export class AdaptiveConcurrency {
  readonly max: number;
  private current: number;
  private active = 0;
  private successes = 0;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private readonly queue: Waiter[] = [];

  constructor(options: AdaptiveConcurrencyOptions) {
    if (!Number.isInteger(options.max) || options.max < 1) {
      throw new RangeError(`max concurrency must be a whole number of at least 1, got ${options.max}`);
    }
    this.max = options.max;
    this.current = Math.min(this.max, Math.max(1, Math.floor(options.initial ?? options.max)));
    this.cooldownMs = options.cooldownMs ?? defaultCooldownMs;
    this.now = options.now ?? (() => performance.now());
  }

  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a slot held, in arrival order; rejects with `signal.reason` on abort. */
  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.queue.length === 0 && this.active < this.current) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        leave: onAbort(signal, () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
        }),
      };
      this.queue.push(waiter);
    });
  }

  /** Gives back a slot taken by `acquire`. */
  release(): void {
    if (this.active === 0) throw new Error('release() without a matching acquire()');
    this.active -= 1;
    this.grant();
  }

  /** Additive increase: +1 once `limit` requests have succeeded since the last change. */
  recordSuccess(): void {
    if (this.current >= this.max) {
      this.successes = 0;
      return;
    }
    this.successes += 1;
    if (this.successes >= this.current) {
      this.current += 1;
      this.successes = 0;
      this.grant();
    }
  }

  /** Multiplicative decrease: halve (never below 1), at most once per cooldown window. */
  recordRateLimit(): void {
    const now = this.now();
    if (now - this.lastDecrease < this.cooldownMs) return;
    this.lastDecrease = now;
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.successes = 0;
  }

  private grant(): void {
    while (this.active < this.current) {
      const next = this.queue.shift();
      if (next === undefined) return;
      next.leave();
      this.active += 1;
      next.resolve();
    }
  }
}
