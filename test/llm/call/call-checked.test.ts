import { describe, expect, it } from 'vitest';
import { callChecked } from '../../../src/llm/call/call-checked.js';
import type { ModelAnswer, ModelCall } from '../../../src/llm/call/model-call.js';
import { checkStructured, repairInstruction } from '../../../src/llm/call/structured.js';
import type { JsonSchema } from '../../../src/llm/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: { score: { type: 'integer', minimum: 1, maximum: 5 } },
  required: ['score'],
};
const check = (text: string) => checkStructured(text, schema);
const offline = () => '{"score":5}';
const first: ModelCall & { column: string } = {
  column: 'rating',
  provider: 'openai:gpt-4o-mini',
  purpose: 'answer',
  request: { messages: [{ role: 'user', content: 'Rate it.' }], params: { seed: 3 } },
  offline,
};

/** A model that gives the answers in order and keeps every call it was asked. */
function scripted(...texts: string[]) {
  const asked: (ModelCall & { column: string })[] = [];
  const call = async (c: ModelCall & { column: string }): Promise<ModelAnswer> => {
    asked.push(c);
    const text = texts[asked.length - 1] ?? 'out of answers';
    return {
      completion: { text, usage: { inputTokens: 1, outputTokens: 1 }, finishReason: 'stop', model: 'm' },
      key: `k${asked.length}`,
      cached: false,
    };
  };
  return { asked, call };
}

describe('callChecked', () => {
  it('returns a valid first answer without a repair', async () => {
    const { asked, call } = scripted('{"score":4}');
    const r = await callChecked(call, first, check);
    expect(r).toMatchObject({ ok: true, value: { score: 4 }, answer: { key: 'k1' } });
    expect(asked).toEqual([first]);
  });

  it('shows the model its answer and why it failed, once, and takes the repaired answer', async () => {
    const { asked, call } = scripted('Four out of five.', '```json\n{"score":4}\n```');
    const r = await callChecked(call, first, check);
    expect(r).toMatchObject({ ok: true, value: { score: 4 }, answer: { key: 'k2' } });
    const reason = (check('Four out of five.') as { reason: string }).reason;
    expect(asked[1]).toEqual({
      ...first,
      purpose: 'answer:repair',
      request: {
        ...first.request,
        messages: [
          { role: 'user', content: 'Rate it.' },
          { role: 'assistant', content: 'Four out of five.' },
          { role: 'user', content: repairInstruction(reason) },
        ],
      },
    });
    // The stage's own fields and the offline answer go with the repair.
    expect(asked[1]!.column).toBe('rating');
    expect(asked[1]!.offline).toBe(offline);
  });

  it('gives up after one failed repair, with the reason of the repaired answer', async () => {
    const { asked, call } = scripted('Four.', '{"score":9}', '{"score":4}');
    const r = await callChecked(call, first, check);
    expect(asked).toHaveLength(2);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ answer: { key: 'k2' } });
    expect(r.ok ? '' : r.reason).toMatch(/^does not match the schema at score: /);
  });
});
