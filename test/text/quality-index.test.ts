import { describe, expect, it } from 'vitest';
import { qualityChecks, qualityThresholds } from '../../src/text/quality/index.js';
import { CLEAN } from './quality-fixtures.js';

describe('qualityThresholds', () => {
  it('defaults to the published thresholds', () => {
    const t = qualityThresholds.parse({});
    expect(t.gopherQuality).toMatchObject({
      enabled: true,
      minWords: 50,
      maxWords: 100_000,
      minMeanWordLength: 3,
      maxMeanWordLength: 10,
      maxSymbolWordRatio: 0.1,
      maxBulletLinesRatio: 0.9,
      maxEllipsisLinesRatio: 0.3,
      minAlphaWordsRatio: 0.8,
      minStopWords: 2,
    });
    expect(t.gopherRepetition).toMatchObject({
      maxDuplicateLineFraction: 0.3,
      maxDuplicateParagraphFraction: 0.3,
      maxDuplicateLineCharFraction: 0.2,
      maxDuplicateParagraphCharFraction: 0.2,
      maxTop2gramCharFraction: 0.2,
      maxTop3gramCharFraction: 0.18,
      maxTop4gramCharFraction: 0.16,
      maxDuplicate5gramCharFraction: 0.15,
      maxDuplicate10gramCharFraction: 0.1,
    });
    expect(t.c4).toMatchObject({ minSentences: 5, minWordsPerLine: 3, maxWordLength: 1000, badWords: false });
    expect(t.fineweb).toMatchObject({
      minLinePunctRatio: 0.12,
      maxShortLineRatio: 0.67,
      shortLineLength: 30,
      maxCharDuplicatesRatio: 0.01,
      maxNewLineRatio: 0.3,
    });
  });

  it('fills in what an override leaves out, and rejects unknown keys', () => {
    const t = qualityThresholds.parse({ gopherQuality: { minWords: 20 } });
    expect(t.gopherQuality.minWords).toBe(20);
    expect(t.gopherQuality.maxWords).toBe(100_000);
    expect(() => qualityThresholds.parse({ gopherQuality: { minWord: 20 } })).toThrow();
    expect(() => qualityThresholds.parse({ gopher: {} })).toThrow();
  });
});

describe('qualityChecks', () => {
  it('runs every filter and passes a clean text', () => {
    const r = qualityChecks(CLEAN);
    expect(r.passed).toBe(true);
    expect(Object.keys(r.results).sort()).toEqual(['c4', 'fineweb', 'gopherQuality', 'gopherRepetition']);
  });

  it('collects failures from every filter', () => {
    const r = qualityChecks('Buy now');
    expect(r.passed).toBe(false);
    const names = r.failures.map((f) => f.rule);
    expect(names).toContain('gopher_min_words');
    expect(names).toContain('c4_min_sentences');
    expect(names).toContain('fineweb_max_short_line_ratio');
  });

  it('applies per-dataset overrides and can turn a filter off', () => {
    const short = 'The shop opens at nine. It closes at six. The staff are friendly and the prices are fair.';
    const strict = qualityChecks(short);
    expect(strict.failures.map((f) => f.rule)).toContain('gopher_min_words');
    const tuned = qualityChecks(short, {
      gopherQuality: { minWords: 10 },
      c4: { enabled: false },
      fineweb: { maxShortLineRatio: null },
    });
    expect(tuned.results.c4).toBeUndefined();
    expect(tuned.failures).toEqual([]);
    expect(tuned.passed).toBe(true);
  });

  it('skips the English stop-word rule for other languages', () => {
    const de = 'Grüne Äpfel schmecken süß. '.repeat(15);
    const en = qualityChecks(de, { c4: { enabled: false } });
    expect(en.failures.map((f) => f.rule)).toContain('gopher_min_stop_words');
    const r = qualityChecks(de, { c4: { enabled: false } }, { language: 'de' });
    expect(r.failures.map((f) => f.rule)).not.toContain('gopher_min_stop_words');
  });
});
