import { describe, expect, it } from 'vitest';
import { findOffensive, naughtyWordsLanguages } from '../../src/text/offensive.js';

describe('findOffensive', () => {
  it('finds English profanity with UTF-16 offsets and says which list matched', () => {
    const text = 'You little fucker';
    expect(findOffensive(text)).toEqual([
      { term: 'fuck', start: 11, end: 15, match: 'fuck', language: 'en', source: 'obscenity' },
    ]);
  });

  it('counts offsets in UTF-16 code units past astral characters', () => {
    const text = '😀 𝐟𝐮𝐜𝐤 you';
    const [hit] = findOffensive(text);
    expect(hit).toMatchObject({ term: 'fuck', start: 3, end: 11, source: 'obscenity' });
    expect(text.slice(hit!.start, hit!.end)).toBe('𝐟𝐮𝐜𝐤');
  });

  it('catches leetspeak, repeated letters and look-alike characters through obscenity', () => {
    expect(findOffensive('sh1t happens')).toEqual([
      { term: 'shit', start: 0, end: 4, match: 'sh1t', language: 'en', source: 'obscenity' },
    ]);
    expect(findOffensive('fuuuuuck off')).toEqual([
      expect.objectContaining({ term: 'fuck', start: 0, end: 8 }),
    ]);
    expect(findOffensive('what a b1tch')).toEqual([
      expect.objectContaining({ term: 'bitch', match: 'b1tch' }),
    ]);
  });

  it('does not flag innocent words that contain a bad one', () => {
    for (const text of [
      'Scunthorpe United won',
      'a classic assassin',
      'grapes and therapists',
      'the analysis',
    ]) {
      expect(findOffensive(text)).toEqual([]);
    }
  });

  it('matches list terms as whole words in spaced scripts', () => {
    const lists = { sources: ['naughty-words'] as const };
    expect(findOffensive('first class passage', lists)).toEqual([]);
    expect(findOffensive('What an ASS he is', lists)).toEqual([
      { term: 'ass', start: 8, end: 11, match: 'ASS', language: 'en', source: 'naughty-words' },
    ]);
    expect(findOffensive('a real bastard.', lists)).toEqual([
      expect.objectContaining({ term: 'bastard', start: 7, end: 14 }),
    ]);
  });

  it('matches substrings in scripts without spaces', () => {
    expect(findOffensive('你他妈的', { language: 'zh' })).toEqual([
      { term: '他妈的', start: 1, end: 4, match: '他妈的', language: 'zh', source: 'naughty-words' },
    ]);
  });

  it("uses the list of the text's language; '*' uses all of them", () => {
    const text = 'Du Arschloch!';
    expect(findOffensive(text)).toEqual([]);
    expect(findOffensive(text, { language: 'de-AT' })).toEqual([
      { term: 'arschloch', start: 3, end: 12, match: 'Arschloch', language: 'de', source: 'naughty-words' },
    ]);
    expect(findOffensive(text, { language: '*' })).toEqual([expect.objectContaining({ language: 'de' })]);
    expect(findOffensive('Quel tabarnak!', { language: 'fr' })).toEqual([]);
    expect(findOffensive('Quel tabarnak!', { language: 'fr-CA' })).toEqual([
      expect.objectContaining({ term: 'tabarnak', language: 'fr-CA-u-sd-caqc' }),
    ]);
    // obscenity (English) runs whatever the language.
    expect(findOffensive('Das ist shit.', { language: 'de' })).toEqual([
      expect.objectContaining({ term: 'shit', source: 'obscenity' }),
    ]);
  });

  it('suppresses allow-listed phrases and terms', () => {
    expect(findOffensive('Welcome to the cockpit')).toEqual([expect.objectContaining({ term: 'cock' })]);
    expect(findOffensive('Welcome to the COCKPIT', { allowList: ['cockpit'] })).toEqual([]);
    expect(findOffensive('Dick Van Dyke sings', { allowList: ['Dick Van Dyke'] })).toEqual([]);
    expect(findOffensive('sh1t happens', { allowList: ['shit'] })).toEqual([]);
    // The allow-list is not a blanket pass: other matches stay.
    expect(findOffensive('the cockpit is shit', { allowList: ['cockpit'] })).toEqual([
      expect.objectContaining({ term: 'shit', start: 15, source: 'naughty-words' }),
      expect.objectContaining({ term: 'shit', start: 15, source: 'obscenity' }),
    ]);
  });

  it('reports each match once, sorted by position', () => {
    const hits = findOffensive('shit and fuck, said the bastard');
    expect(hits.map((h) => [h.term, h.source, h.start])).toEqual([
      ['shit', 'naughty-words', 0],
      ['shit', 'obscenity', 0],
      ['fuck', 'naughty-words', 9],
      ['fuck', 'obscenity', 9],
      ['bastard', 'naughty-words', 24],
      ['bastard', 'obscenity', 24],
    ]);
  });

  it('lists the naughty-words languages', () => {
    expect(naughtyWordsLanguages()).toEqual(
      expect.arrayContaining(['en', 'de', 'zh', 'ja', 'fr-CA-u-sd-caqc']),
    );
  });
});
