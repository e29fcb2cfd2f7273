import { describe, expect, it } from 'vitest';
import { isTandemError } from '../../../src/core/errors.js';
import { datasetSettings } from '../../../src/core/settings.js';
import { applyCorrections } from '../../../src/stages/release/export/formats/corrections.js';
import { trainingFormats } from '../../../src/stages/release/export/formats/index.js';
import { chatSettings, map, reasonOf, record, rowOf } from './format-fixtures.js';

const conversation = [
  { role: 'system', content: 'Be terse.' },
  { role: 'user', content: 'Capital of France?' },
  { role: 'assistant', content: 'Lyon.' },
];
const corrected = [
  { role: 'system', content: 'Be terse.' },
  { role: 'user', content: 'Capital of France?' },
  { role: 'assistant', content: 'Paris.' },
];

describe('chat formats, happy path', () => {
  const rec = record({ conversation });
  it('openai', () => {
    expect(rowOf(map('openai', chatSettings, rec))).toEqual({ messages: conversation });
  });
  it('sharegpt', () => {
    expect(rowOf(map('sharegpt', chatSettings, rec))).toEqual({
      conversations: [
        { from: 'system', value: 'Be terse.' },
        { from: 'human', value: 'Capital of France?' },
        { from: 'gpt', value: 'Lyon.' },
      ],
    });
  });
  it('trl-sft', () => {
    expect(rowOf(map('trl-sft', chatSettings, rec))).toEqual({ messages: conversation });
  });
  it('alpaca from a chat', () => {
    expect(rowOf(map('alpaca', chatSettings, rec))).toEqual({
      instruction: 'Capital of France?',
      input: '',
      output: 'Lyon.',
      system: 'Be terse.',
    });
  });
  it('sharegpt maps the tool role and trl-sft keeps only role and content', () => {
    const withTool = record({
      conversation: [
        { role: 'user', content: 'Weather?', name: 'ann' },
        { role: 'tool', content: '{"temp": 20}' },
        { role: 'assistant', content: 'Warm.', weight: 1 },
      ],
    });
    expect(rowOf(map('sharegpt', chatSettings, withTool))).toEqual({
      conversations: [
        { from: 'human', value: 'Weather?' },
        { from: 'tool', value: '{"temp": 20}' },
        { from: 'gpt', value: 'Warm.' },
      ],
    });
    expect(rowOf(map('trl-sft', chatSettings, withTool))).toEqual({
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'tool', content: '{"temp": 20}' },
        { role: 'assistant', content: 'Warm.' },
      ],
    });
  });
});

describe('corrections', () => {
  const rec = record({ conversation }, { fixed: corrected });
  it.each(['openai', 'sharegpt', 'trl-sft', 'alpaca'] as const)(
    '%s uses the corrected assistant turn',
    (name) => {
      const text = JSON.stringify(rowOf(map(name, chatSettings, rec)));
      expect(text).toContain('Paris.');
      expect(text).not.toContain('Lyon.');
    },
  );

  it('applyCorrections replaces the field, leaves the record alone, and ignores a correction of the wrong shape', () => {
    const settings = datasetSettings.parse(chatSettings);
    expect(applyCorrections(settings, rec)).toEqual({ conversation: corrected });
    expect(rec.fields.conversation).toEqual(conversation);
    const bad = record({ conversation }, { fixed: 'Paris.' });
    expect(applyCorrections(settings, bad)).toEqual({ conversation });
  });

  it('alpaca uses a correction of a text field', () => {
    const settings = {
      fields: [
        { name: 'instruction', type: 'text' as const },
        { name: 'input', type: 'text' as const, required: false },
        { name: 'output', type: 'text' as const },
      ],
      questions: [{ name: 'better_output', type: 'text' as const, corrects: 'output' }],
    };
    const rec2 = record({ instruction: 'Add', input: '2 2', output: '5' }, { better_output: '4' });
    expect(rowOf(map('alpaca', settings, rec2))).toEqual({ instruction: 'Add', input: '2 2', output: '4' });
    expect(rowOf(map('alpaca', settings, record({ instruction: 'Add', output: '4' })))).toEqual({
      instruction: 'Add',
      input: '',
      output: '4',
    });
  });
});

describe('conversations built from text fields', () => {
  const settings = {
    fields: [
      { name: 'system_prompt', type: 'text' as const, required: false },
      { name: 'prompt', type: 'text' as const },
      { name: 'response', type: 'markdown' as const },
    ],
  };
  it('makes [system, user, assistant] from system_prompt, prompt and response', () => {
    const rec = record({ system_prompt: 'Be kind.', prompt: 'Hi', response: 'Hello!' });
    const messages = [
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
    ];
    expect(rowOf(map('openai', settings, rec))).toEqual({ messages });
    expect(rowOf(map('trl-sft', settings, record({ prompt: 'Hi', response: 'Hello!' })))).toEqual({
      messages: messages.slice(1),
    });
  });
  it('skips a record whose response is empty', () => {
    expect(reasonOf(map('openai', settings, record({ prompt: 'Hi', response: ' ' })))).toMatch(
      /'response' is empty/,
    );
  });
  it('keeps an alpaca input in the user turn', () => {
    const alpacaSettings = {
      fields: ['instruction', 'input', 'output'].map((name) => ({ name, type: 'text' as const })),
    };
    const rec = record({ instruction: 'Translate', input: 'chat', output: 'cat' });
    expect(rowOf(map('openai', alpacaSettings, rec))).toEqual({
      messages: [
        { role: 'user', content: 'Translate\n\nchat' },
        { role: 'assistant', content: 'cat' },
      ],
    });
  });
});

describe('alpaca limits', () => {
  it('skips a multi-turn conversation', () => {
    const rec = record({
      conversation: [
        ...conversation,
        { role: 'user', content: 'And Spain?' },
        { role: 'assistant', content: 'Madrid.' },
      ],
    });
    expect(reasonOf(map('alpaca', chatSettings, rec))).toBe('multi-turn conversation: use openai or trl-sft');
  });
  it('skips a conversation with no reply', () => {
    const rec = record({ conversation: [{ role: 'user', content: 'Hi' }] });
    expect(reasonOf(map('alpaca', chatSettings, rec))).toMatch(/one user turn and its assistant reply/);
  });
});

describe('choosing the conversation', () => {
  const two = {
    fields: [
      { name: 'a', type: 'chat' as const },
      { name: 'b', type: 'chat' as const },
    ],
  };
  const rec = record({
    a: [{ role: 'assistant', content: 'from a' }],
    b: [{ role: 'assistant', content: 'from b' }],
  });
  it('reads the field named by --field', () => {
    expect(rowOf(map('trl-sft', two, rec, { field: 'b' }))).toEqual({
      messages: [{ role: 'assistant', content: 'from b' }],
    });
  });
  it('asks for --field when several chat fields could be meant', () => {
    expect(() => map('openai', two, rec)).toThrow(/several chat fields \(a, b\).*--field/);
  });
});

describe('unsupported datasets', () => {
  const jsonOnly = datasetSettings.parse({ fields: [{ name: 'payload', type: 'json' }] });
  it.each(Object.keys(trainingFormats) as (keyof typeof trainingFormats)[])(
    '%s: prepare throws unsupported',
    (n) => {
      let err: unknown;
      try {
        trainingFormats[n].prepare(jsonOnly, {});
      } catch (e) {
        err = e;
      }
      expect(isTandemError(err) && err.code).toBe('unsupported');
      expect((err as Error).message).toMatch(
        n === 'trl-preference' ? /chosen.*rejected/ : /prompt.*response.*--field/,
      );
    },
  );
});
