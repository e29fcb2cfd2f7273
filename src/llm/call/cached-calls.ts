import { costOf, type ModelPrice } from '../pricing.js';
import { withOfflineAnswer } from '../template.js';
import type { Completion, Provider } from '../types.js';
import { cacheKey } from './cache-key.js';
import type { CallModel, ModelAnswer, ModelCall } from './model-call.js';
import { CacheWriter, type ResponseCache } from './response-cache.js';

/**
 * Model calls through the response cache: a call whose answer is cached costs nothing, a miss goes
 * to the (scheduled) provider and its answer is stored before the call returns, so from then on a
 * crash cannot make anyone pay for it again. Every stage that calls models uses this one module.
 */

export interface CallStats {
  calls: number;
  cacheHits: number;
  /** Tokens and cost the cache saved. */
  cachedInputTokens: number;
  cachedOutputTokens: number;
}

export interface CachedCallsOptions {
  cache: ResponseCache;
  /** By provider id, as `ModelCall.provider` names them; usually scheduled providers. */
  providers: ReadonlyMap<string, Provider>;
  signal: AbortSignal;
  priceOf: (provider: string) => ModelPrice | undefined;
  /** In batch mode a cache miss is not sent: it is handed here and the caller waits for the batch. */
  defer?: (key: string, call: ModelCall) => never;
}

export interface CachedCalls {
  call: CallModel;
  stats: CallStats;
}

export function createCachedCalls(options: CachedCallsOptions): CachedCalls {
  const stats: CallStats = { calls: 0, cacheHits: 0, cachedInputTokens: 0, cachedOutputTokens: 0 };
  // Two calls asking the identical question at once share one request.
  const inFlight = new Map<string, Promise<ModelAnswer>>();
  const writer = new CacheWriter(options.cache);

  const call: CallModel = async (c) => {
    stats.calls++;
    const provider = options.providers.get(c.provider);
    if (!provider) throw new Error(`provider '${c.provider}' was not prepared for this run`);
    const key = cacheKey(c.provider, c.request);
    // Offline answers cost nothing and are recomputed exactly: caching them would only fill the store.
    if (provider.kind === 'template') {
      const completion = await provider.complete(withOfflineAnswer(c.request, c.offline), options.signal);
      return { completion, key, cached: false };
    }
    const pending = inFlight.get(key);
    if (pending) return pending;
    const work = (async (): Promise<ModelAnswer> => {
      const hit = await options.cache.get(key);
      if (hit) {
        stats.cacheHits++;
        stats.cachedInputTokens += hit.inputTokens;
        stats.cachedOutputTokens += hit.outputTokens;
        return { completion: hit.response as Completion, key, cached: true };
      }
      if (options.defer) options.defer(key, c);
      const completion = await provider.complete(c.request, options.signal);
      const price = options.priceOf(c.provider);
      await writer.put({
        key,
        provider: c.provider,
        model: completion.model,
        response: completion,
        inputTokens: completion.usage.inputTokens,
        outputTokens: completion.usage.outputTokens,
        costUsd: price ? costOf(completion.usage, price) : 0,
      });
      return { completion, key, cached: false };
    })();
    inFlight.set(key, work);
    try {
      return await work;
    } finally {
      inFlight.delete(key);
    }
  };
  return { call, stats };
}
