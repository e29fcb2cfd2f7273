import { describe, expect, it } from 'vitest';
import {
  coverageReport,
  coverageTally,
  formatCoverage,
} from '../../../../src/stages/generate/samplers/coverage-report.js';
import { column } from './helpers.js';

const topic = column('topic', { sampler: 'category', values: ['a', 'b', { value: 'r', rare: true }] });
const sub = column('sub', {
  sampler: 'subcategory',
  parent: 'topic',
  values: { a: ['x', 'y'], b: ['z'], r: ['z'] },
});
const lang = column('lang', { sampler: 'language', values: ['en', { value: 'fr', weight: 3 }] });
const id = column('id', { sampler: 'uuid' });

describe('coverage report', () => {
  it('counts values, compares them with the expected shares and measures evenness', () => {
    const tally = coverageTally([topic, sub, lang, id]);
    const rows = [
      { topic: 'a', sub: 'x', lang: 'fr' },
      { topic: 'a', sub: 'y', lang: 'fr' },
      { topic: 'b', sub: 'z', lang: 'fr' },
      { topic: 'r', sub: 'z', lang: 'en' },
    ];
    for (const r of rows) tally.add(r);
    const report = tally.report();
    expect(report.rows).toBe(4);
    expect(report.columns.map((c) => c.column)).toEqual(['topic', 'sub', 'lang']);

    const [t, s, l] = report.columns;
    expect(t!.values).toEqual([
      { value: 'a', count: 2, share: 0.5, expected: 1 / 3 },
      { value: 'b', count: 1, share: 0.25, expected: 1 / 3 },
      { value: 'r', count: 1, share: 0.25, expected: 1 / 3 },
    ]);
    // H(1/2, 1/4, 1/4) = 1.5 bits over log2(3) bits.
    expect(t!.evenness).toBeCloseTo(1.5 / Math.log2(3), 10);
    expect(t!.maxDeviation).toBeCloseTo(0.5 - 1 / 3, 10);

    // Given parents a, a, b, r: x and y expect 1/4 each, z expects 1/2.
    expect(s!.values.map((v) => [v.value, v.expected])).toEqual([
      ['x', 0.25],
      ['y', 0.25],
      ['z', 0.5],
    ]);
    expect(s!.maxDeviation).toBe(0);

    expect(l!.values.map((v) => [v.value, v.share, v.expected])).toEqual([
      ['en', 0.25, 0.25],
      ['fr', 0.75, 0.75],
    ]);
    expect(l!.maxDeviation).toBe(0);
    expect(l!.evenness).toBeLessThan(1);
  });

  it('gives rare values the rare share when one is set, and counts values the spec does not list', () => {
    const report = coverageReport([topic], [{ topic: 'a' }, { topic: 'b' }, { topic: 'oops' }, {}], {
      rare_share: 0.1,
    });
    const [t] = report.columns;
    expect(t!.rows).toBe(3);
    expect(t!.values.map((v) => [v.value, v.count, Number(v.expected.toFixed(10))])).toEqual([
      ['a', 1, 0.45],
      ['b', 1, 0.45],
      ['r', 0, 0.1],
      ['oops', 1, 0],
    ]);
    expect(t!.maxDeviation).toBeCloseTo(1 / 3, 10);
  });

  it('reports perfect evenness for a perfectly even column, and formats a summary line', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ topic: ['a', 'b', 'r'][i % 3] }));
    const report = coverageReport([topic], rows);
    expect(report.columns[0]!.evenness).toBeCloseTo(1, 12);
    expect(report.columns[0]!.maxDeviation).toBeCloseTo(0, 12);
    expect(formatCoverage(report)).toBe(
      'sampler coverage over 30 rows: topic evenness 1.00 (max deviation 0.0 pts)',
    );
    expect(formatCoverage(coverageReport([id], rows))).toMatch(/no category/);
    const empty = coverageReport([topic], []);
    expect(empty.columns[0]!.evenness).toBe(0);
  });
});
