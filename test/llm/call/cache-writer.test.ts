import { describe, expect, it } from 'vitest';
import {
  type CachedResponse,
  CacheWriter,
  type ResponseCache,
} from '../../../src/llm/call/response-cache.js';

const entry = (key: string): CachedResponse => ({
  key,
  provider: 'openai:m',
  model: 'm',
  response: { text: key },
  inputTokens: 1,
  outputTokens: 1,
  costUsd: 0,
});

describe('CacheWriter', () => {
  it('starts writing an answer inside put, before the caller can do anything else with it', () => {
    const writes: string[][] = [];
    const cache: ResponseCache = {
      get: async () => undefined,
      put: async (entries) => {
        writes.push(entries.map((e) => e.key));
      },
    };
    const writer = new CacheWriter(cache);
    void writer.put(entry('a'));
    // Synchronously, no tick later: a process killed right after this line keeps the answer.
    expect(writes).toEqual([['a']]);
  });

  it('groups answers that arrive while a write is in flight into the next write, and rejects on failure', async () => {
    const writes: string[][] = [];
    let release!: () => void;
    let fail = false;
    const cache: ResponseCache = {
      get: async () => undefined,
      put: (entries) => {
        writes.push(entries.map((e) => e.key));
        if (fail) return Promise.reject(new Error('disk full'));
        return writes.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    };
    const writer = new CacheWriter(cache);
    const a = writer.put(entry('a'));
    const b = writer.put(entry('b'));
    const c = writer.put(entry('c'));
    expect(writes).toEqual([['a']]);
    release();
    await Promise.all([a, b, c]);
    expect(writes).toEqual([['a'], ['b', 'c']]);
    fail = true;
    await expect(writer.put(entry('d'))).rejects.toThrow('disk full');
  });
});
