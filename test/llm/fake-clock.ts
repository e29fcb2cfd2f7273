import type { Clock } from '../../src/llm/scheduler/rate-limiter.js';

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
}

/** Lets every promise chain that can move on do so before the test looks. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Virtual time: sleeps resolve only when the test advances the clock past them. */
export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];
  /** Every duration asked for (sleeps and timers), in order. */
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, resolve };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal.reason);
      };
      timer.resolve = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  after(ms: number, fire: () => void): () => void {
    this.sleeps.push(ms);
    const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, resolve: fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and settling after each. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (let next = this.nextDue(target); next !== undefined; next = this.nextDue(target)) {
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.resolve();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /** Advances to each next timer until none are left. */
  async runAll(maxTimers = 10_000): Promise<void> {
    await settle();
    for (let fired = 0; this.timers.length > 0; fired += 1) {
      if (fired >= maxTimers) throw new Error('timers keep coming: runaway loop?');
      const next = this.nextDue(Number.POSITIVE_INFINITY);
      if (next !== undefined) await this.advance(next.at - this.time);
    }
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at <= limit && (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)))
        best = t;
    }
    return best;
  }
}
