/**
 * Stops a run against a provider that cannot be reached. Each request retries its own connection
 * failures, so a dead server used to cost every row its whole retry budget (a server killed 6 s into
 * a 200-row run: 174 s, 900 retry lines, 180 failed rows, exit 0). Here the failures are counted
 * across requests: after `threshold` consecutive ones the circuit opens, every request waits, one
 * request at a time goes through as a probe (with growing pauses), and a probe that gets any answer
 * from the server closes the circuit again. If none does within `maxWaitMs`, every waiting and later
 * request fails with an `unreachable` error, which stops the run: rows not yet done stay undone.
 */
import { ProviderError } from '../errors.js';
import type { Clock } from './rate-limiter.js';

export interface CircuitOptions {
  /** Consecutive connection failures, across all requests, that open the circuit. Default 5. */
  threshold?: number;
  /** How long the circuit may stay open before requests fail for good. Default 60 s. */
  maxWaitMs?: number;
  /** The first pause between probes; it doubles up to `maxProbeIntervalMs`. Default 1 s. */
  probeIntervalMs?: number;
  maxProbeIntervalMs?: number;
}

export type CircuitEvent =
  | { state: 'open'; providerId: string; failures: number; cause: string; maxWaitMs: number }
  | { state: 'closed'; providerId: string; downMs: number }
  | { state: 'broken'; providerId: string; error: ProviderError };

/** What `pass` lets a request be: an ordinary request, or the one probe of an open circuit. */
export type Passage = 'normal' | 'probe';

export class CircuitBreaker {
  private readonly threshold: number;
  private readonly maxWaitMs: number;
  private readonly baseProbeMs: number;
  private readonly maxProbeMs: number;
  private consecutive = 0;
  private lastCause = '';
  private openedAt: number | undefined;
  private probing = false;
  private probeDelay: number;
  private nextProbeAt = 0;
  private broken: ProviderError | undefined;
  private wakers = new Set<() => void>();

  constructor(
    private readonly providerId: string,
    private readonly clock: Clock,
    options: CircuitOptions = {},
    private readonly onChange?: (event: CircuitEvent) => void,
  ) {
    this.threshold = options.threshold ?? 5;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.baseProbeMs = options.probeIntervalMs ?? 1_000;
    this.maxProbeMs = options.maxProbeIntervalMs ?? 10_000;
    this.probeDelay = this.baseProbeMs;
  }

  get isOpen(): boolean {
    return this.openedAt !== undefined;
  }

  /** Neither open nor given up: `pass` would answer 'normal' without waiting. */
  get closed(): boolean {
    return this.openedAt === undefined && this.broken === undefined;
  }

  /** Waits until a request may be sent; throws the `unreachable` error once the wait is over. */
  async pass(signal: AbortSignal): Promise<Passage> {
    for (;;) {
      if (this.broken) throw this.broken;
      if (this.openedAt === undefined) return 'normal';
      const now = this.clock.now();
      const deadline = this.openedAt + this.maxWaitMs;
      if (now >= deadline) throw this.giveUp();
      if (!this.probing && now >= this.nextProbeAt) {
        this.probing = true;
        return 'probe';
      }
      const until = this.probing ? deadline : Math.min(this.nextProbeAt, deadline);
      await this.sleep(until - now, signal);
    }
  }

  /** The server answered (with anything: a 500 is still an answer): the circuit closes. */
  reached(): void {
    this.consecutive = 0;
    if (this.openedAt === undefined) return;
    const downMs = this.clock.now() - this.openedAt;
    this.openedAt = undefined;
    this.probing = false;
    this.probeDelay = this.baseProbeMs;
    this.onChange?.({ state: 'closed', providerId: this.providerId, downMs });
    this.wakeAll();
  }

  /** A connection failure (refused, reset, no route). */
  unreachable(error: ProviderError, passage: Passage): void {
    this.consecutive++;
    this.lastCause = error.message;
    const now = this.clock.now();
    if (passage === 'probe') {
      this.probing = false;
      this.probeDelay = Math.min(this.probeDelay * 2, this.maxProbeMs);
      this.nextProbeAt = now + this.probeDelay;
      this.wakeAll();
      return;
    }
    if (this.openedAt !== undefined || this.consecutive < this.threshold) return;
    this.openedAt = now;
    this.nextProbeAt = now + this.probeDelay;
    this.onChange?.({
      state: 'open',
      providerId: this.providerId,
      failures: this.consecutive,
      cause: error.message,
      maxWaitMs: this.maxWaitMs,
    });
  }

  /** A probe that ended in neither (cancelled, say): let the next request probe. */
  released(passage: Passage): void {
    if (passage !== 'probe' || !this.probing) return;
    this.probing = false;
    this.wakeAll();
  }

  private giveUp(): ProviderError {
    if (!this.broken) {
      const seconds = Math.round(this.maxWaitMs / 1000);
      this.broken = new ProviderError(
        this.providerId,
        'unreachable',
        `the server could not be reached for ${seconds} s (${this.consecutive} connection failures in a row; last: ${this.lastCause}) — the run stopped; rows not done are left for the next run of the same command`,
      );
      this.onChange?.({ state: 'broken', providerId: this.providerId, error: this.broken });
      this.wakeAll();
    }
    return this.broken;
  }

  /** Sleeps until `ms` passes or the circuit's state changes. */
  private async sleep(ms: number, signal: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const wake = () => stop.abort('woken');
    this.wakers.add(wake);
    try {
      await this.clock.sleep(Math.max(0, ms), stop.signal);
    } catch (e) {
      if (signal.aborted) throw e;
    } finally {
      this.wakers.delete(wake);
      signal.removeEventListener('abort', onAbort);
    }
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }
}
