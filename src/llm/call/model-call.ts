import type { Completion, CompletionRequest } from '../types.js';

/**
 * One model call as a stage asks for it, and what comes back. These are the types every stage that
 * talks to a model shares (generation, the judge check, next the audit), whatever answers the call:
 * the cache, a provider, or the offline template provider.
 */

export interface ModelCall {
  /** Provider id (`openai:gpt-4o-mini`, `template`); part of the cache key. */
  provider: string;
  /** `answer`, `answer:repair`, `answer:retry`, `turn-3`…: why the call was made, for the record. */
  purpose: string;
  request: CompletionRequest;
  /**
   * What the offline `template` provider answers with, called only when that provider answers: a
   * stage's own stand-in for model output (a recipe's `offline:` rendering, deterministic judge
   * scores). Without it the template provider answers with a stub that says no model was called.
   */
  offline?: () => string;
}

export interface ModelAnswer {
  completion: Completion;
  /** The cache key (a hash of provider, parameters, response format and messages). */
  key: string;
  /** True when the answer came from the response cache, not from a provider. */
  cached: boolean;
}

/** Asks a model (or the cache) one call. Stages may add context to the call, such as the column. */
export type CallModel<C extends ModelCall = ModelCall> = (call: C) => Promise<ModelAnswer>;
