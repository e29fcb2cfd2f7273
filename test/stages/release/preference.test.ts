import { describe, expect, it } from 'vitest';
import { isTandemError } from '../../../src/core/errors.js';
import type { DatasetSettingsInput } from '../../../src/core/settings.js';
import { map, reasonOf, record, rowOf } from './format-fixtures.js';

const question: DatasetSettingsInput = {
  fields: [
    { name: 'conversation', type: 'chat' },
    { name: 'reply_a', type: 'text' },
    { name: 'reply_b', type: 'markdown' },
  ],
  questions: [{ name: 'better', type: 'preference', options: ['reply_a', 'reply_b'] }],
};
const conversation = [
  { role: 'system', content: 'S' },
  { role: 'user', content: 'Q' },
  { role: 'assistant', content: 'old reply' },
];
const fields = { conversation, reply_a: 'first', reply_b: 'second' };
const prompt = [
  { role: 'system', content: 'S' },
  { role: 'user', content: 'Q' },
];
const reply = (content: string) => [{ role: 'assistant', content }];

describe('trl-preference from a preference question', () => {
  it('A chosen: prompt drops the trailing assistant turn', () => {
    const row = rowOf(
      map('trl-preference', question, record(fields, { better: { choice: 'A', strength: 'clear' } })),
    );
    expect(row).toEqual({ prompt, chosen: reply('first'), rejected: reply('second') });
  });

  it('B chosen swaps the pair', () => {
    const row = rowOf(map('trl-preference', question, record(fields, { better: { choice: 'B' } })));
    expect(row).toEqual({ prompt, chosen: reply('second'), rejected: reply('first') });
  });

  it('skips a tie and a record with no final value', () => {
    expect(reasonOf(map('trl-preference', question, record(fields, { better: { choice: 'tie' } })))).toMatch(
      /tie/,
    );
    expect(reasonOf(map('trl-preference', question, record(fields)))).toMatch(/no final value .*'better'/);
  });

  it('uses the last assistant message of chat options and a corrected option', () => {
    const settings: DatasetSettingsInput = {
      fields: [
        { name: 'prompt', type: 'text' },
        { name: 'a', type: 'chat' },
        { name: 'b', type: 'chat' },
      ],
      questions: [
        { name: 'pick', type: 'preference', options: ['a', 'b'] },
        { name: 'fix_b', type: 'text', corrects: 'b' },
      ],
    };
    const a = [
      { role: 'assistant', content: 'draft a' },
      { role: 'assistant', content: 'final a' },
    ];
    const b = [{ role: 'assistant', content: 'bad b' }];
    const finals = { pick: { choice: 'B' }, fix_b: [{ role: 'assistant', content: 'fixed b' }] };
    const row = rowOf(map('trl-preference', settings, record({ prompt: 'Q', a, b }, finals)));
    expect(row).toEqual({
      prompt: [{ role: 'user', content: 'Q' }],
      chosen: reply('fixed b'),
      rejected: reply('final a'),
    });
  });
});

describe('trl-preference from chosen and rejected fields', () => {
  it('reads text fields with a text prompt', () => {
    const settings: DatasetSettingsInput = {
      fields: ['system', 'question', 'chosen', 'rejected'].map((name) => ({ name, type: 'text' as const })),
    };
    const rec = record({ system: 'S', question: 'Q', chosen: 'good', rejected: 'bad' });
    expect(rowOf(map('trl-preference', settings, rec))).toEqual({
      prompt,
      chosen: reply('good'),
      rejected: reply('bad'),
    });
  });

  it('takes the shared prompt from full chosen and rejected conversations', () => {
    const settings: DatasetSettingsInput = {
      fields: [
        { name: 'chosen', type: 'chat' },
        { name: 'rejected', type: 'chat' },
      ],
    };
    const chosen = [...prompt, { role: 'assistant', content: 'good' }];
    const rejected = [...prompt, { role: 'assistant', content: 'bad' }];
    expect(rowOf(map('trl-preference', settings, record({ chosen, rejected })))).toEqual({
      prompt,
      chosen: reply('good'),
      rejected: reply('bad'),
    });
    const other = [{ role: 'user', content: 'different' }, rejected[2]];
    expect(reasonOf(map('trl-preference', settings, record({ chosen, rejected: other })))).toMatch(/differ/);
  });
});

describe('trl-preference unsupported', () => {
  it('throws when there is nothing to prefer, or no prompt', () => {
    const codeOf = (settings: DatasetSettingsInput) => {
      try {
        map('trl-preference', settings, record({}));
      } catch (e) {
        return isTandemError(e) ? `${e.code}: ${e.message}` : 'not a TandemError';
      }
      return 'no error';
    };
    expect(codeOf({ fields: [{ name: 'conversation', type: 'chat' }] })).toMatch(
      /^unsupported: .*preference question.*'chosen' and 'rejected'/,
    );
    expect(
      codeOf({ fields: ['context', 'chosen', 'rejected'].map((name) => ({ name, type: 'text' as const })) }),
    ).toMatch(/^unsupported: .*prompt, instruction or question.*--field/);
  });
});
