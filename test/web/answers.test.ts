import { describe, expect, it } from 'vitest';
import type { DatasetSettings, RecordView, ResponseView } from '../../web/src/api/types.js';
import {
  bestSuggestions,
  fitsQuestion,
  initialAnswers,
  isAnswered,
  missingRequired,
  submittedValues,
} from '../../web/src/logic/answers.js';

const settings: DatasetSettings = {
  fields: [
    { name: 'conversation', type: 'chat', required: true },
    { name: 'summary', type: 'text', required: true },
  ],
  questions: [
    { name: 'quality', type: 'rating', required: true, values: [1, 2, 3, 4, 5] },
    { name: 'factual', type: 'label', required: true, options: [{ value: 'yes' }, { value: 'no' }] },
    { name: 'fix', type: 'text', required: false, corrects: 'conversation', markdown: false },
    { name: 'fixSummary', type: 'text', required: false, corrects: 'summary', markdown: false },
    {
      name: 'entities',
      type: 'span',
      required: false,
      field: 'summary',
      labels: [{ value: 'PER' }],
      allowOverlap: false,
    },
    { name: 'notes', type: 'text', required: false, markdown: false },
  ],
  metadata: [],
  guidelines: '',
  distribution: { responsesPerRecord: 1 },
  languages: [],
};

const conversation = [
  { role: 'user' as const, content: 'Hola' },
  { role: 'assistant' as const, content: '¿Cómo puedo ayudar?' },
];

function record(extra: Partial<RecordView> = {}): RecordView {
  return {
    id: 1,
    dataset: 'd',
    externalId: 'r1',
    fields: { conversation, summary: 'Ana asks for help.' },
    metadata: {},
    language: 'es',
    status: 'new',
    version: 1,
    finalValues: null,
    suggestions: [],
    checks: [],
    response: null,
    comments: [],
    ...extra,
  };
}

const own = (status: ResponseView['status'], values: ResponseView['values']): ResponseView => ({
  id: 9,
  username: 'me',
  round: 1,
  values,
  status,
  reason: null,
  timeSpentMs: 0,
  updatedAt: 0,
});

describe('initialAnswers', () => {
  it('starts corrections as copies of their fields and spans as empty', () => {
    const r = record();
    const { values } = initialAnswers(settings, r);
    expect(values.fix).toEqual(conversation);
    expect(values.fix).not.toBe(conversation);
    expect(values.fixSummary).toBe('Ana asks for help.');
    expect(values.entities).toEqual([]);
    expect(values.quality).toBeUndefined();
  });
  it('pre-fills from the best-scored valid suggestion and says which', () => {
    const r = record({
      suggestions: [
        { question: 'quality', value: 3, score: 0.4, agent: 'judge:a' },
        { question: 'quality', value: 4, score: 0.82, agent: 'judge:openai:gpt-4o-mini' },
        { question: 'quality', value: 9, score: 0.99, agent: 'judge:broken' },
        { question: 'factual', value: 'no', score: null, agent: 'check:facts' },
        { question: 'entities', value: [{ start: 0, end: 3, label: 'PER' }], score: null, agent: 'ner' },
      ],
    });
    const { values, suggested } = initialAnswers(settings, r);
    expect(values.quality).toBe(4);
    expect(suggested.quality?.agent).toBe('judge:openai:gpt-4o-mini');
    expect(values.factual).toBe('no');
    expect(values.entities).toEqual([{ start: 0, end: 3, label: 'PER' }]);
  });
  it('lets the user’s draft win over suggestions, which still fill what the draft lacks', () => {
    const r = record({
      suggestions: [
        { question: 'quality', value: 4, score: 0.8, agent: 'judge' },
        { question: 'factual', value: 'no', score: 0.8, agent: 'judge' },
      ],
      response: own('draft', { quality: 2 }),
    });
    const { values } = initialAnswers(settings, r);
    expect(values.quality).toBe(2);
    expect(values.factual).toBe('no');
  });
  it('ignores suggestions once the user has submitted', () => {
    const r = record({
      suggestions: [{ question: 'factual', value: 'no', score: 0.8, agent: 'judge' }],
      response: own('submitted', { quality: 5, factual: 'yes' }),
    });
    const { values, suggested } = initialAnswers(settings, r);
    expect(values).toMatchObject({ quality: 5, factual: 'yes' });
    expect(suggested).toEqual({});
  });
  it('drops suggested spans that do not fit the text', () => {
    const r = record({
      suggestions: [
        { question: 'entities', value: [{ start: 0, end: 500, label: 'PER' }], score: 1, agent: 'ner' },
      ],
    });
    expect(initialAnswers(settings, r).values.entities).toEqual([]);
  });
});

describe('completeness', () => {
  it('lists unanswered required questions in order', () => {
    expect(missingRequired(settings.questions, {}).map((q) => q.name)).toEqual(['quality', 'factual']);
    expect(missingRequired(settings.questions, { quality: 3, factual: 'yes' })).toEqual([]);
    expect(missingRequired(settings.questions, { quality: 7, factual: 'yes' }).map((q) => q.name)).toEqual([
      'quality',
    ]);
  });
  it('counts blank text and empty label sets as unanswered, empty span lists as answered', () => {
    const [, , , , spanQ, notes] = settings.questions;
    expect(isAnswered(notes!, '  ')).toBe(false);
    expect(isAnswered(notes!, 'ok')).toBe(true);
    expect(isAnswered(spanQ!, [])).toBe(true);
    expect(isAnswered({ name: 'm', type: 'multi_label', required: true, options: [] }, [])).toBe(false);
  });
  it('leaves unanswered optional questions out of a submit', () => {
    expect(submittedValues(settings.questions, { quality: 3, factual: 'yes', notes: '' })).toEqual({
      quality: 3,
      factual: 'yes',
    });
  });
  it('checks a value’s shape against its question', () => {
    const [quality, factual] = settings.questions;
    expect(fitsQuestion(quality!, 3)).toBe(true);
    expect(fitsQuestion(quality!, '3')).toBe(false);
    expect(fitsQuestion(factual!, 'maybe')).toBe(false);
    expect(
      bestSuggestions([factual!], [{ question: 'factual', value: 'maybe', score: 1, agent: 'x' }]),
    ).toEqual({});
  });
});

describe('questions and fields named like Object.prototype members', () => {
  // `constructor`, `toString`, `valueOf` are ordinary names (the server reads them as own keys, see
  // src/core/own.ts); a plain read of a missing one would find Object.prototype's function.
  const proto: DatasetSettings = {
    ...settings,
    fields: [{ name: 'toString', type: 'text', required: true }],
    questions: [
      { name: 'constructor', type: 'text', required: true, markdown: false },
      { name: 'valueOf', type: 'text', required: false, corrects: 'hasOwnProperty', markdown: false },
      {
        name: 'spans',
        type: 'span',
        required: false,
        field: 'isPrototypeOf',
        labels: [{ value: 'PER' }],
        allowOverlap: false,
      },
    ],
  };
  it('treats a missing one as missing: not answered, not sent, a correction of nothing starts empty', () => {
    const r = record({ fields: { toString: 'Hi' }, response: own('draft', {}) });
    const { values } = initialAnswers(proto, r);
    expect(Object.hasOwn(values, 'constructor')).toBe(false);
    expect(values.valueOf).toBe('');
    expect(values.spans).toEqual([]);
    expect(missingRequired(proto.questions, {}).map((q) => q.name)).toEqual(['constructor']);
    expect(submittedValues(proto.questions, {})).toEqual({});
    expect(submittedValues(proto.questions, { constructor: 'kept' })).toEqual({ constructor: 'kept' });
  });
});
