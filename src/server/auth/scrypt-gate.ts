import { TandemError } from '../../core/errors.js';

/**
 * At most `concurrency` password checks at once (scrypt takes ~100 ms of a core and 32 MiB each; 40
 * unbounded wrong guesses pushed a real login from 0.9 s to 23 s), with a bounded queue in which
 * known devices go first. A full queue answers 429 at once rather than letting waits grow.
 */
export class ScryptGate {
  private running = 0;
  private readonly known: (() => void)[] = [];
  private readonly unknown: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly maxQueue = 16,
  ) {}

  async run<T>(knownDevice: boolean, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      const queue = knownDevice ? this.known : this.unknown;
      // A known device may wait in a queue of its own (still bounded); unknown ones share the rest.
      if (queue.length >= this.maxQueue)
        throw new TandemError('rate_limited', 'too many logins at once; try again in a few seconds', {
          details: { retryAfterSeconds: 2 },
        });
      await new Promise<void>((resolve) => queue.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.known.shift() ?? this.unknown.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Checks running and waiting (for tests and the bench). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.known.length + this.unknown.length };
  }
}
