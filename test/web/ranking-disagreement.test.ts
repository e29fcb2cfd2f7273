import { describe, expect, it } from 'vitest';
import type { QuestionSettings, ResponseView } from '../../web/src/api/types.js';
import { agreementFor, canonicalValue } from '../../web/src/logic/disagreement.js';
import { moveItem, orderFromValue, toRanking } from '../../web/src/logic/ranking.js';

describe('ranking', () => {
  const options = [{ value: 'a' }, { value: 'b' }, { value: 'c' }];
  it('moves an item and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -5)).toEqual(['a', 'b', 'c']);
    const list = ['a', 'b'];
    expect(moveItem(list, 1, 1)).toBe(list);
  });
  it('ranks 1..n in list order', () => {
    expect(toRanking(['c', 'a', 'b'])).toEqual([
      { value: 'c', rank: 1 },
      { value: 'a', rank: 2 },
      { value: 'b', rank: 3 },
    ]);
  });
  it('reads an answer back into an order, tolerating gaps and unknown values', () => {
    expect(
      orderFromValue(options, [
        { value: 'b', rank: 2 },
        { value: 'c', rank: 1 },
      ]),
    ).toEqual(['c', 'b', 'a']);
    expect(orderFromValue(options, [{ value: 'zzz', rank: 1 }])).toEqual(['a', 'b', 'c']);
    expect(orderFromValue(options, undefined)).toEqual(['a', 'b', 'c']);
  });
});

const response = (
  id: number,
  values: Record<string, unknown>,
  status: ResponseView['status'] = 'submitted',
) =>
  ({
    id,
    username: `u${id}`,
    round: 1,
    values,
    status,
    reason: null,
    timeSpentMs: 1000,
    updatedAt: 0,
  }) as ResponseView;

describe('agreement', () => {
  const label: QuestionSettings = {
    name: 'q',
    type: 'label',
    required: true,
    options: [{ value: 'x' }, { value: 'y' }],
  };
  it('marks the minority answer as disagreeing', () => {
    const ag = agreementFor(label, [
      response(1, { q: 'x' }),
      response(2, { q: 'x' }),
      response(3, { q: 'y' }),
    ]);
    expect(ag.unanimous).toBe(false);
    expect(ag.answered).toBe(3);
    expect(Object.fromEntries(ag.cells)).toEqual({ 1: 'agree', 2: 'agree', 3: 'disagree' });
  });
  it('is unanimous when all answers match, ignoring responses without an answer', () => {
    const ag = agreementFor(label, [response(1, { q: 'x' }), response(2, { q: 'x' }), response(3, {})]);
    expect(ag.unanimous).toBe(true);
    expect(ag.cells.get(3)).toBe('missing');
  });
  it('has no majority on a tie: everybody disagrees', () => {
    const ag = agreementFor(label, [response(1, { q: 'x' }), response(2, { q: 'y' })]);
    expect([...ag.cells.values()]).toEqual(['disagree', 'disagree']);
  });
  it('does not count discarded responses', () => {
    const ag = agreementFor(label, [response(1, { q: 'x' }), response(2, { q: 'y' }, 'discarded')]);
    expect(ag.cells.get(2)).toBe('missing');
    expect(ag.unanimous).toBe(false);
    expect(ag.answered).toBe(1);
  });
  it('compares label sets, spans and objects regardless of order', () => {
    const multi: QuestionSettings = { ...label, type: 'multi_label' };
    expect(canonicalValue(multi, ['y', 'x'])).toBe(canonicalValue(multi, ['x', 'y']));
    const span: QuestionSettings = {
      name: 's',
      type: 'span',
      required: true,
      field: 'f',
      labels: [],
      allowOverlap: false,
    };
    expect(
      canonicalValue(span, [
        { start: 5, end: 6, label: 'B' },
        { label: 'A', start: 0, end: 2 },
      ]),
    ).toBe(
      canonicalValue(span, [
        { start: 0, end: 2, label: 'A' },
        { start: 5, end: 6, label: 'B' },
      ]),
    );
    const pref: QuestionSettings = {
      name: 'p',
      type: 'preference',
      required: true,
      options: ['a', 'b'],
      allowTie: true,
      strength: true,
    };
    expect(canonicalValue(pref, { strength: 'clear', choice: 'A' })).toBe(
      canonicalValue(pref, { choice: 'A', strength: 'clear' }),
    );
    // The same choice with another strength is the same answer, as the review queue counts it
    // (see answerKey in src/core/answer-compare.ts); this asserted the opposite before they shared it.
    expect(canonicalValue(pref, { choice: 'A', strength: 'slight' })).toBe(
      canonicalValue(pref, { choice: 'A', strength: 'clear' }),
    );
    expect(canonicalValue(pref, { choice: 'A', strength: 'slight' })).not.toBe(
      canonicalValue(pref, { choice: 'B', strength: 'slight' }),
    );
  });
  it('treats text differing only in surrounding white space as agreeing', () => {
    const text: QuestionSettings = { name: 't', type: 'text', required: true, markdown: false };
    const ag = agreementFor(text, [response(1, { t: 'fine ' }), response(2, { t: 'fine' })]);
    expect(ag.unanimous).toBe(true);
  });
});
