import { estimateTokens } from './pricing.js';
import type { Completion, CompletionRequest, Provider } from './types.js';

/**
 * The offline provider: answers every request with the recipe's own offline rendering of the
 * column (`offlineAnswer`), computed from sampler values. Deterministic, free, and needs no network,
 * so any recipe runs in a demo, a test or a dry run exactly as it would against a model, minus the
 * model. Token counts are estimates, so a dry run's figures have the right shape.
 */
export function createTemplateProvider(): Provider {
  return {
    id: 'template',
    kind: 'template',
    model: 'template',
    async complete(request: CompletionRequest): Promise<Completion> {
      const text = request.offlineAnswer ?? stubAnswer(request);
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

/** Without an offline template the answer says what it stands for, so nobody mistakes it for model output. */
function stubAnswer(request: CompletionRequest): string {
  const last = request.messages.at(-1)?.content ?? '';
  const gist = last.replace(/\s+/g, ' ').trim().slice(0, 160);
  return `[template answer — no model was called] ${gist}`;
}
