import { describe, expect, it } from 'vitest';
import { datasetSettings, responseValuesSchema } from '../../src/core/settings.js';
import type { RecordView } from '../../web/src/api/types.js';
import { fitsQuestion, initialAnswers } from '../../web/src/logic/answers.js';

/**
 * The app decides which suggestions and saved drafts may fill a form with the server's own answer
 * schema (`src/core/values.ts`), so it never pre-fills what a submit would have refused, nor drops
 * what the server took.
 */

const settings = datasetSettings.parse({
  fields: [
    { name: 'prompt', type: 'text' },
    { name: 'conversation', type: 'chat' },
    { name: 'a', type: 'text' },
    { name: 'b', type: 'text' },
  ],
  questions: [
    { name: 'topic', type: 'label', options: ['billing', 'shipping'] },
    { name: 'tags', type: 'multi_label', options: ['rude', 'helpful', 'wrong'] },
    { name: 'quality', type: 'rating', values: [1, 2, 3, 4, 5] },
    { name: 'order', type: 'ranking', options: ['x', 'y'] },
    { name: 'notes', type: 'text', required: false },
    { name: 'fixPrompt', type: 'text', corrects: 'prompt', required: false },
    { name: 'fixChat', type: 'text', corrects: 'conversation', required: false },
    { name: 'entities', type: 'span', field: 'prompt', labels: ['PER', 'ORG'], required: false },
    { name: 'better', type: 'preference', options: ['a', 'b'] },
  ],
});

const chat = [
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello' },
];

const values: [string, unknown][] = [
  ['topic', 'billing'],
  ['topic', 'returns'],
  ['tags', ['rude', 'wrong']],
  ['tags', ['rude', 'rude']],
  ['tags', []],
  ['quality', 4],
  ['quality', 4.5],
  ['quality', '4'],
  [
    'order',
    [
      { value: 'x', rank: 1 },
      { value: 'y', rank: 2 },
    ],
  ],
  ['order', [{ value: 'x', rank: 1 }]],
  [
    'order',
    [
      { value: 'x', rank: 0 },
      { value: 'y', rank: 1 },
    ],
  ],
  ['notes', 'fine'],
  ['notes', chat],
  ['fixPrompt', 'Hello there'],
  ['fixPrompt', chat],
  ['fixChat', chat],
  ['fixChat', 'Hello there'],
  ['fixChat', []],
  ['entities', [{ start: 0, end: 2, label: 'PER' }]],
  ['entities', [{ start: 0, end: 2, label: 'LOC' }]],
  ['entities', [{ start: 2, end: 2, label: 'PER' }]],
  ['entities', []],
  ['better', { choice: 'A', strength: 'clear' }],
  ['better', { choice: 'tie' }],
  ['better', { choice: 'A', strength: 'huge' }],
  ['better', { choice: 'A', reason: 'longer' }],
];

describe('which answers fit a question', () => {
  it('is what the server takes, for every kind of question', () => {
    const server = responseValuesSchema(settings);
    for (const [name, value] of values) {
      const question = settings.questions.find((q) => q.name === name)!;
      const taken = server.safeParse({ [name]: value }).success;
      expect(fitsQuestion(question, value, settings.fields), `${name}: ${JSON.stringify(value)}`).toBe(taken);
    }
  });

  it('pre-fills a conversation correction from a suggestion, and not a repeated label', () => {
    const record: RecordView = {
      id: 1,
      dataset: 'd',
      externalId: 'r1',
      fields: { prompt: 'Ana', conversation: chat, a: 'one', b: 'two' },
      metadata: {},
      language: null,
      status: 'new',
      version: 1,
      finalValues: null,
      suggestions: [
        { question: 'fixChat', value: [{ role: 'user', content: 'Hi!' }], score: 0.9, agent: 'fixer' },
        { question: 'tags', value: ['rude', 'rude'], score: 0.9, agent: 'tagger' },
      ],
      checks: [],
      response: null,
      comments: [],
    };
    const { values: start, suggested } = initialAnswers(settings, record);
    expect(start.fixChat).toEqual([{ role: 'user', content: 'Hi!' }]);
    expect(suggested.fixChat?.agent).toBe('fixer');
    expect(start.tags).toBeUndefined();
  });
});
