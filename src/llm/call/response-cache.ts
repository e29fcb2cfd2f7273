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
 * Writes each answer the moment it arrives: the write starts inside `put`, before the caller does
 * anything else with the answer (on SQLite the commit itself happens there, synchronously), so a
 * crash after that point can never make anyone pay for it again. Only while a write is still in
 * flight (PostgreSQL's round trip) do answers arriving meanwhile wait, and they then go together
 * in the next write, started as soon as that one ends: grouping without a delay of its own.
 * Each call waits for the commit that holds its answer before it returns.
 */
export class CacheWriter {
  private pending: { entry: CachedResponse; done: (e?: unknown) => void }[] = [];
  private busy = false;

  constructor(private readonly cache: ResponseCache) {}

  put(entry: CachedResponse): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.cache.put(batch.map((b) => b.entry));
          for (const b of batch) b.done();
        } catch (e) {
          for (const b of batch) b.done(e);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
