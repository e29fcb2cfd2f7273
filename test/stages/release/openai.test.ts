import { describe, expect, it } from 'vitest';
import { validateOpenAIChatRow } from '../../../src/stages/release/export/formats/openai.js';
import { chatSettings, map, reasonOf, record, rowOf } from './format-fixtures.js';

const openai = (conversation: unknown[], finals?: Record<string, unknown>) =>
  map('openai', chatSettings, record({ conversation }, finals));

/** Maps and checks the row against the rules, so every produced row is validated. */
function validRow(conversation: unknown[]): Record<string, unknown> {
  const row = rowOf(openai(conversation));
  expect(validateOpenAIChatRow(row)).toEqual([]);
  return row;
}

describe('openai mapping', () => {
  it('drops keys OpenAI does not accept', () => {
    const row = validRow([
      { role: 'user', content: 'Hi', name: 'ann', id: 7, tool_calls: [] },
      { role: 'assistant', content: 'Hello', weight: 0, meta: { x: 1 } },
      { role: 'user', content: 'Again' },
      { role: 'assistant', content: 'Hello again', weight: 1 },
    ]);
    expect(row).toEqual({
      messages: [
        { role: 'user', content: 'Hi', name: 'ann' },
        { role: 'assistant', content: 'Hello', weight: 0 },
        { role: 'user', content: 'Again' },
        { role: 'assistant', content: 'Hello again', weight: 1 },
      ],
    });
  });

  it('strips weight from user and system turns', () => {
    const row = validRow([
      { role: 'system', content: 'S', weight: 1 },
      { role: 'user', content: 'U', weight: 0 },
      { role: 'assistant', content: 'A' },
    ]);
    expect(row).toEqual({
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U' },
        { role: 'assistant', content: 'A' },
      ],
    });
  });

  it('rejects a weight other than 0 or 1', () => {
    const r = openai([
      { role: 'user', content: 'U' },
      { role: 'assistant', content: 'A', weight: 2 },
    ]);
    expect(reasonOf(r)).toMatch(/weight 2; only 0 or 1/);
  });

  it('skips a conversation with no assistant turn', () => {
    expect(reasonOf(openai([{ role: 'user', content: 'U' }]))).toBe('no assistant message to train on');
  });

  it('skips an empty user or system turn', () => {
    const empty = (role: string) =>
      openai([
        { role, content: '  ' },
        { role: 'assistant', content: 'A' },
      ]);
    expect(reasonOf(empty('user'))).toMatch(/empty user turn/);
    expect(reasonOf(empty('system'))).toMatch(/empty system turn/);
  });

  it('skips a role OpenAI does not accept', () => {
    const r = openai([
      { role: 'developer', content: 'D' },
      { role: 'assistant', content: 'A' },
    ]);
    expect(reasonOf(r)).toMatch(/role 'developer'/);
  });

  it('keeps the tool role', () => {
    const row = validRow([
      { role: 'user', content: 'Weather?' },
      { role: 'tool', content: '{"temp":20}', name: 'weather' },
      { role: 'assistant', content: 'Warm.' },
    ]);
    expect(row.messages).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'tool', content: '{"temp":20}', name: 'weather' },
      { role: 'assistant', content: 'Warm.' },
    ]);
  });

  it('keeps model text as a string, never parsing it', () => {
    const row = validRow([
      { role: 'user', content: '{"__proto__": {"x": 1}}' },
      { role: 'assistant', content: 'constructor' },
    ]);
    expect(row.messages).toEqual([
      { role: 'user', content: '{"__proto__": {"x": 1}}' },
      { role: 'assistant', content: 'constructor' },
    ]);
  });
});

describe('validateOpenAIChatRow', () => {
  const good = {
    messages: [
      { role: 'user', content: 'U' },
      { role: 'assistant', content: 'A', weight: 1 },
    ],
  };
  const withMessages = (...messages: unknown[]) => validateOpenAIChatRow({ messages });
  const one = (problems: string[], pattern: RegExp) => {
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  };

  it('accepts a valid row', () => {
    expect(validateOpenAIChatRow(good)).toEqual([]);
  });
  it('catches each broken rule', () => {
    const a = { role: 'assistant', content: 'A' };
    expect(validateOpenAIChatRow(null)).toEqual(['row is not an object']);
    expect(validateOpenAIChatRow({ messages: [] })).toEqual(['messages must be a non-empty array']);
    one(withMessages({ role: 'user', content: 'U', extra: 1 }, a), /unrecognised key 'extra'/);
    one(withMessages({ role: 'developer', content: 'D' }, a), /invalid role "developer"/);
    one(withMessages({ role: 'user', content: 3 }, a), /content must be a string/);
    one(withMessages({ role: 'user', content: '' }, a), /user content is empty/);
    one(withMessages({ role: 'system', content: ' ' }, a), /system content is empty/);
    one(withMessages({ role: 'user', content: 'U', weight: 1 }, a), /weight is only allowed on assistant/);
    one(withMessages({ role: 'user', content: 'U' }, { ...a, weight: 2 }), /weight must be 0 or 1/);
    one(withMessages({ role: 'user', content: 'U', name: '' }, a), /name must be a string/);
    one(withMessages({ role: 'user', content: 'U' }), /no assistant message/);
  });
});

describe('corrections in openai output', () => {
  it('uses the corrected assistant turn', () => {
    const original = [
      { role: 'user', content: 'U' },
      { role: 'assistant', content: 'wrong' },
    ];
    const fixed = [
      { role: 'user', content: 'U' },
      { role: 'assistant', content: 'right', weight: 1 },
    ];
    const row = rowOf(openai(original, { fixed }));
    expect(validateOpenAIChatRow(row)).toEqual([]);
    expect(row).toEqual({ messages: fixed });
  });
});
