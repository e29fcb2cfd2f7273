import { describe, expect, it } from 'vitest';
import { c4Quality } from '../../src/text/quality/c4.js';
import { finewebQuality } from '../../src/text/quality/fineweb.js';
import { CLEAN, rules, SENTENCES } from './quality-fixtures.js';

describe('c4Quality', () => {
  it('passes a clean text and keeps every line', () => {
    const r = c4Quality(CLEAN);
    expect(r.failures).toEqual([]);
    expect(r.stats).toMatchObject({ lines: 3, linesKept: 3, sentences: 6 });
  });

  it('fails fewer than 5 sentences; the threshold is configurable', () => {
    const text = SENTENCES.slice(0, 3).join('\n');
    expect(c4Quality(text).failures).toEqual([{ rule: 'c4_min_sentences', value: 3, threshold: 5 }]);
    expect(c4Quality(text, { minSentences: 3 }).passed).toBe(true);
  });

  it('counts only lines ending in terminal punctuation', () => {
    const lines = SENTENCES.slice(0, 5);
    lines[1] = lines[1]!.replace(/\.$/, '');
    lines[2] = lines[2]!.replace(/\.$/, '...');
    const r = c4Quality(lines.join('\n'));
    expect(r.stats).toMatchObject({ removedNoTerminalPunctuation: 2, linesKept: 3, sentences: 3 });
    expect(rules(r)).toEqual(['c4_min_sentences']);
  });

  it('fails a page where no line ends in terminal punctuation', () => {
    const r = c4Quality('Home\nAbout us\nContact the team today');
    expect(r.failures).toContainEqual({ rule: 'c4_min_terminal_lines', value: 0, threshold: 1 });
    expect(rules(c4Quality(CLEAN))).not.toContain('c4_min_terminal_lines');
  });

  it('drops lines of fewer than 3 words', () => {
    const r = c4Quality(`${CLEAN}\nYes indeed.`);
    expect(r.stats).toMatchObject({ removedTooFewWords: 1, linesKept: 3 });
    expect(c4Quality(`${CLEAN}\nYes indeed.`, { minWordsPerLine: 2 }).stats.linesKept).toBe(4);
  });

  it('removes citation markers before the punctuation test', () => {
    const text = SENTENCES.slice(0, 5)
      .map((s) => `${s}[1]`)
      .join('\n');
    expect(c4Quality(text).passed).toBe(true);
    const kept = c4Quality(text, { removeCitations: false });
    expect(kept.stats.linesKept).toBe(0);
    expect(kept.passed).toBe(false);
  });

  it('fails "lorem ipsum" in a kept line unless switched off', () => {
    const text = `${CLEAN}\nLorem ipsum dolor sit amet, consectetur adipiscing elit.`;
    expect(c4Quality(text).failures).toEqual([{ rule: 'c4_lorem_ipsum', value: 1, threshold: 0 }]);
    expect(c4Quality(text, { loremIpsum: false }).passed).toBe(true);
  });

  it('fails a curly bracket in a kept line, not in a code line C4 drops anyway', () => {
    expect(c4Quality(`${CLEAN}\nWrite {name} in the greeting field of the form.`).failures).toEqual([
      { rule: 'c4_curly_bracket', value: 1, threshold: 0 },
    ]);
    const code = c4Quality(`${CLEAN}\nfunction greet() {`);
    expect(code.passed).toBe(true);
    expect(code.stats.removedNoTerminalPunctuation).toBe(1);
  });

  it('drops Javascript warnings and policy notices (which can leave too few sentences)', () => {
    const js = [...SENTENCES.slice(0, 4), 'Please enable JavaScript to view the comments.'].join('\n');
    const r = c4Quality(js);
    expect(r.stats.removedJavascript).toBe(1);
    expect(r.failures).toEqual([{ rule: 'c4_min_sentences', value: 4, threshold: 5 }]);
    expect(c4Quality(js, { javascript: false }).passed).toBe(true);
    const policy = [...SENTENCES.slice(0, 4), 'This site uses cookies to improve your experience.'].join(
      '\n',
    );
    expect(c4Quality(policy).stats.removedPolicy).toBe(1);
    expect(c4Quality(policy, { policy: false }).passed).toBe(true);
  });

  it('drops lines with a token longer than 1,000 characters', () => {
    const r = c4Quality(`${CLEAN}\nSee ${'x'.repeat(1001)} for details.`);
    expect(r.stats.removedLongWord).toBe(1);
    expect(c4Quality(`${CLEAN}\nSee ${'x'.repeat(1000)} for details.`).stats.removedLongWord).toBe(0);
  });

  it('checks the bad-words list only when asked', () => {
    const text = `${CLEAN}\nHe called the referee a bastard in front of everyone.`;
    expect(c4Quality(text).passed).toBe(true);
    expect(c4Quality(text, { badWords: true }).failures).toEqual([
      { rule: 'c4_bad_words', value: 1, threshold: 0 },
    ]);
  });

  it('works for Chinese: 。 ends a line, words are segmented', () => {
    const zh = [
      '今天天气很好。',
      '我们去公园散步。',
      '孩子们在草地上玩耍。',
      '老人坐在长椅上聊天。',
      '傍晚我们一起回家。',
    ];
    const r = c4Quality(zh.join('\n'), {}, { language: 'zh' });
    expect(r.stats).toMatchObject({ linesKept: 5, sentences: 5 });
    expect(r.passed).toBe(true);
  });
});

describe('finewebQuality', () => {
  it('passes a clean text', () => {
    const r = finewebQuality(CLEAN);
    expect(r.failures).toEqual([]);
    expect(r.stats.newLineRatio).toBeCloseTo(2 / 109, 12);
  });

  it('fails when under 12% of lines end in punctuation', () => {
    const lines = (k: number) => SENTENCES.slice(0, 10).map((s, i) => (i < k ? s : s.replace(/\.$/, '')));
    expect(finewebQuality(lines(1).join('\n')).failures).toEqual([
      { rule: 'fineweb_min_line_punct_ratio', value: 0.1, threshold: 0.12 },
    ]);
    expect(finewebQuality(lines(2).join('\n')).passed).toBe(true);
    // datatrove fails below the threshold, not at it.
    expect(finewebQuality(lines(2).join('\n'), { minLinePunctRatio: 0.2 }).passed).toBe(true);
    expect(finewebQuality(lines(0).join('\n')).passed).toBe(false);
    expect(finewebQuality(lines(0).join('\n'), { linePunctExcludeZero: true }).passed).toBe(true);
  });

  it('fails when 67% or more of the lines have at most 30 characters', () => {
    const short = ['Apples are red.', 'Grass is green.', 'Snow is cold.', 'Fire is hot.', 'Rain is wet.'];
    const more = [...short, 'Sand is dry.', 'Ice is hard.'];
    const seven = finewebQuality([...more, ...SENTENCES.slice(0, 3)].join('\n'));
    expect(seven.failures).toEqual([{ rule: 'fineweb_max_short_line_ratio', value: 0.7, threshold: 0.67 }]);
    expect(finewebQuality([...more.slice(0, 6), ...SENTENCES.slice(0, 4)].join('\n')).passed).toBe(true);
    const half = `${'x'.repeat(30)}\n${'y'.repeat(31)}`;
    expect(finewebQuality(half).stats.shortLineRatio).toBe(0.5);
    // datatrove fails at the threshold (≥), not only above it.
    expect(rules(finewebQuality(half, { maxShortLineRatio: 0.5 }))).toContain('fineweb_max_short_line_ratio');
    expect(rules(finewebQuality(half, { shortLineLength: 29 }))).not.toContain(
      'fineweb_max_short_line_ratio',
    );
  });

  it('fails when duplicated lines hold 1% or more of the characters', () => {
    const first = CLEAN.split('\n')[0]!;
    const text = `${CLEAN}\n${first}`;
    const r = finewebQuality(text);
    expect(r.stats.charDuplicatesRatio).toBeCloseTo(first.length / text.replaceAll('\n', '').length, 12);
    expect(rules(r)).toEqual(['fineweb_max_char_duplicates_ratio']);
    expect(finewebQuality(text, { maxCharDuplicatesRatio: 0.5 }).passed).toBe(true);
    const exact = first.length / text.replaceAll('\n', '').length;
    expect(rules(finewebQuality(text, { maxCharDuplicatesRatio: exact }))).toEqual([
      'fineweb_max_char_duplicates_ratio',
    ]);
  });

  it('fails more than 0.3 newlines per word (lists, menus)', () => {
    const list = 'Apples.\nBananas.\nCherries.\nDates.\nFigs.';
    const r = finewebQuality(list);
    expect(r.stats.newLineRatio).toBeCloseTo(4 / 5, 12);
    expect(r.failures).toContainEqual({ rule: 'fineweb_max_new_line_ratio', value: 0.8, threshold: 0.3 });
  });

  it('fails an empty text', () => {
    expect(finewebQuality(' \n \n').failures).toEqual([
      { rule: 'fineweb_min_lines', value: 0, threshold: 1 },
    ]);
  });
});
