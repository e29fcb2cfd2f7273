import type { ResponseCache } from '../../llm/call/response-cache.js';
import type { Ctx } from '../../store/context.js';
import { getCachedResponse, putCachedResponse } from '../../store/llm-cache.js';

/** The store's `llm_cache` as the response cache the judge's model calls go through. */
export function responseCacheOf(ctx: Ctx): ResponseCache {
  return { get: (key) => getCachedResponse(ctx, key), put: (entries) => putCachedResponse(ctx, entries) };
}
