import { canonicalJson, sha256 } from '../../../core/hash.js';
import { costOf, type ModelPrice } from '../../../llm/pricing.js';
import type { ScheduledProvider } from '../../../llm/scheduler/scheduled-provider.js';
import type { Completion, CompletionRequest } from '../../../llm/types.js';
import type { Ctx } from '../../../store/context.js';
import { type CachedResponse, getCachedResponse, putCachedResponse } from '../../../store/llm-cache.js';
import type { Caller, CallOutcome, CallSpec } from '../row/compute-row.js';

/**
 * Turns a row's model calls into cached, scheduled provider calls. The cache key covers what
 * decides the answer — provider, model, parameters (the per-row seed among them), response
 * format and rendered messages — so a resumed run finds every answer it already paid for, while
 * two rows with the same prompt still get answers of their own.
 */

export function cacheKey(provider: string, request: CompletionRequest): string {
  return sha256(
    canonicalJson({
      provider,
      params: request.params,
      format: request.responseFormat ?? null,
      messages: request.messages,
    }),
  );
}

export interface CallerStats {
  calls: number;
  cacheHits: number;
  /** Tokens and cost the cache saved this run. */
  cachedInputTokens: number;
  cachedOutputTokens: number;
}

export interface CallerOptions {
  ctx: Ctx;
  providers: Map<string, ScheduledProvider>;
  signal: AbortSignal;
  priceOf: (provider: string) => ModelPrice | undefined;
  /** In batch mode a cache miss is not sent: it is handed here and the row waits for the batch. */
  defer?: (key: string, call: CallSpec) => never;
}

export function createCaller(options: CallerOptions): { call: Caller; stats: CallerStats } {
  const stats: CallerStats = { calls: 0, cacheHits: 0, cachedInputTokens: 0, cachedOutputTokens: 0 };
  // Two rows asking the identical question at once share one request.
  const inFlight = new Map<string, Promise<CallOutcome>>();
  const cacheWriter = new CacheWriter(options.ctx);

  const call: Caller = async (spec) => {
    stats.calls++;
    const provider = options.providers.get(spec.provider);
    if (!provider) throw new Error(`provider '${spec.provider}' was not prepared for this run`);
    const key = cacheKey(spec.provider, spec.request);
    // Offline answers cost nothing and are recomputed exactly: caching them would only fill the store.
    if (provider.kind === 'template') {
      return { completion: await provider.complete(spec.request, options.signal), key, cached: false };
    }
    const pending = inFlight.get(key);
    if (pending) return pending;
    const work = (async (): Promise<CallOutcome> => {
      const hit = await getCachedResponse(options.ctx, key);
      if (hit) {
        stats.cacheHits++;
        stats.cachedInputTokens += hit.inputTokens;
        stats.cachedOutputTokens += hit.outputTokens;
        return { completion: hit.response as Completion, key, cached: true };
      }
      if (options.defer) options.defer(key, spec);
      const completion = await provider.complete(spec.request, options.signal);
      const price = options.priceOf(spec.provider);
      const entry: CachedResponse = {
        key,
        provider: spec.provider,
        model: completion.model,
        response: completion,
        inputTokens: completion.usage.inputTokens,
        outputTokens: completion.usage.outputTokens,
        costUsd: price ? costOf(completion.usage, price) : 0,
      };
      // Stored before the row goes on: from here a crash cannot make us pay for this call again.
      await cacheWriter.put(entry);
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

/**
 * Answers that arrive in the same turn of the event loop are committed together: at a thousand
 * answers a second a commit each was a tenth of a run's time. Each caller still waits for the
 * commit that holds its answer before its row goes on.
 */
class CacheWriter {
  private pending: { entry: CachedResponse; done: (e?: unknown) => void }[] = [];

  constructor(private readonly ctx: Ctx) {}

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
      await putCachedResponse(
        this.ctx,
        batch.map((b) => b.entry),
      );
      for (const b of batch) b.done();
    } catch (e) {
      for (const b of batch) b.done(e);
    }
  }
}
