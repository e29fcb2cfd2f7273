import type { Completion, GenerationParams } from '../types.js';
import type { CallModel, ModelAnswer, ModelCall } from './model-call.js';
import { repairInstruction, type StructuredCheck } from './structured.js';

/**
 * Call, check, repair once: the answer is checked (usually `checkStructured` against a JSON
 * Schema); if it fails, the model is shown its answer and why it could not be used, and asked once
 * to correct it. Generation retries afresh after this; the judge check gives up.
 *
 * An answer cut at `max_tokens` (finish reason `length`) that fails its check is reported as
 * truncated — "no JSON object" would send the reader looking in the wrong place — and its repair
 * is asked with twice the tokens: the same limit would cut the corrected answer the same way.
 */

export type CheckedAnswer =
  | { ok: true; value: unknown; answer: ModelAnswer }
  | {
      ok: false;
      reason: string;
      answer: ModelAnswer;
      /** Some answer was cut at max_tokens; `params` are those of the last call made. */
      truncated: boolean;
      params: GenerationParams;
    };

/** Twice the token limit, for the next try after an answer was cut short (unset stays unset). */
export function moreTokens(params: GenerationParams): GenerationParams {
  return params.maxTokens === undefined ? params : { ...params, maxTokens: params.maxTokens * 2 };
}

export function truncatedReason(maxTokens: number | undefined): string {
  const limit = maxTokens === undefined ? "the service's output limit" : `max_tokens (${maxTokens})`;
  return `truncated: the answer was cut at ${limit} before it was complete`;
}

/** The check, with a cut answer's failure named for what it is. */
export function checkCompletion(
  completion: Completion,
  params: GenerationParams,
  check: (text: string) => StructuredCheck,
): StructuredCheck & { truncated: boolean } {
  const c = check(completion.text);
  if (c.ok || completion.finishReason !== 'length') return { ...c, truncated: false };
  return { ok: false, reason: truncatedReason(params.maxTokens), truncated: true };
}

export async function callChecked<C extends ModelCall>(
  call: CallModel<C>,
  ask: C,
  check: (text: string) => StructuredCheck,
): Promise<CheckedAnswer> {
  const first = await call(ask);
  const c = checkCompletion(first.completion, ask.request.params, check);
  if (c.ok) return { ok: true, value: c.value, answer: first };
  // The repair is a call of its own (its own messages, so its own cache key), answered offline as
  // the first was.
  const params = c.truncated ? moreTokens(ask.request.params) : ask.request.params;
  const repair: C = {
    ...ask,
    purpose: `${ask.purpose}:repair`,
    request: {
      ...ask.request,
      params,
      messages: [
        ...ask.request.messages,
        { role: 'assistant', content: first.completion.text },
        { role: 'user', content: repairInstruction(c.reason) },
      ],
    },
  };
  const second = await call(repair);
  const r = checkCompletion(second.completion, params, check);
  return r.ok
    ? { ok: true, value: r.value, answer: second }
    : { ok: false, reason: r.reason, answer: second, truncated: c.truncated || r.truncated, params };
}
