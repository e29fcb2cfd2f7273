import { describe, expect, it } from 'vitest';
import {
  addSpan,
  normalizeRange,
  removeSpan,
  removeSpansAt,
  segments,
  snapToCodePoint,
  stepCaret,
  stepWord,
  validSpans,
} from '../../web/src/logic/spans.js';

const text = 'Maria lives in São Paulo.';

describe('normalizeRange', () => {
  it('orders the ends and trims surrounding white space', () => {
    expect(normalizeRange(text, 11, 5)).toEqual({ start: 6, end: 11 });
    expect(normalizeRange(text, 5, 6)).toBeUndefined();
  });
  it('never cuts a surrogate pair in half', () => {
    const emoji = 'a😀b'; // 😀 is two UTF-16 units at 1–2
    expect(normalizeRange(emoji, 2, 4)).toEqual({ start: 1, end: 4 });
    expect(normalizeRange(emoji, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(snapToCodePoint(emoji, 2, 1)).toBe(3);
    expect(snapToCodePoint(emoji, 2, -1)).toBe(1);
  });
});

describe('addSpan', () => {
  it('replaces overlapping spans when overlap is not allowed', () => {
    const one = addSpan([], { start: 0, end: 5, label: 'PER' }, false);
    const two = addSpan(one, { start: 15, end: 24, label: 'LOC' }, false);
    expect(two).toEqual([
      { start: 0, end: 5, label: 'PER' },
      { start: 15, end: 24, label: 'LOC' },
    ]);
    expect(addSpan(two, { start: 3, end: 11, label: 'MISC' }, false)).toEqual([
      { start: 3, end: 11, label: 'MISC' },
      { start: 15, end: 24, label: 'LOC' },
    ]);
  });
  it('keeps nested and crossing spans when overlap is allowed', () => {
    const spans = addSpan(
      [{ start: 15, end: 24, label: 'LOC' }],
      { start: 15, end: 18, label: 'MISC' },
      true,
    );
    expect(spans).toHaveLength(2);
    expect(spans[0]).toEqual({ start: 15, end: 18, label: 'MISC' });
  });
  it('toggles the same span off', () => {
    const spans = [{ start: 0, end: 5, label: 'PER' }];
    expect(addSpan(spans, { start: 0, end: 5, label: 'PER' }, true)).toEqual([]);
    expect(addSpan(spans, { start: 0, end: 5, label: 'ORG' }, false)).toEqual([
      { start: 0, end: 5, label: 'ORG' },
    ]);
  });
  it('touching spans do not overlap', () => {
    const spans = addSpan([{ start: 0, end: 5, label: 'PER' }], { start: 5, end: 11, label: 'X' }, false);
    expect(spans).toHaveLength(2);
  });
});

describe('removing spans', () => {
  const spans = [
    { start: 0, end: 5, label: 'PER' },
    { start: 15, end: 24, label: 'LOC' },
    { start: 15, end: 18, label: 'MISC' },
  ];
  it('removes every span under a caret, not those ending there', () => {
    expect(removeSpansAt(spans, 16)).toEqual([{ start: 0, end: 5, label: 'PER' }]);
    expect(removeSpansAt(spans, 5)).toEqual(spans);
    expect(removeSpansAt(spans, 0)).toEqual(spans.slice(1));
  });
  it('removes the spans a selection overlaps', () => {
    expect(removeSpansAt(spans, 4, 16)).toEqual([]);
    expect(removeSpansAt(spans, 19, 22)).toEqual([spans[0], spans[2]]);
  });
  it('removes one span by index', () => {
    expect(removeSpan(spans, 1)).toEqual([spans[0], spans[2]]);
  });
});

describe('segments', () => {
  it('cuts at span and selection bounds and merges plain text', () => {
    const segs = segments(text.length, [{ start: 0, end: 5, label: 'PER' }], { start: 15, end: 18 });
    expect(segs).toEqual([
      { start: 0, end: 5, spans: [0], selected: false },
      { start: 5, end: 15, spans: [], selected: false },
      { start: 15, end: 18, spans: [], selected: true },
      { start: 18, end: 25, spans: [], selected: false },
    ]);
  });
  it('lists every span covering a piece of overlapping spans', () => {
    const segs = segments(
      10,
      [
        { start: 0, end: 6, label: 'A' },
        { start: 3, end: 10, label: 'B' },
      ],
      undefined,
    );
    expect(segs.map((s) => [s.start, s.end, s.spans])).toEqual([
      [0, 3, [0]],
      [3, 6, [0, 1]],
      [6, 10, [1]],
    ]);
  });
  it('starts a piece at an extra cut (the caret)', () => {
    expect(segments(10, [], undefined, [4]).map((s) => [s.start, s.end])).toEqual([
      [0, 4],
      [4, 10],
    ]);
  });
});

describe('caret movement', () => {
  it('steps over a surrogate pair as one character', () => {
    const emoji = 'a😀b';
    expect(stepCaret(emoji, 1, 1)).toBe(3);
    expect(stepCaret(emoji, 3, -1)).toBe(1);
    expect(stepCaret(emoji, 0, -1)).toBe(0);
    expect(stepCaret(emoji, 4, 1)).toBe(4);
  });
  it('steps by words, in CJK and Arabic too', () => {
    expect(stepWord(text, 0, 1)).toBe(5);
    expect(stepWord(text, 5, 1)).toBe(11);
    expect(stepWord(text, 11, -1)).toBe(6);
    expect(stepWord('مرحبا بالعالم', 0, 1)).toBe(5);
  });
});

describe('validSpans', () => {
  it('drops spans outside the text, empty ones and unknown labels, and sorts', () => {
    const got = validSpans(
      [
        { start: 15, end: 24, label: 'LOC' },
        { start: 0, end: 5, label: 'PER' },
        { start: 3, end: 3, label: 'PER' },
        { start: 20, end: 99, label: 'LOC' },
        { start: 0, end: 2, label: 'NOPE' },
        'junk',
      ],
      text.length,
      ['PER', 'LOC'],
    );
    expect(got).toEqual([
      { start: 0, end: 5, label: 'PER' },
      { start: 15, end: 24, label: 'LOC' },
    ]);
    expect(validSpans(null, 10, ['A'])).toEqual([]);
  });
});
