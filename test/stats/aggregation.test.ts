import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import { type QuestionSettings, questionSettings } from '../../src/core/questions.js';
import { aggregate, aggregateLabelsDawidSkene } from '../../src/stats/aggregation/index.js';

const q = (input: unknown): QuestionSettings => questionSettings.parse(input);

const label = q({ name: 'factual', type: 'label', options: ['correct', 'minor_error', 'major_error'] });

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TandemError);
    return (e as TandemError).code;
  }
  throw new Error('expected an error');
}

describe('aggregate', () => {
  it('label: majority vote, abstentions (null, undefined) not counted', () => {
    expect(aggregate(label, ['minor_error', null, 'correct', 'minor_error', undefined])).toEqual({
      value: 'minor_error',
      method: 'majority',
      confidence: 2 / 3,
      tied: false,
    });
  });

  it('label: a tie goes to the first option in settings order, flagged', () => {
    expect(aggregate(label, ['major_error', 'minor_error'])).toEqual({
      value: 'minor_error',
      method: 'majority',
      confidence: 0.5,
      tied: true,
    });
  });

  it('label: no answers give no value', () => {
    expect(aggregate(label, [null])).toEqual({
      value: undefined,
      method: 'majority',
      confidence: 0,
      tied: false,
    });
  });

  it('rejects an answer that does not fit the question, naming it', () => {
    expect(() => aggregate(label, ['correct', 'wrong'])).toThrow(/answer 1 to 'factual'/);
    expect(codeOf(() => aggregate(label, ['correct', 'wrong']))).toBe('bad_input');
  });

  it('label with method dawid_skene points to the batch API', () => {
    expect(() => aggregate(label, ['correct'], { method: 'dawid_skene' })).toThrow(
      /aggregateLabelsDawidSkene/,
    );
    expect(codeOf(() => aggregate(label, ['correct'], { method: 'dawid_skene' }))).toBe('usage');
  });

  it('multi_label: per-label majority with a configurable threshold', () => {
    const ml = q({ name: 'topics', type: 'multi_label', options: ['billing', 'shipping', 'refund'] });
    const answers = [['refund', 'billing'], ['billing'], ['billing', 'shipping'], []];
    expect(aggregate(ml, answers)).toEqual({
      value: ['billing'],
      method: 'majority',
      confidence: (0.75 + 0.75 + 0.75) / 3,
      tied: false,
    });
    expect(aggregate(ml, answers, { threshold: 0.2 }).value).toEqual(['billing', 'shipping', 'refund']);
    expect(aggregate(ml, []).value).toBeUndefined();
  });

  it('rating: lower median with share within one step', () => {
    const rating = q({ name: 'grammar', type: 'rating', values: [1, 2, 3, 4, 5] });
    expect(aggregate(rating, [4, 5, 2, 5])).toEqual({
      value: 4,
      method: 'median',
      confidence: 0.75,
      tied: true,
    });
    expect(aggregate(rating, [4, 5, 2, 5], { ratingTolerance: 0 }).confidence).toBe(0.25);
  });

  it('span: character vote in the answer shape, overlap per the question', () => {
    const span = q({ name: 'entities', type: 'span', field: 'text', labels: ['PER', 'ORG'] });
    const answers = [
      [{ start: 0, end: 3, label: 'PER' }],
      [{ start: 0, end: 4, label: 'PER' }],
      [{ start: 5, end: 8, label: 'ORG' }],
    ];
    const r = aggregate(span, answers);
    expect(r).toMatchObject({
      value: [{ start: 0, end: 3, label: 'PER' }],
      method: 'span_vote',
      tied: false,
    });
    // PER [0,3) 2/3 won ×3, PER [3,4) 1/3 lost ×1, ORG [5,8) 1/3 lost ×3
    expect(r.confidence).toBeCloseTo((2 + 2 / 3 + 2) / 7, 12);
    const overlapping = [
      [
        { start: 0, end: 4, label: 'ORG' },
        { start: 0, end: 2, label: 'PER' },
      ],
    ];
    expect(codeOf(() => aggregate(span, overlapping))).toBe('bad_input');
    const overlapOk = q({
      name: 'entities',
      type: 'span',
      field: 'text',
      labels: ['PER', 'ORG'],
      allowOverlap: true,
    });
    expect(aggregate(overlapOk, overlapping).value).toEqual([
      { start: 0, end: 2, label: 'PER' },
      { start: 0, end: 4, label: 'ORG' },
    ]);
  });

  it('ranking: Borda count, recorded as borda', () => {
    const ranking = q({ name: 'order', type: 'ranking', options: ['a', 'b', 'c'] });
    const rank = (...o: string[]) => o.map((value, i) => ({ value, rank: i + 1 }));
    const r = aggregate(ranking, [rank('c', 'a', 'b'), rank('a', 'c', 'b'), rank('c', 'b', 'a')]);
    expect(r.value).toEqual(rank('c', 'a', 'b'));
    expect(r.method).toBe('borda');
    expect(r.tied).toBe(false);
    expect(() => aggregate(ranking, [rank('a', 'b')])).toThrow(/must rank every option/);
  });

  it('preference: majority over choices, a top tie becomes "tie"', () => {
    const pref = q({ name: 'better', type: 'preference', options: ['reply_a', 'reply_b'] });
    expect(aggregate(pref, [{ choice: 'B', strength: 'clear' }, { choice: 'B' }, { choice: 'A' }])).toEqual({
      value: { choice: 'B', strength: 'clear' },
      method: 'majority',
      confidence: 2 / 3,
      tied: false,
    });
    expect(aggregate(pref, [{ choice: 'A' }, { choice: 'B' }])).toMatchObject({
      value: { choice: 'tie' },
      tied: true,
    });
  });

  it('text: not aggregated, the reviewer decides', () => {
    const text = q({ name: 'fix', type: 'text', corrects: 'conversation' });
    expect(aggregate(text, ['a', 'b'])).toEqual({
      value: undefined,
      method: 'reviewer',
      confidence: undefined,
      tied: false,
    });
  });
});

describe('aggregateLabelsDawidSkene', () => {
  it('encodes option values and annotator names, and decodes the result', () => {
    const items = [
      [
        { annotator: 'ana', value: 'correct' },
        { annotator: 'ben', value: 'correct' },
        { annotator: 'cy', value: 'major_error' },
      ],
      [
        { annotator: 'cy', value: 'minor_error' },
        { annotator: 'ana', value: 'minor_error' },
        { annotator: 'ben', value: null },
      ],
      [],
    ];
    // Two items are far too few for add-one smoothing (9 pseudo-labels per annotator): use a light one.
    const r = aggregateLabelsDawidSkene(label, items, { smoothing: 0.1 });
    expect(r.annotators).toEqual(['ana', 'ben', 'cy']);
    expect(r.results.map((x) => x.value)).toEqual(['correct', 'minor_error', undefined]);
    expect(r.results.map((x) => x.method)).toEqual(['dawid_skene', 'dawid_skene', 'dawid_skene']);
    expect(r.results[0]!.confidence).toBe(r.model.confidence[0]);
    expect(r.results[1]!.confidence).toBeGreaterThan(0.9);
    expect([...r.model.labelCounts]).toEqual([2, 1, 2]);
    expect(r.results[2]).toEqual({ value: undefined, method: 'dawid_skene', confidence: 0, tied: false });
    expect(r.results[1]!.tied).toBe(false);
  });

  it('flags an item whose best classes have equal posteriors', () => {
    // Perfectly symmetric disagreement: nothing can separate 'correct' from 'minor_error'.
    const r = aggregateLabelsDawidSkene(label, [
      [
        { annotator: 'ana', value: 'correct' },
        { annotator: 'ben', value: 'minor_error' },
      ],
      [
        { annotator: 'ana', value: 'minor_error' },
        { annotator: 'ben', value: 'correct' },
      ],
    ]);
    expect(r.results.map((x) => [x.value, x.tied])).toEqual([
      ['correct', true],
      ['correct', true],
    ]);
  });

  it('rejects a value that is not an option, and non-label questions', () => {
    expect(() => aggregateLabelsDawidSkene(label, [[{ annotator: 'x', value: 'nope' }]])).toThrow(
      /item 0, annotator 'x'/,
    );
    const rating = q({ name: 'grammar', type: 'rating', values: [1, 2] });
    expect(codeOf(() => aggregateLabelsDawidSkene(rating, []))).toBe('usage');
  });
});
