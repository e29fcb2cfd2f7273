import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import { majorityVote, majorityVoteCodes, multiLabelVote } from '../../src/stats/aggregation/majority.js';
import { ratingMedian } from '../../src/stats/aggregation/median.js';
import { preferenceVote } from '../../src/stats/aggregation/preference.js';
import { bordaCount } from '../../src/stats/aggregation/ranking.js';

describe('majorityVote', () => {
  it('picks the most frequent label with its share as confidence', () => {
    const r = majorityVote(['b', 'a', 'b', 'c'], ['a', 'b', 'c']);
    expect(r).toMatchObject({ value: 'b', confidence: 0.5, tied: false, votes: 4 });
    expect([...r.counts]).toEqual([
      ['b', 2],
      ['a', 1],
      ['c', 1],
    ]);
  });

  it('breaks a tie by option order and reports it', () => {
    const votes = ['c', 'b', 'b', 'c', 'a'];
    expect(majorityVote(votes, ['a', 'b', 'c'])).toMatchObject({ value: 'b', confidence: 0.4, tied: true });
    expect(majorityVote(votes, ['c', 'b', 'a'])).toMatchObject({ value: 'c', confidence: 0.4, tied: true });
  });

  it('ranks listed options before unlisted labels, and unlisted ones by code unit, not locale', () => {
    expect(majorityVote(['a', 'x'], ['x']).value).toBe('x');
    // 'B' (U+0042) < 'b' (U+0062); localeCompare would put 'b' first.
    expect(majorityVote(['b', 'B'], []).value).toBe('B');
    expect(majorityVote(['b', 'B', 'z', 'z'], ['q']).value).toBe('z');
  });

  it('returns no value for no votes', () => {
    expect(majorityVote([], ['a'])).toMatchObject({ value: undefined, confidence: 0, tied: false, votes: 0 });
  });
});

describe('multiLabelVote', () => {
  const answers = [['a', 'b'], ['a'], ['a', 'c'], ['b']];

  it('keeps labels chosen by more than half and flags labels at exactly half', () => {
    const r = multiLabelVote(answers, ['c', 'b', 'a']);
    expect(r.value).toEqual(['a']);
    expect(r.tied).toBe(true);
    expect(r.tiedLabels).toEqual(['b']);
    expect([...r.shares]).toEqual([
      ['a', 0.75],
      ['b', 0.5],
      ['c', 0.25],
    ]);
    // agreement with the decision: a 3/4, b 2/4 (left out), c 3/4 (left out)
    expect(r.confidence).toBeCloseTo(2 / 3, 12);
  });

  it('takes a configurable threshold and orders the set by option order', () => {
    const r = multiLabelVote(answers, ['c', 'b', 'a'], 0.4);
    expect(r.value).toEqual(['b', 'a']);
    expect(r.tied).toBe(false);
    expect(r.confidence).toBeCloseTo((0.75 + 0.5 + 0.75) / 3, 12);
  });

  it('counts a label repeated in one answer once; unanimous empty sets are certain', () => {
    expect(multiLabelVote([['a', 'a'], []], ['a'])).toMatchObject({
      value: [],
      tied: true,
      tiedLabels: ['a'],
    });
    expect(multiLabelVote([[], []], ['a'])).toMatchObject({ value: [], confidence: 1, tied: false });
    expect(multiLabelVote([], ['a'])).toMatchObject({ value: [], confidence: 0 });
  });

  it('rejects a threshold outside [0, 1)', () => {
    expect(() => multiLabelVote(answers, [], 1)).toThrow(TandemError);
  });
});

describe('majorityVoteCodes', () => {
  it('votes per item over integer codes, lowest code on a tie, -1 without labels', () => {
    const r = majorityVoteCodes({
      items: 3,
      annotators: 3,
      classes: 3,
      item: Int32Array.from([0, 1, 0, 1, 0]),
      annotator: Int32Array.from([0, 0, 1, 1, 2]),
      label: Int32Array.from([2, 1, 1, 0, 2]),
    });
    expect([...r.labels]).toEqual([2, 0, -1]);
    expect([...r.confidence]).toEqual([2 / 3, 0.5, 0]);
    expect([...r.tied]).toEqual([0, 1, 0]);
  });

  it('rejects codes out of range', () => {
    const bad = { items: 1, annotators: 1, classes: 2, item: Int32Array.of(0), annotator: Int32Array.of(0) };
    expect(() => majorityVoteCodes({ ...bad, label: Int32Array.of(2) })).toThrow(/out of range/);
  });
});

describe('ratingMedian', () => {
  const five = [1, 2, 3, 4, 5];

  it('takes the middle rating and the share within one step of it', () => {
    expect(ratingMedian([3, 1, 3, 5, 4], five)).toEqual({ value: 3, confidence: 0.6, tied: false });
  });

  it('takes the lower median of an even count, flagged as tied when the middle two differ', () => {
    expect(ratingMedian([5, 1, 4, 2], five)).toEqual({ value: 2, confidence: 0.5, tied: true });
    expect(ratingMedian([2, 4, 4, 2, 4, 2], five)).toMatchObject({ value: 2, tied: true });
    expect(ratingMedian([4, 2, 4, 4], five)).toMatchObject({ value: 4, tied: false });
  });

  it('counts distance in steps of the scale, not in rating units', () => {
    // scale 0, 5, 10: lower median of 0, 5, 10, 10 is 5; every rating is within one step of it.
    expect(ratingMedian([10, 0, 10, 5], [10, 0, 5])).toEqual({ value: 5, confidence: 1, tied: true });
    expect(ratingMedian([10, 0, 10, 5], [0, 5, 10], 0).confidence).toBe(0.25);
  });

  it('rejects ratings off the scale; no ratings give no value', () => {
    expect(() => ratingMedian([3], [0, 5, 10])).toThrow(/not on the scale/);
    expect(ratingMedian([], five)).toEqual({ value: undefined, confidence: 0, tied: false });
  });
});

describe('preferenceVote', () => {
  it('takes the majority choice and the lower median strength of its voters', () => {
    const r = preferenceVote([
      { choice: 'A', strength: 'strong' },
      { choice: 'A', strength: 'slight' },
      { choice: 'B', strength: 'strong' },
      { choice: 'A', strength: 'clear' },
      { choice: 'tie' },
    ]);
    expect(r).toEqual({ value: { choice: 'A', strength: 'clear' }, confidence: 0.6, tied: false });
    expect(
      preferenceVote([
        { choice: 'B', strength: 'strong' },
        { choice: 'B', strength: 'slight' },
        { choice: 'B' },
      ]).value,
    ).toEqual({ choice: 'B', strength: 'slight' });
    expect(preferenceVote([{ choice: 'B' }]).value).toEqual({ choice: 'B' });
  });

  it('resolves a tie at the top to the choice "tie"', () => {
    expect(preferenceVote([{ choice: 'A' }, { choice: 'B' }])).toEqual({
      value: { choice: 'tie' },
      confidence: 0,
      tied: true,
    });
    expect(
      preferenceVote([
        { choice: 'B' },
        { choice: 'tie' },
        { choice: 'tie' },
        { choice: 'B' },
        { choice: 'A' },
      ]),
    ).toEqual({ value: { choice: 'tie' }, confidence: 0.4, tied: true });
    expect(preferenceVote([{ choice: 'tie' }, { choice: 'tie' }, { choice: 'A' }])).toEqual({
      value: { choice: 'tie' },
      confidence: 2 / 3,
      tied: false,
    });
    expect(preferenceVote([])).toEqual({ value: undefined, confidence: 0, tied: false });
  });
});

describe('bordaCount', () => {
  const rank = (...order: string[]) => order.map((value, i) => ({ value, rank: i + 1 }));

  it('ranks by Borda points, which can differ from the most first places', () => {
    // a has two first places, but b is never last.
    const r = bordaCount(
      [rank('a', 'b', 'c'), rank('a', 'b', 'c'), rank('b', 'c', 'a'), rank('c', 'b', 'a')],
      ['a', 'b', 'c'],
    );
    expect([...r.points]).toEqual([
      ['a', 4],
      ['b', 5],
      ['c', 3],
    ]);
    expect(r.value).toEqual(rank('b', 'a', 'c'));
    expect(r.tied).toBe(false);
  });

  it('measures agreement with the final order over pairs', () => {
    const r = bordaCount([rank('x', 'y', 'z'), rank('y', 'x', 'z'), rank('x', 'z', 'y')], ['x', 'y', 'z']);
    expect(r.value).toEqual(rank('x', 'y', 'z'));
    // pairs (x,y): 1+0+1, (x,z): 1+1+1, (y,z): 1+1+0
    expect(r.confidence).toBeCloseTo(7 / 9, 12);
  });

  it('gives equal points an equal rank, listed in option order', () => {
    const r = bordaCount([rank('y', 'x'), rank('x', 'y')], ['x', 'y']);
    expect(r.value).toEqual([
      { value: 'x', rank: 1 },
      { value: 'y', rank: 1 },
    ]);
    expect(r).toMatchObject({ tied: true, confidence: 0.5 });
  });

  it('gives options an annotator ranked equal half a point each', () => {
    const r = bordaCount(
      [
        [
          { value: 'x', rank: 1 },
          { value: 'y', rank: 1 },
          { value: 'z', rank: 3 },
        ],
      ],
      ['x', 'y', 'z'],
    );
    expect([...r.points]).toEqual([
      ['x', 1.5],
      ['y', 1.5],
      ['z', 0],
    ]);
    expect(r.value).toEqual([
      { value: 'x', rank: 1 },
      { value: 'y', rank: 1 },
      { value: 'z', rank: 3 },
    ]);
    expect(r.confidence).toBe(1);
  });

  it('rejects incomplete rankings and unknown options', () => {
    expect(() => bordaCount([rank('x')], ['x', 'y'])).toThrow(/all 2 options/);
    expect(() => bordaCount([rank('x', 'q')], ['x', 'y'])).toThrow(/not an option/);
    expect(bordaCount([], ['x', 'y'])).toMatchObject({ value: [], confidence: 0 });
  });
});
