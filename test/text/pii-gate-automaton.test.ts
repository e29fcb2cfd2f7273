import { describe, expect, it } from 'vitest';
import { GateAutomaton } from '../../src/text/pii/gate-automaton.js';
import {
  alternatives,
  CASED_RANGES,
  canonicalize,
  chars,
  digitRun,
  type Element,
  many,
  one,
  optional,
  pattern,
  range,
  some,
  WHITESPACE,
  word,
} from '../../src/text/pii/gate-pattern.js';

/** A seeded generator (mulberry32), so a failure names a reproducible string. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random strings of `pieces`, 0–`max` of them joined. */
function randomTexts(pieces: readonly string[], count: number, max: number, seed: number): string[] {
  const next = rng(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    const n = Math.floor(next() * (max + 1));
    for (let i = 0; i < n; i++) s += pieces[Math.floor(next() * pieces.length)];
    return s;
  });
}

describe('GateAutomaton', () => {
  // Each gate with the regex it must agree with exactly; all compiled into one automaton, so that
  // patterns under way at the same time (and sharing prefixes) are exercised together.
  const SPACE = chars(' \u00a0');
  const DIGIT = range(0x30, 0x39);
  const cases: [Element[], RegExp][] = [
    [[...word('str.'), ...some(SPACE), one(DIGIT)], /str\.[ \u00a0]+\d/],
    [[...word('straße'), ...some(SPACE), one(DIGIT)], /straße[ \u00a0]+\d/],
    [[...word('rue'), one(SPACE)], /rue[ \u00a0]/],
    [[...word('ru'), one(DIGIT), one(DIGIT)], /ru\d\d/],
    [digitRun(5, ' -'), /\d(?:[ -]?\d){4}/],
    [[...digitRun(3, '.'), optional(chars('-')), one(range(0x41, 0x5a))], /\d(?:\.?\d){2}-?[A-Z]/],
    [[...word(':'), many(chars('abc')), ...word(':')], /:[abc]*:/],
    [[...word('key', true)], /key/i],
    [
      [
        one(chars('Ss')),
        ...word('t r'),
        many(chars(' ')),
        optional(chars(',')),
        ...some(chars(' \n')),
        one(range(0x41, 0x5a)),
      ],
      /[Ss]t r *,?[ \n]+[A-Z]/,
    ],
  ];
  const automaton = new GateAutomaton(cases.map(([elements], i) => pattern(1 << i, elements)));
  const expected = (text: string) =>
    cases.reduce((bits, [, re], i) => (re.test(text) ? bits | (1 << i) : bits), 0);

  it('sets exactly the bits of the patterns that occur, as the equivalent regexes say', () => {
    const pieces = [
      's',
      'st',
      'str',
      'str. ',
      'straße ',
      'rue ',
      'St r ',
      '12 3',
      '4-5',
      'kE',
      'y',
      'tr',
      '.',
      ' ',
      '\u00a0',
      '1',
      '23',
      '-',
      'straße',
      'ru',
      'rue',
      'e',
      ':',
      'a',
      'b',
      'c',
      'K',
      'e',
      'Y',
      'S',
      't r',
      ',',
      '\n',
      'A',
      'Z',
      'x',
      'ß',
    ];
    const texts = randomTexts(pieces, 20_000, 12, 1);
    const hits = cases.map(() => 0);
    for (const text of texts) {
      const want = expected(text);
      cases.forEach((_, i) => {
        if (want & (1 << i)) hits[i]!++;
      });
      expect([text, automaton.scan(text)]).toEqual([text, want]);
    }
    // Every pattern is hit often enough to mean something.
    expect(
      hits.every((n) => n > 20),
      String(hits),
    ).toBe(true);
  });

  it('matches anywhere, and carries no state from one text to the next', () => {
    expect(automaton.scan('xx str.  9')).toBe(1);
    expect(automaton.scan('str.')).toBe(0);
    expect(automaton.scan(' 9')).toBe(0);
    expect(automaton.scan('')).toBe(0);
    expect(automaton.scan('rue\u00a0rue ')).toBe(4);
  });

  it('works out only the states a scan reaches', () => {
    const fresh = new GateAutomaton(cases.map(([elements], i) => pattern(1 << i, elements)));
    const before = fresh.states;
    fresh.scan('nothing to see');
    const after = fresh.states;
    fresh.scan('str. 1 12345 :abc: KEY');
    expect(fresh.states).toBeGreaterThan(after);
    expect(after).toBeGreaterThanOrEqual(before);
  });

  it('refuses a pattern that can match nothing, and a gate that is not one bit', () => {
    expect(() => pattern(1, many(DIGIT))).toThrow(/at least one character/);
    expect(() => pattern(3, word('x'))).toThrow(/one bit/);
  });
});

describe('case-insensitive words', () => {
  it('read every code unit as a regex with the i flag (and no u) does', () => {
    // ASCII letters, a letter whose upper case is two letters (ß), Latin and Cyrillic letters with a
    // case, a Kelvin-sign look-alike (k), a caseless Han character and a digit.
    for (const ch of ['k', 'K', 's', 'é', 'ñ', 'ß', 'ø', 'ğ', 'р', 'д', 'μ', '生', 'न', '7', '-']) {
      const automaton = new GateAutomaton([pattern(1, word(ch, true))]);
      const re = new RegExp(ch.replace(/[-]/g, '\\$&'), 'i');
      const wrong: string[] = [];
      for (let c = 0; c <= 0xffff; c++) {
        const s = String.fromCharCode(c);
        if ((automaton.scan(s) === 1) !== re.test(s)) wrong.push(c.toString(16));
      }
      expect([ch, wrong]).toEqual([ch, []]);
    }
  });

  it('CASED_RANGES holds every code unit the i flag relates to another', () => {
    const inRanges = (c: number) => {
      for (let k = 0; k < CASED_RANGES.length; k += 2)
        if (c >= CASED_RANGES[k]! && c <= CASED_RANGES[k + 1]!) return true;
      return false;
    };
    const outside: string[] = [];
    for (let c = 0x80; c <= 0xffff; c++) {
      const to = canonicalize(c);
      if (to !== c && (!inRanges(c) || !inRanges(to))) outside.push(c.toString(16));
    }
    expect(outside).toEqual([]);
  });
});

describe('alternatives', () => {
  const texts = (source: string) =>
    alternatives(source).map((seq) =>
      seq.map((e) => (e.times === 'one' ? String.fromCharCode(e.set[0]!) : '*')).join(''),
    );

  it('expands classes, groups and optional groups', () => {
    expect(texts('[Mm]y')).toEqual(['My']);
    expect(alternatives('[Mm]y')[0]![0]!.set).toEqual(chars('Mm'));
    expect(texts('[Ii]ch hei(?:ß|ss)e')).toEqual(['Ich heiße', 'Ich heisse']);
    expect(texts('(?:[Bb]est |[Kk]ind )?[Rr]egards')).toEqual(['Regards', 'Best Regards', 'Kind Regards']);
    expect(texts('[Nn]ame\\s*:')).toEqual(['Name*:']);
    expect(alternatives('[Nn]ame\\s*:')[0]![4]).toEqual(many(WHITESPACE));
  });

  it('throws on syntax it does not read', () => {
    for (const source of ['a.b', 'a+', '[a-z]', '(a)', '\\d', 'a|b)', 'x?']) {
      expect(() => alternatives(source), source).toThrow(/gate source/);
    }
  });
});
