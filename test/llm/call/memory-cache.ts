import type { CachedResponse, ResponseCache } from '../../../src/llm/call/response-cache.js';

/** A response cache in memory that remembers how it was used. */
export class MemoryCache implements ResponseCache {
  readonly entries = new Map<string, CachedResponse>();
  readonly gets: string[] = [];
  /** Each `put`, as the list of keys it stored. */
  readonly puts: string[][] = [];
  /** Makes the next puts fail, as a store that lost its connection would. */
  failWith: Error | undefined;

  async get(key: string): Promise<CachedResponse | undefined> {
    this.gets.push(key);
    return this.entries.get(key);
  }

  async put(entries: CachedResponse[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.puts.push(entries.map((e) => e.key));
    for (const e of entries) if (!this.entries.has(e.key)) this.entries.set(e.key, e);
  }
}
