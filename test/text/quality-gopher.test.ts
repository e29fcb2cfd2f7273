import { describe, expect, it } from 'vitest';
import { gopherQuality, gopherRepetition } from '../../src/text/quality/gopher.js';
import { codePoints, splitLines, words } from '../../src/text/quality/text-units.js';
import { CLEAN, rules, SENTENCES } from './quality-fixtures.js';

describe('text units', () => {
  it('segments words, keeping inner apostrophes and periods, and splits unspaced scripts', () => {
    expect(words("Don't stop-believing, e.g. 3.14 #tag")).toEqual([
      "Don't",
      'stop',
      'believing',
      'e.g',
      '3.14',
      'tag',
    ]);
    expect(words('我爱北京天安门')).toEqual(['我', '爱', '北京', '天安门']);
    expect(words('Hello 世界')).toEqual(['Hello', '世界']);
  });

  it('splits lines as Python splitlines does', () => {
    expect(splitLines('a\r\nb\rc\n\nd\n')).toEqual(['a', 'b', 'c', '', 'd']);
    expect(splitLines('')).toEqual([]);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePoints('a😀b')).toBe(3);
  });
});

describe('gopherQuality', () => {
  it('passes a clean text', () => {
    const r = gopherQuality(CLEAN);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.stats.words).toBe(109);
    expect(r.stats.stopWords).toBe(28);
  });

  it('fails a text under 50 words, and only on that rule', () => {
    const r = gopherQuality('The cat sat on the mat with the dog.');
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([{ rule: 'gopher_min_words', value: 9, threshold: 50 }]);
  });

  it('takes thresholds: maxWords 100 fails the 109-word text; null disables minWords', () => {
    expect(gopherQuality(CLEAN, { maxWords: 100 }).failures).toEqual([
      { rule: 'gopher_max_words', value: 109, threshold: 100 },
    ]);
    expect(rules(gopherQuality('The cat sat on the mat with the dog.', { minWords: null }))).toEqual([]);
  });

  it('fails mean word length outside 3–10 characters', () => {
    const short = gopherQuality(Array(30).fill('an ox').join(' '));
    expect(short.failures).toContainEqual({ rule: 'gopher_min_mean_word_length', value: 2, threshold: 3 });
    const long = gopherQuality(Array(60).fill('internationalisation').join(' '));
    expect(long.failures).toContainEqual({ rule: 'gopher_max_mean_word_length', value: 20, threshold: 10 });
    expect(rules(gopherQuality(CLEAN))).not.toContain('gopher_min_mean_word_length');
  });

  it("fails more than 0.1 '#' per word (11 in 109 words) but not 10", () => {
    const over = gopherQuality(`${CLEAN}${' #'.repeat(11)}`);
    expect(over.failures).toEqual([{ rule: 'gopher_max_hash_ratio', value: 11 / 109, threshold: 0.1 }]);
    expect(gopherQuality(`${CLEAN}${' #'.repeat(10)}`).passed).toBe(true);
  });

  it('counts both "..." and "…" as ellipses', () => {
    const over = gopherQuality(`${CLEAN}${' ...'.repeat(6)}${' …'.repeat(5)}`);
    expect(over.failures).toContainEqual({
      rule: 'gopher_max_ellipsis_ratio',
      value: 11 / 109,
      threshold: 0.1,
    });
    expect(rules(gopherQuality(`${CLEAN}${' …'.repeat(10)}`))).not.toContain('gopher_max_ellipsis_ratio');
  });

  it('fails when more than 90% of lines start with a bullet', () => {
    const all = SENTENCES.slice(0, 10).map((s, i) => (i % 2 ? `• ${s}` : `  - ${s}`));
    const r = gopherQuality(all.join('\n'));
    expect(r.failures).toEqual([{ rule: 'gopher_max_bullet_lines_ratio', value: 1, threshold: 0.9 }]);
    const nine = SENTENCES.slice(0, 10).map((s, i) => (i < 9 ? `- ${s}` : s));
    expect(gopherQuality(nine.join('\n')).stats.bulletLinesRatio).toBe(0.9);
    expect(gopherQuality(nine.join('\n')).passed).toBe(true);
  });

  it('fails when more than 30% of lines end with an ellipsis', () => {
    const lines = (k: number) => SENTENCES.slice(0, 10).map((s, i) => (i < k ? s.replace(/\.$/, '...') : s));
    expect(gopherQuality(lines(4).join('\n')).failures).toEqual([
      { rule: 'gopher_max_ellipsis_lines_ratio', value: 0.4, threshold: 0.3 },
    ]);
    expect(gopherQuality(lines(3).join('\n')).passed).toBe(true);
  });

  it('fails when fewer than 80% of words contain a letter', () => {
    const base = Array(12).fill('the cat and the dog').join(' '); // 60 words
    expect(gopherQuality(`${base}${' 2024'.repeat(16)}`).failures).toEqual([
      { rule: 'gopher_min_alpha_words_ratio', value: 60 / 76, threshold: 0.8 },
    ]);
    expect(gopherQuality(`${base}${' 2024'.repeat(15)}`).passed).toBe(true);
  });

  it('needs two stop-word occurrences, only for English', () => {
    const text = 'Green apples taste sweet. '.repeat(15);
    expect(gopherQuality(text).failures).toEqual([{ rule: 'gopher_min_stop_words', value: 0, threshold: 2 }]);
    expect(gopherQuality(`${text} The end.`).failures).toEqual([
      { rule: 'gopher_min_stop_words', value: 1, threshold: 2 },
    ]);
    expect(gopherQuality(`${text} The the end.`).passed).toBe(true);
    expect(gopherQuality(text, {}, { language: 'en-GB' }).passed).toBe(false);
    const de = gopherQuality(text, {}, { language: 'de' });
    expect(de.passed).toBe(true);
    expect(de.stats.stopWords).toBeNull();
  });
});

describe('gopherRepetition', () => {
  it('passes a clean text', () => {
    const r = gopherRepetition(CLEAN);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it('fails more than 30% duplicate lines, and measures their characters', () => {
    const text = [...SENTENCES.slice(0, 10), ...SENTENCES.slice(0, 5)].join('\n');
    const r = gopherRepetition(text);
    expect(r.stats.duplicateLineFraction).toBeCloseTo(5 / 15, 12);
    const dupChars = SENTENCES.slice(0, 5).reduce((s, l) => s + l.length, 0);
    expect(r.stats.duplicateLineCharFraction).toBeCloseTo(dupChars / text.length, 12);
    expect(rules(r)).toContain('gopher_max_duplicate_line_fraction');
    expect(rules(r)).toContain('gopher_max_duplicate_line_char_fraction');
    const fewer = gopherRepetition([...SENTENCES.slice(0, 10), ...SENTENCES.slice(0, 4)].join('\n'));
    expect(fewer.stats.duplicateLineFraction).toBeCloseTo(4 / 14, 12);
    expect(rules(fewer)).not.toContain('gopher_max_duplicate_line_fraction');
  });

  it('fails duplicate paragraphs (split on blank lines)', () => {
    const text = [...SENTENCES.slice(0, 10), ...SENTENCES.slice(0, 5)].join('\n\n');
    const r = gopherRepetition(text);
    expect(r.stats.duplicateParagraphFraction).toBeCloseTo(5 / 15, 12);
    expect(rules(r)).toContain('gopher_max_duplicate_paragraph_fraction');
    expect(rules(r)).toContain('gopher_max_duplicate_paragraph_char_fraction');
    // The same lines without blank lines between them are one paragraph.
    expect(gopherRepetition(text.replaceAll('\n\n', '\n')).stats.duplicateParagraphFraction).toBe(0);
  });

  it('scores the most frequent n-gram: characters × count over all characters', () => {
    const r = gopherRepetition('one two one two one two one two');
    expect(r.stats.topNgramCharFraction[2]).toBeCloseTo((7 * 4) / 31, 12);
    expect(rules(r)).toContain('gopher_max_top_2gram_char_fraction');
    // An n-gram seen once is not a repetition (deviation from datatrove, see gopher.ts).
    expect(gopherRepetition('alpha beta gamma delta').stats.topNgramCharFraction[2]).toBe(0);
  });

  it('counts characters of repeated n-grams, jumping past each repeat as datatrove does', () => {
    const ten = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj';
    const r = gopherRepetition(`${ten} ${ten}`);
    // n = 5: the repeat is two whole 5-grams (40 chars); n = 6: one 6-gram fits, 4 words remain.
    const repeated: Record<number, number> = { 5: 40, 6: 24, 7: 28, 8: 32, 9: 36, 10: 40 };
    for (const n of [5, 6, 7, 8, 9, 10]) {
      expect(r.stats.duplicateNgramCharFraction[n]).toBeCloseTo(repeated[n]! / 99, 12);
      expect(rules(r)).toContain(`gopher_max_duplicate_${n}gram_char_fraction`);
    }
    // Twelve identical words: 5-grams repeat at 1 and 6, the next would overrun → 10 of 23 chars.
    expect(gopherRepetition(Array(12).fill('x').join(' ')).stats.duplicateNgramCharFraction[5]).toBeCloseTo(
      10 / 23,
      12,
    );
  });

  it('takes thresholds', () => {
    const text = [...SENTENCES.slice(0, 10), ...SENTENCES.slice(0, 5)].join('\n');
    const r = gopherRepetition(text, {
      maxDuplicateLineFraction: 0.5,
      maxDuplicateLineCharFraction: null,
      maxDuplicateParagraphCharFraction: null,
    });
    expect(rules(r)).not.toContain('gopher_max_duplicate_line_fraction');
    expect(rules(r)).not.toContain('gopher_max_duplicate_line_char_fraction');
  });
});
