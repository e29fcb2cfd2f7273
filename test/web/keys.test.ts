import { describe, expect, it } from 'vitest';
import type { QuestionSettings } from '../../web/src/api/types.js';
import {
  applyKey,
  indexForDigit,
  positionKey,
  ratingForKey,
  ratingKeys,
  spanLabelKeys,
  TEN_CHORD_MS,
  toggleLabel,
} from '../../web/src/logic/keys.js';

const label: QuestionSettings = {
  name: 'factual',
  type: 'label',
  required: true,
  options: [{ value: 'correct' }, { value: 'minor' }, { value: 'major' }],
};
const multi: QuestionSettings = {
  name: 'topics',
  type: 'multi_label',
  required: false,
  options: [{ value: 'billing' }, { value: 'shipping' }, { value: 'refund' }],
};
const pref = (allowTie: boolean, strength: boolean): QuestionSettings => ({
  name: 'better',
  type: 'preference',
  required: true,
  options: ['a', 'b'],
  allowTie,
  strength,
});

describe('position keys', () => {
  it('numbers the first nine options 1–9 and the tenth 0', () => {
    expect([0, 1, 8, 9, 10].map(positionKey)).toEqual(['1', '2', '9', '0', undefined]);
  });
  it('maps digits back to positions within the option count', () => {
    expect(indexForDigit('1', 3)).toBe(0);
    expect(indexForDigit('3', 3)).toBe(2);
    expect(indexForDigit('4', 3)).toBeUndefined();
    expect(indexForDigit('0', 10)).toBe(9);
    expect(indexForDigit('0', 9)).toBeUndefined();
    expect(indexForDigit('a', 9)).toBeUndefined();
  });
});

describe('rating keys', () => {
  it('uses the value itself for single digits, including 0', () => {
    expect(ratingKeys([1, 2, 3, 4, 5])).toEqual(['1', '2', '3', '4', '5']);
    expect(ratingKeys([0, 1, 2])).toEqual(['0', '1', '2']);
    expect(ratingForKey([0, 1, 2], '0')).toBe(0);
    expect(ratingForKey([1, 2, 3, 4, 5], '5')).toBe(5);
    expect(ratingForKey([1, 2, 3, 4, 5], '6')).toBeUndefined();
    expect(ratingForKey([1, 2, 3, 4, 5], '0')).toBeUndefined();
  });
  it('types 10 as 0 on a scale without 0', () => {
    const scale = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(ratingKeys(scale).at(-1)).toBe('0');
    expect(ratingForKey(scale, '0')).toBe(10);
    expect(ratingForKey([2, 4, 6, 8, 10], '0')).toBe(10);
    expect(ratingForKey([2, 4, 6, 8, 10], '3')).toBeUndefined();
  });
  it('on a 0–10 scale, 0 is 0 unless it quickly follows a 1', () => {
    const scale = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(ratingKeys(scale)[0]).toBe('0');
    expect(ratingKeys(scale)[10]).toBe('1 0');
    expect(ratingForKey(scale, '0')).toBe(0);
    expect(ratingForKey(scale, '0', { previousKey: '1', sincePreviousMs: 200 })).toBe(10);
    expect(ratingForKey(scale, '0', { previousKey: '1', sincePreviousMs: TEN_CHORD_MS + 1 })).toBe(0);
    expect(ratingForKey(scale, '0', { previousKey: '2', sincePreviousMs: 100 })).toBe(0);
  });
  it('falls back to positions for values outside 0–10', () => {
    expect(ratingKeys([20, 40, 60])).toEqual(['1', '2', '3']);
    expect(ratingForKey([20, 40, 60], '2')).toBe(40);
  });
});

describe('applyKey', () => {
  it('picks a label by position and ignores keys beyond the options', () => {
    expect(applyKey(label, undefined, '2')).toBe('minor');
    expect(applyKey(label, 'minor', '3')).toBe('major');
    expect(applyKey(label, undefined, '4')).toBeUndefined();
    expect(applyKey(label, undefined, 's')).toBeUndefined();
  });
  it('toggles multi-labels and keeps the options order', () => {
    expect(applyKey(multi, undefined, '3')).toEqual(['refund']);
    expect(applyKey(multi, ['refund'], '1')).toEqual(['billing', 'refund']);
    expect(applyKey(multi, ['billing', 'refund'], '1')).toEqual(['refund']);
    expect(toggleLabel(['c', 'a'], 'b', ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });
  it('answers a rating question', () => {
    const q: QuestionSettings = { name: 'g', type: 'rating', required: true, values: [1, 2, 3, 4, 5] };
    expect(applyKey(q, 2, '4')).toBe(4);
  });
  it('chooses A, B or tie, with strength keys only after a non-tie choice', () => {
    const q = pref(true, true);
    expect(applyKey(q, undefined, 'a')).toEqual({ choice: 'A' });
    expect(applyKey(q, undefined, 'B')).toEqual({ choice: 'B' });
    expect(applyKey(q, undefined, '2')).toBeUndefined();
    expect(applyKey(q, { choice: 'A' }, '3')).toEqual({ choice: 'A', strength: 'strong' });
    expect(applyKey(q, { choice: 'A', strength: 'strong' }, 'b')).toEqual({
      choice: 'B',
      strength: 'strong',
    });
    expect(applyKey(q, { choice: 'A', strength: 'strong' }, 't')).toEqual({ choice: 'tie' });
    expect(applyKey(q, { choice: 'tie' }, '1')).toBeUndefined();
  });
  it('refuses a tie when ties are not allowed and strength keys when strength is off', () => {
    expect(applyKey(pref(false, true), undefined, 't')).toBeUndefined();
    expect(applyKey(pref(true, false), { choice: 'A' }, '1')).toBeUndefined();
  });
  it('leaves text, span and ranking questions to their widgets', () => {
    const text: QuestionSettings = { name: 't', type: 'text', required: false, markdown: false };
    expect(applyKey(text, '', '1')).toBeUndefined();
  });
});

describe('span label keys', () => {
  it('gives digits first, then letters that no other shortcut uses', () => {
    const keys = spanLabelKeys(20);
    expect(keys.slice(0, 10)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    expect(new Set(keys).size).toBe(20);
    for (const reserved of ['s', 'a', 'b', 't', '?']) expect(keys).not.toContain(reserved);
  });
});
