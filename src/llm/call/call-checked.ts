import type { CallModel, ModelAnswer, ModelCall } from './model-call.js';
import { repairInstruction, type StructuredCheck } from './structured.js';

/**
 * Call, check, repair once: the answer is checked (usually `checkStructured` against a JSON
 * Schema); if it fails, the model is shown its answer and why it could not be used, and asked once
 * to correct it. Generation retries afresh after this; the judge check gives up.
 */

export type CheckedAnswer =
  | { ok: true; value: unknown; answer: ModelAnswer }
  | { ok: false; reason: string; answer: ModelAnswer };

export async function callChecked<C extends ModelCall>(
  call: CallModel<C>,
  ask: C,
  check: (text: string) => StructuredCheck,
): Promise<CheckedAnswer> {
  const first = await call(ask);
  const c = check(first.completion.text);
  if (c.ok) return { ok: true, value: c.value, answer: first };
  // The repair is a call of its own (its own messages, so its own cache key), answered offline as
  // the first was.
  const repair: C = {
    ...ask,
    purpose: `${ask.purpose}:repair`,
    request: {
      ...ask.request,
      messages: [
        ...ask.request.messages,
        { role: 'assistant', content: first.completion.text },
        { role: 'user', content: repairInstruction(c.reason) },
      ],
    },
  };
  const second = await call(repair);
  const r = check(second.completion.text);
  return r.ok
    ? { ok: true, value: r.value, answer: second }
    : { ok: false, reason: r.reason, answer: second };
}
