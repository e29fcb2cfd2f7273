import { describe, expect, it } from 'vitest';
import { checkStructured, extractJson } from '../../../src/llm/call/structured.js';
import type { JsonSchema } from '../../../src/llm/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['name'],
};

describe('extractJson', () => {
  it('reads the whole text, a fenced block, or the outermost braces', () => {
    expect(extractJson(' {"a":1} ')).toEqual({ a: 1 });
    expect(extractJson('Here:\n```json\n{"a":2}\n```\nDone.')).toEqual({ a: 2 });
    expect(extractJson('Sure! {"a":{"b":3}} Hope it helps.')).toEqual({ a: { b: 3 } });
    expect(() => extractJson('no json here')).toThrow('no JSON object in the answer');
  });
});

describe('checkStructured', () => {
  it('accepts an answer that matches the schema, wherever the JSON sits in the text', () => {
    expect(checkStructured('```\n{"name":"dome","tags":["light"]}\n```', schema)).toEqual({
      ok: true,
      value: { name: 'dome', tags: ['light'] },
    });
  });

  it('says why an answer cannot be used: not JSON, or where it breaks the schema', () => {
    expect(checkStructured('A dome tent.', schema)).toEqual({
      ok: false,
      reason: 'not valid JSON: no JSON object in the answer',
    });
    const wrong = checkStructured('{"name":"dome","tags":[1]}', schema);
    expect(wrong.ok).toBe(false);
    expect(wrong.ok ? '' : wrong.reason).toMatch(/^does not match the schema at tags\.0: /);
    const missing = checkStructured('{}', schema);
    expect(missing.ok ? '' : missing.reason).toMatch(/^does not match the schema at name: /);
  });
});
