/**
 * A model's answer kept by the hash of what decided it (provider, model, parameters, format and
 * messages): what makes a generation run resumable and a judge run free the second time. The store
 * keeps them (`llm_cache`); `llm/call` reads and writes them through its `ResponseCache` interface.
 */
export interface CachedAnswer {
  key: string;
  provider: string;
  model: string;
  /** The Completion, as it came from the provider. */
  response: unknown;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}
