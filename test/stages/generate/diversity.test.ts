import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import {
  DiversityMeter,
  type DiversityOptions,
  type DiversitySummary,
  formatDiversity,
} from '../../../src/stages/generate/diversity.js';

const random = seededRandom(2024);
/** Made-up words of 4–9 letters: drawn from 26^4 and more, so repeats are rare. */
const word = () =>
  Array.from({ length: 4 + random.below(6) }, () => String.fromCharCode(97 + random.below(26))).join('');
const words = (n: number) => Array.from({ length: n }, word);

function meterOf(texts: Iterable<string>, options?: DiversityOptions) {
  const meter = new DiversityMeter(options);
  for (const t of texts) meter.add(t);
  return meter;
}

const WORDS = /[\p{L}\p{M}\p{N}]+/gu;

/** Exact distinct-n with the meter's word rule, for comparison with the sketches. */
function exactDistinct(texts: readonly string[], n: number): number {
  const seen = new Set<string>();
  let total = 0;
  for (const t of texts) {
    const tokens = t.toLowerCase().match(WORDS) ?? [];
    for (let i = 0; i + n <= tokens.length; i++, total++) seen.add(tokens.slice(i, i + n).join(' '));
  }
  return seen.size / total;
}

/** Distinct n-gram counts from a summary's ratios and the n-gram totals (small counts are near exact). */
function distinctCounts(s: DiversitySummary, totals: readonly number[]): number[] {
  return [s.distinct1, s.distinct2, s.distinct3].map((d, i) => Math.round(d * totals[i]!));
}

describe('DiversityMeter: distinct-n', () => {
  it('gives about 1 / rows for identical rows, and finds them all near-duplicates', () => {
    const row = words(50).join(' ');
    const s = meterOf(Array.from({ length: 200 }, () => row)).summary();
    expect(s.rows).toBe(200);
    expect(s.tokens).toBe(200 * 50);
    // 50 distinct words among 10,000, 49 bigrams among 9,800, 48 trigrams among 9,600: 1/200 each. (Two
    // of ~50 values share a register 7% of the time, which makes 49: allow 3%.)
    for (const d of [s.distinct1, s.distinct2, s.distinct3]) expect(Math.abs(d * 200 - 1)).toBeLessThan(0.03);
    expect(s.nearDuplicateShare).toBe(199 / 200); // one cluster of 200: all but the kept one
    expect(s.nearDuplicateSample).toBe(200);
  });

  it('matches exact distinct-n within 2% on varied rows, with no near-duplicates', () => {
    // Words from a Zipf-like vocabulary of 20,000, so that 1-grams repeat but 3-grams rarely do.
    const vocabulary = words(20_000);
    const zipf = () => vocabulary[Math.floor(vocabulary.length ** random.float()) - 1]!;
    const texts = Array.from({ length: 2000 }, () => Array.from({ length: 60 }, zipf).join(' '));
    const s = meterOf(texts).summary();
    expect(s.tokens).toBe(2000 * 60);
    const exact = [1, 2, 3].map((n) => exactDistinct(texts, n));
    expect(exact[0]).toBeLessThan(0.2); // the check below means something only if 1-grams repeat
    expect(exact[2]).toBeGreaterThan(0.9);
    [s.distinct1, s.distinct2, s.distinct3].forEach((d, i) => {
      expect(Math.abs(d - exact[i]!) / exact[i]!).toBeLessThan(0.02);
    });
    expect(s.nearDuplicateShare).toBe(0);
  });

  it('lower-cases words, splits on anything but letters, marks and digits, and keeps n-grams in rows', () => {
    const s = meterOf(['The the THE, the.', 'hindi: हिन्दी भाषा', 'x']).summary();
    // Row 1: 4 tokens; row 2: 3 (the marks of Devanagari stay inside their words); row 3: 1.
    expect(s.tokens).toBe(8);
    expect(distinctCounts(s, [8, 5, 3])).toEqual([
      5, // the, hindi, हिन्दी, भाषा, x
      3, // the the ×3 | hindi हिन्दी, हिन्दी भाषा (none across rows: not "भाषा x")
      2, // the the the ×2 | hindi हिन्दी भाषा
    ]);
  });

  it('splits like /[\\p{L}\\p{M}\\p{N}]+/gu: astral letters, emoji, marks, punctuation', () => {
    const pool = [
      'Café',
      'cafe\u0301',
      '“quoted”',
      'don’t',
      'e-mail',
      '3.14',
      '𝐁𝐨𝐥𝐝',
      'x😀y',
      'naïve—really',
    ];
    pool.push('İstanbul', 'ΣΟΦΙΑ', 'हिन्दी', '#tag', '__init__', '½', '²');
    const texts = Array.from({ length: 300 }, () =>
      Array.from({ length: 12 }, () => pool[random.below(pool.length)]!).join(random.below(2) ? ' ' : ', '),
    );
    const s = meterOf(texts).summary();
    expect(s.tokens).toBe(texts.reduce((sum, t) => sum + (t.toLowerCase().match(WORDS)?.length ?? 0), 0));
    [s.distinct1, s.distinct2, s.distinct3].forEach((d, i) => {
      const exact = exactDistinct(texts, i + 1);
      expect(Math.abs(d - exact) / exact).toBeLessThan(0.01);
    });
  });

  it('counts characters as tokens in scripts written without spaces', () => {
    const s = meterOf(['天天向上', '東京、大阪。']).summary();
    // 4 + 4 characters (punctuation skipped); distinct: 天 向 上 東 京 大 阪 = 7.
    expect(s.tokens).toBe(8);
    expect(distinctCounts(s, [8, 6, 4])).toEqual([7, 6, 4]);
  });

  it('reports 0 for orders with no n-grams and for no rows', () => {
    const s = meterOf(['one', '', 'two words']).summary();
    expect([s.tokens, s.distinct1, s.distinct2, s.distinct3]).toEqual([3, 1, 1, 0]);
    const none = new DiversityMeter().summary();
    expect(none).toMatchObject({
      rows: 0,
      tokens: 0,
      distinct1: 0,
      nearDuplicateShare: 0,
      nearDuplicateSample: 0,
    });
  });
});

describe('DiversityMeter: near-duplicates', () => {
  it('measures a known share of near-duplicate rows exactly while every row fits in the sample', () => {
    // 800 unrelated 60-word rows, then 200 copies of rows 0–199 with the last word changed, shuffled
    // in. A copy shares 55 of its 56 five-word shingles with its original: Jaccard 55/57 ≈ 0.96, which
    // LSH (16 bands of 8 rows) misses with probability ~10^-10, while unrelated rows share none. So
    // there are exactly 200 clusters of two and 200 non-kept rows: share 200 / 1,000 = 0.2. (Changing a
    // middle word instead gives Jaccard 51/61 ≈ 0.84, which LSH finds only ~99% of the time.)
    const originals = Array.from({ length: 800 }, () => words(60));
    const copies = originals.slice(0, 200).map((w) => [...w.slice(0, 59), 'changed'].join(' '));
    const rows = originals.map((w) => w.join(' '));
    for (const c of copies) rows.splice(random.below(rows.length + 1), 0, c);
    const s = meterOf(rows).summary();
    expect(s.nearDuplicateSample).toBe(1000);
    expect(s.nearDuplicateShare).toBe(0.2);
    // A stricter threshold than the copies' similarity finds none.
    expect(meterOf(rows, { threshold: 0.97 }).summary().nearDuplicateShare).toBe(0);
  });

  it('keeps at most sampleSize rows, a uniform sample of all, decided by the seed', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `row ${i}`);
    const meter = meterOf(rows(50_000), { sampleSize: 2000 });
    expect(meter.sample).toHaveLength(2000);
    expect(meter.summary()).toMatchObject({ rows: 50_000, nearDuplicateSample: 2000 });
    // Uniform: a quarter of the sample from each quarter of the stream (σ ≈ 0.01 per quarter).
    const index = meter.sample.map((r) => Number(r.slice(4)));
    for (let q = 0; q < 4; q++) {
      const share = index.filter((i) => Math.floor(i / 12_500) === q).length / 2000;
      expect(share).toBeGreaterThan(0.21);
      expect(share).toBeLessThan(0.29);
    }
    expect(new Set(index).size).toBe(2000);
    expect(meterOf(rows(50_000), { sampleSize: 2000 }).sample).toEqual(meter.sample);
    expect(meterOf(rows(50_000), { sampleSize: 2000, seed: 2 }).sample).not.toEqual(meter.sample);
  });

  it('holds no more than the default 5,000 rows after 50,000', () => {
    const meter = new DiversityMeter();
    for (let i = 0; i < 50_000; i++) meter.add(`row ${i} ${i % 7}`);
    expect(meter.sample).toHaveLength(5000);
  });

  it('rejects bad options', () => {
    expect(() => new DiversityMeter({ sampleSize: -1 })).toThrow(RangeError);
    expect(() => new DiversityMeter({ threshold: 0 })).toThrow(RangeError);
    expect(() => new DiversityMeter({ precision: 30 })).toThrow(RangeError);
  });
});

describe('formatDiversity', () => {
  const base: DiversitySummary = {
    rows: 5000,
    tokens: 1_234_567,
    distinct1: 0.4123,
    distinct2: 0.778,
    distinct3: 0.9149,
    nearDuplicateShare: 0.0321,
    nearDuplicateSample: 5000,
    threshold: 0.8,
  };

  it('gives a line for distinct-n and one for near-duplicates', () => {
    expect(formatDiversity(base)).toEqual([
      'distinct n-grams: 1-gram 0.41 · 2-gram 0.78 · 3-gram 0.91 (of 1,234,567 tokens)',
      'near-duplicates: 3.2% of all 5,000 rows (Jaccard ≥ 0.8)',
    ]);
    expect(formatDiversity({ ...base, rows: 120_000 })[1]).toBe(
      'near-duplicates: 3.2% of a 5,000-row sample of 120,000 rows (Jaccard ≥ 0.8)',
    );
  });

  it('says when there is nothing to measure', () => {
    expect(formatDiversity({ ...base, rows: 0, tokens: 0 })).toEqual(['diversity: no rows']);
    expect(formatDiversity({ ...base, nearDuplicateSample: 0 })[1]).toBe('near-duplicates: not measured');
  });
});
