import { describe, expect, it } from 'vitest';
import {
  analyze,
  analyzeMany,
  analyzeWith,
  type Entity,
  resolveOptions,
  resolveOverlaps,
} from '../../src/text/pii/index.js';
import { PII_CASES } from './pii-cases.js';

const e = (start: number, end: number, score: number, type: Entity['type'] = 'URL'): Entity => ({
  type,
  start,
  end,
  text: 'x'.repeat(end - start),
  score,
});

describe('resolveOverlaps', () => {
  it('keeps the higher score, then the longer span, then the earlier start', () => {
    expect(resolveOverlaps([e(0, 10, 0.5), e(5, 8, 0.9)])).toEqual([e(5, 8, 0.9)]);
    expect(resolveOverlaps([e(0, 4, 0.6), e(2, 12, 0.6)])).toEqual([e(2, 12, 0.6)]);
    expect(resolveOverlaps([e(3, 8, 0.6), e(0, 5, 0.6)])).toEqual([e(0, 5, 0.6)]);
  });

  it('keeps disjoint and touching spans, in text order', () => {
    const input = [e(10, 12, 0.5), e(0, 5, 0.7), e(5, 10, 0.6)];
    expect(resolveOverlaps(input)).toEqual([e(0, 5, 0.7), e(5, 10, 0.6), e(10, 12, 0.5)]);
  });

  it('checks the neighbours on both sides of a candidate', () => {
    // 0.9 and 0.8 are kept first; 0.7 overlaps the one after it, 0.6 the one before it.
    const input = [e(0, 3, 0.9), e(10, 13, 0.8), e(8, 11, 0.7), e(2, 5, 0.6), e(5, 8, 0.5)];
    expect(resolveOverlaps(input)).toEqual([e(0, 3, 0.9), e(5, 8, 0.5), e(10, 13, 0.8)]);
  });

  it('resolves the same span found by two recognizers to the better type', () => {
    const key = ['sk-', 'proj-', 'A1b2C3d4E5f6G7h8I9j0K1l2'].join('');
    expect(analyze(`api_key=${key}`).map((x) => [x.type, x.text, x.score])).toEqual([['API_KEY', key, 1]]);
  });
});

describe('analyze', () => {
  it('returns entities in text order with text = input.slice(start, end)', () => {
    const text = 'Mail ana@example.com or call +44 20 7946 0958; card 4111 1111 1111 1111.';
    const found = analyze(text);
    expect(found.map((x) => x.type)).toEqual(['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD']);
    for (const x of found) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('counts offsets in UTF-16 code units, so emoji before an entity shift it by two each', () => {
    const text = '🎉🎉 Mail: ana@example.com';
    const [email] = analyze(text);
    expect(email).toEqual({
      type: 'EMAIL_ADDRESS',
      start: 11,
      end: 26,
      text: 'ana@example.com',
      score: 1,
    });
    expect([...text.slice(0, 11)].length).toBe(9); // nine code points, eleven code units
  });

  it('keeps offsets right around astral letters and combining marks', () => {
    const text = '𝒜é́ call (415) 555-2671 👍🏽';
    const [phone] = analyze(text);
    expect(phone?.start).toBe(text.indexOf('('));
    expect(phone?.text).toBe('(415) 555-2671');
  });

  it('drops entities under minScore (default 0.5) and keeps those at it', () => {
    const text = 'id 536-90-4399 and 536 90 4399';
    expect(analyze(text).map((x) => [x.text, x.score])).toEqual([['536-90-4399', 0.5]]);
    expect(analyze(text, { minScore: 0.4 }).map((x) => x.score)).toEqual([0.5, 0.4]);
    expect(analyze(text, { minScore: 0.51 })).toEqual([]);
  });

  it('restricts to the requested types', () => {
    const text = 'ana@example.com 10.0.0.1';
    expect(analyze(text, { entities: ['IP_ADDRESS'] }).map((x) => x.type)).toEqual(['IP_ADDRESS']);
    expect(analyze(text, { entities: [] })).toEqual([]);
  });

  it('applies the context window in words', () => {
    const far = 'phone: one two three four five (415) 555-2671';
    expect(analyze(far)[0]?.score).toBe(0.6);
    expect(analyze(far, { contextWords: 6 })[0]?.score).toBe(0.95);
    expect(analyze('phone: (415) 555-2671', { contextWords: 0 })[0]?.score).toBe(0.6);
  });

  it('rejects bad options with a message', () => {
    expect(() => analyze('x', { region: 'XX' })).toThrow(/unknown region 'XX'/);
    expect(() => analyze('x', { phoneRegions: ['US', 'Narnia'] })).toThrow(/Narnia/);
    expect(() => analyze('x', { minScore: 1.5 })).toThrow(/minScore/);
    expect(() => analyze('x', { contextWords: -1 })).toThrow(/contextWords/);
  });

  it('accepts a region in lower case and an empty text', () => {
    expect(analyze('Zentrale 089 12345678', { region: 'de' }).map((x) => x.text)).toEqual(['089 12345678']);
    expect(analyze('')).toEqual([]);
  });

  it('uses the options given on each call (not a stale cached copy)', () => {
    const options = { region: 'US' };
    expect(analyze('Zentrale 089-12345678', options)).toEqual([]);
    options.region = 'DE';
    expect(analyze('Zentrale 089-12345678', options)).toHaveLength(1);
  });
});

describe('digits of other scripts', () => {
  it('reads ٠-٩, ۰-۹ and ०-९ as digits and reports the text as written, at its own offsets', () => {
    const text = 'اتصل على +٢٠ ١٠ ١٢٣٤ ٥٦٧٨ أو ۱۲/۰۳/۲۰۲۴';
    const found = analyze(text);
    expect(found.map((f) => [f.type, f.text])).toEqual([
      ['PHONE_NUMBER', '+٢٠ ١٠ ١٢٣٤ ٥٦٧٨'],
      ['DATE_TIME', '۱۲/۰۳/۲۰۲۴'],
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('finds nothing in other-script digits that would be nothing in ASCII', () => {
    expect(analyze('الطلب رقم ١٢٣ بسعر ٤٥ ريال')).toEqual([]);
  });
});

describe('analyzeMany', () => {
  it('finds in each text of a batch what analyzeWith finds in it alone', () => {
    const texts = ['', ...PII_CASES.map((c) => c.text), 'Zahl ٠١٢-٣٤٥-٦٧٨٩ und ana@example.com', ''];
    const resolved = resolveOptions({});
    const one = texts.map((t) => analyzeWith(t, resolved));
    expect(one.filter((f) => f.length > 0).length).toBeGreaterThan(150);
    expect(analyzeMany(texts, resolved)).toEqual(one);
    const some = ['EMAIL_ADDRESS', 'PERSON'] as const;
    expect(analyzeMany(texts, resolved, some)).toEqual(texts.map((t) => analyzeWith(t, resolved, some)));
    expect(analyzeMany([], resolved)).toEqual([]);
  });
});
