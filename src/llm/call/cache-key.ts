import { canonicalJson, sha256 } from '../../core/hash.js';
import type { CompletionRequest } from '../types.js';

/**
 * The response cache's key. It covers what decides the answer — provider, model, parameters (a
 * per-row seed among them), response format and messages — so a resumed run finds every answer it
 * already paid for, while two rows with the same prompt still get answers of their own.
 *
 * Stored caches are keyed by this exact hash: changing what it covers (or how) would make every
 * resumed run and repeated judge pay again for answers it already has.
 */
export function cacheKey(provider: string, request: CompletionRequest): string {
  // Keys written in sorted order, as canonicalJson would sort them: it then skips the sort.
  return sha256(
    canonicalJson({
      format: request.responseFormat ?? null,
      messages: request.messages,
      params: request.params,
      provider,
    }),
  );
}
