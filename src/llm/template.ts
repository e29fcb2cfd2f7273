import { estimateTokens } from './pricing.js';
import type { Completion, CompletionRequest, Provider } from './types.js';

/**
 * The offline provider: answers each request with the stage's own offline answer for it (a
 * recipe's `offline:` rendering from sampler values, deterministic judge scores), or with a stub.
 * Deterministic, free, and needs no network, so any recipe or check runs in a demo, a test or a dry
 * run exactly as it would against a model, minus the model. Token counts are estimates, so a dry
 * run's figures have the right shape.
 */
export function createTemplateProvider(): Provider {
  return {
    id: 'template',
    kind: 'template',
    model: 'template',
    async complete(request: CompletionRequest): Promise<Completion> {
      const text = offlineAnswers.get(request) ?? stubAnswer(request);
      const input = request.messages.reduce((n, m) => n + estimateTokens(m.content), 0);
      return {
        text,
        usage: { inputTokens: input, outputTokens: estimateTokens(text) },
        finishReason: 'stop',
        model: 'template',
      };
    },
  };
}

const offlineAnswers = new WeakMap<CompletionRequest, string>();

/**
 * The request the template provider answers with `answer()` (the request itself when there is no
 * answer). The answer is not a field of the request, which every provider shares, because only this
 * provider reads it: it is tied to the request object (a copy, so the caller's request stays
 * untouched) and travels with it through the scheduler, which accounts for the call like any other.
 * No other provider, cache key or batch line can see it.
 */
export function withOfflineAnswer(
  request: CompletionRequest,
  answer: (() => string) | undefined,
): CompletionRequest {
  if (answer === undefined) return request;
  const tagged = { ...request };
  offlineAnswers.set(tagged, answer());
  return tagged;
}

/** Without an offline template the answer says what it stands for, so nobody mistakes it for model output. */
function stubAnswer(request: CompletionRequest): string {
  const last = request.messages.at(-1)?.content ?? '';
  const gist = last.replace(/\s+/g, ' ').trim().slice(0, 160);
  return `[template answer — no model was called] ${gist}`;
}
