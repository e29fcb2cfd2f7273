import { describe, expect, it } from 'vitest';
import { answerKey, disagreementOf } from '../../src/core/answer-compare.js';
import { questionSettings } from '../../src/core/questions.js';

const q = (o: unknown) => questionSettings.parse(o);
const label = q({ name: 'l', type: 'label', options: ['a', 'b', 'c'] });
const multi = q({ name: 'm', type: 'multi_label', options: ['x', 'y', 'z'] });
const spans = q({ name: 's', type: 'span', field: 'text', labels: ['PER', 'LOC'] });
const sub = (values: Record<string, unknown>) => ({ status: 'submitted' as const, values });

describe('disagreement of a record', () => {
  it('is the share of answers off the most common one, averaged over questions', () => {
    expect(disagreementOf([label], [sub({ l: 'a' }), sub({ l: 'a' })])).toBe(0);
    expect(disagreementOf([label], [sub({ l: 'a' }), sub({ l: 'b' })])).toBe(0.5);
    expect(disagreementOf([label], [sub({ l: 'a' }), sub({ l: 'b' }), sub({ l: 'c' })])).toBeCloseTo(2 / 3);
    // (0 + 0.5) / 2 over the two questions.
    expect(disagreementOf([label, multi], [sub({ l: 'a', m: ['x'] }), sub({ l: 'a', m: ['y'] })])).toBe(0.25);
    expect(disagreementOf([label], [sub({ l: 'a' })])).toBe(0);
  });

  it('counts a discard as disagreeing and compares sets without order', () => {
    expect(disagreementOf([label], [sub({ l: 'a' }), { status: 'discarded', values: {} }])).toBe(0.5);
    expect(answerKey(multi, ['y', 'x'])).toBe(answerKey(multi, ['x', 'y']));
    expect(
      answerKey(spans, [
        { start: 5, end: 9, label: 'LOC' },
        { start: 0, end: 3, label: 'PER' },
      ]),
    ).toBe(
      answerKey(spans, [
        { start: 0, end: 3, label: 'PER' },
        { start: 5, end: 9, label: 'LOC' },
      ]),
    );
    expect(answerKey(spans, [{ start: 0, end: 3, label: 'PER' }])).not.toBe(
      answerKey(spans, [{ start: 0, end: 4, label: 'PER' }]),
    );
  });
});

describe('answer keys', () => {
  it('compare overlapping spans over the same characters in any order', () => {
    const overlapping = q({
      name: 's',
      type: 'span',
      field: 'text',
      labels: ['PER', 'LOC'],
      allowOverlap: true,
    });
    expect(
      answerKey(overlapping, [
        { start: 0, end: 3, label: 'PER' },
        { start: 0, end: 3, label: 'LOC' },
      ]),
    ).toBe(
      answerKey(overlapping, [
        { start: 0, end: 3, label: 'LOC' },
        { start: 0, end: 3, label: 'PER' },
      ]),
    );
  });

  it('take a preference by its choice: strength is not a disagreement', () => {
    const pref = q({ name: 'p', type: 'preference', options: ['a', 'b'] });
    expect(answerKey(pref, { choice: 'A', strength: 'slight' })).toBe(answerKey(pref, { choice: 'A' }));
    expect(answerKey(pref, { choice: 'A' })).not.toBe(answerKey(pref, { choice: 'tie' }));
  });

  it('compare a value of the wrong shape as its JSON instead of throwing', () => {
    expect(answerKey(multi, 3)).toBe('3');
    expect(answerKey(spans, null)).toBe('null');
  });
});
