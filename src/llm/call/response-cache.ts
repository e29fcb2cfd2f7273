import type { CachedAnswer } from '../../core/cached-answer.js';

/**
 * Where model answers are kept by cache key. The store implements it (its `llm_cache` repository);
 * the call module only sees this interface, so `llm/` never imports the store and each stage
 * decides which cache its calls use.
 */

export type CachedResponse = CachedAnswer;

export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  /** Stores answers; a key already there keeps its first answer (two workers raced on one call). */
  put(entries: CachedResponse[]): Promise<void>;
}

/**
 * Answers that arrive in the same turn of the event loop are committed together: at a thousand
 * answers a second a commit each was a tenth of a generation run's time. Each call still waits for
 * the commit that holds its answer before it returns.
 */
export class BatchedCacheWriter {
  private pending: { entry: CachedResponse; done: (e?: unknown) => void }[] = [];

  constructor(private readonly cache: ResponseCache) {}

  put(entry: CachedResponse): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ entry, done: (e) => (e === undefined ? resolve() : reject(e)) });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      await this.cache.put(batch.map((b) => b.entry));
      for (const b of batch) b.done();
    } catch (e) {
      for (const b of batch) b.done(e);
    }
  }
}
