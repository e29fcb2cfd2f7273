import { describe, expect, it } from 'vitest';
import { rowRandom, sampleColumn } from '../../../../src/stages/generate/samplers/sample.js';
import { hash53 } from '../../../../src/stages/generate/samplers/stream.js';
import { column, tally } from './helpers.js';

const SEED = 20240611;
const N = 20_000;

/** Samples one column over rows 0..n-1, each row with its own stream as a run would. */
function sampleMany(
  spec: ReturnType<typeof column>,
  n = N,
  row: (i: number) => Record<string, unknown> = () => ({}),
) {
  return Array.from({ length: n }, (_, i) => sampleColumn(spec, row(i), rowRandom(SEED, i, spec.name)));
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const stddev = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

describe('rowRandom', () => {
  it('gives the same stream for the same seed, row and column, whatever else was drawn before', () => {
    const a = rowRandom(7, 123, 'topic');
    rowRandom(7, 122, 'topic').uint32(); // another cell's draws do not disturb this one
    const b = rowRandom(7, 123, 'topic');
    expect([a.uint32(), a.uint32(), a.float()]).toEqual([b.uint32(), b.uint32(), b.float()]);
  });

  it('differs between rows, columns and seeds', () => {
    const first = (seed: number, row: number, col: string) => rowRandom(seed, row, col).uint32();
    const rows = new Set(Array.from({ length: 1000 }, (_, i) => first(7, i, 'topic')));
    expect(rows.size).toBe(1000);
    expect(first(7, 1, 'topic')).not.toBe(first(7, 1, 'tone'));
    expect(first(7, 1, 'topic')).not.toBe(first(8, 1, 'topic'));
    // "1:23" vs "12:3": the separator keeps row and column apart.
    expect(first(1, 1, '23:x')).not.toBe(first(1, 12, '3:x'));
  });

  it('hashes to 53-bit integers and rejects bad arguments', () => {
    const h = hash53('x');
    expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
    expect(hash53('x')).toBe(h);
    expect(hash53('y')).not.toBe(h);
    expect(() => rowRandom(1.5, 0, 'a')).toThrow(RangeError);
    expect(() => rowRandom(1, -1, 'a')).toThrow(RangeError);
  });
});

describe('sampleColumn', () => {
  it('is deterministic per cell and varies across rows', () => {
    const spec = column('topic', { sampler: 'category', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
    const once = sampleMany(spec, 200);
    const reversed = Array.from({ length: 200 }, (_, k) => 199 - k).map((i) =>
      sampleColumn(spec, {}, rowRandom(SEED, i, 'topic')),
    );
    expect(reversed.reverse()).toEqual(once);
    expect(new Set(once).size).toBe(8);
  });

  it('respects category weights from values and from the weights map', () => {
    const spec = column('tone', {
      sampler: 'category',
      values: ['low', { value: 'mid', weight: 2 }, 'high'],
      weights: { high: 7 },
    });
    const counts = tally(sampleMany(spec));
    expect(Math.abs(counts.get('low')! / N - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(counts.get('mid')! / N - 0.2)).toBeLessThan(0.015);
    expect(Math.abs(counts.get('high')! / N - 0.7)).toBeLessThan(0.015);
  });

  it('draws rare values by weight by default and never when the plan places them', () => {
    const spec = column('topic', {
      sampler: 'category',
      values: ['a', { value: 'r', rare: true, weight: 1 }],
    });
    const byWeight = tally(sampleMany(spec));
    expect(Math.abs(byWeight.get('r')! / N - 0.5)).toBeLessThan(0.015);
    const planOnly = Array.from({ length: 2000 }, (_, i) =>
      sampleColumn(spec, {}, rowRandom(SEED, i, 'topic'), { rare: 'plan-only' }),
    );
    expect(new Set(planOnly)).toEqual(new Set(['a']));
    const allRare = column('x', { sampler: 'category', values: [{ value: 'r', rare: true }] });
    expect(() => sampleColumn(allRare, {}, rowRandom(1, 0, 'x'), { rare: 'plan-only' })).toThrow(
      /every value/,
    );
  });

  it('draws a subcategory from the list of the row’s parent value, by weight', () => {
    const spec = column('sub', {
      sampler: 'subcategory',
      parent: 'topic',
      values: { billing: ['refund', { value: 'invoice', weight: 3 }], tech: ['crash', 'login'] },
    });
    const billing = tally(sampleMany(spec, N, () => ({ topic: 'billing' })));
    expect([...billing.keys()].sort()).toEqual(['invoice', 'refund']);
    expect(Math.abs(billing.get('invoice')! / N - 0.75)).toBeLessThan(0.015);
    const tech = tally(sampleMany(spec, 2000, () => ({ topic: 'tech' })));
    expect([...tech.keys()].sort()).toEqual(['crash', 'login']);
    expect(() => sampleColumn(spec, { topic: 'sales' }, rowRandom(1, 0, 'sub'))).toThrow(
      /no values for 'sales'/,
    );
    expect(() => sampleColumn(spec, {}, rowRandom(1, 0, 'sub'))).toThrow(/parent's value/);
  });

  it('draws uniform numbers within bounds, integers inclusive at both ends', () => {
    const ints = sampleMany(column('n', { sampler: 'uniform', min: 1, max: 6, integer: true }));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    for (const [, c] of tally(ints)) expect(Math.abs(c / N - 1 / 6)).toBeLessThan(0.015);
    const floats = sampleMany(column('x', { sampler: 'uniform', min: -2, max: 3, decimals: 1 })) as number[];
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...floats)).toBeLessThanOrEqual(3);
    expect(floats.every((x) => Math.round(x * 10) / 10 === x)).toBe(true);
    expect(Math.abs(mean(floats) - 0.5)).toBeLessThan(0.05);
  });

  it('draws gaussians with the stated mean and deviation, clipped to the bounds', () => {
    const free = sampleMany(column('g', { sampler: 'gaussian', mean: 50, stddev: 10 })) as number[];
    expect(Math.abs(mean(free) - 50)).toBeLessThan(0.3);
    expect(Math.abs(stddev(free) - 10)).toBeLessThan(0.3);
    // About 16% of N(50, 10) lies beyond each of 40 and 60: they pile up on the bounds.
    const clipped = sampleMany(
      column('g', { sampler: 'gaussian', mean: 50, stddev: 10, min: 40, max: 60 }),
    ) as number[];
    expect(Math.min(...clipped)).toBe(40);
    expect(Math.max(...clipped)).toBe(60);
    const atMin = clipped.filter((x) => x === 40).length / N;
    expect(Math.abs(atMin - 0.1587)).toBeLessThan(0.015);
    const rounded = sampleMany(column('g', { sampler: 'gaussian', mean: 0, stddev: 1, decimals: 0 }), 500);
    expect(rounded.every(Number.isInteger)).toBe(true);
  });

  it('draws languages from the listed codes by weight', () => {
    const counts = tally(
      sampleMany(column('lang', { sampler: 'language', values: ['en', { value: 'es', weight: 3 }] })),
    );
    expect([...counts.keys()].sort()).toEqual(['en', 'es']);
    expect(Math.abs(counts.get('es')! / N - 0.75)).toBeLessThan(0.015);
  });

  it('draws datetimes between start and end in the asked format', () => {
    const iso = sampleMany(
      column('t', { sampler: 'datetime', start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z' }),
      2000,
    ) as string[];
    expect(iso.every((t) => /^2024-01-0[12]T\d\d:\d\d:\d\dZ$/.test(t))).toBe(true);
    const hours = new Set(iso.map((t) => t.slice(11, 13)));
    expect(hours.size).toBe(24);
    const days = tally(
      sampleMany(
        column('d', { sampler: 'datetime', start: '2024-02-27', end: '2024-03-01', format: 'date' }),
        4000,
      ),
    );
    expect([...days.keys()].sort()).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    for (const [, c] of days) expect(Math.abs(c / 4000 - 0.25)).toBeLessThan(0.03);
    const unix = sampleMany(
      column('u', {
        sampler: 'datetime',
        start: '2024-01-01T00:00:00+01:00',
        end: '2024-01-01T01:00:00+01:00',
        format: 'unix',
      }),
      500,
    ) as number[];
    const start = Date.UTC(2023, 11, 31, 23) / 1000;
    expect(unix.every((s) => Number.isInteger(s) && s >= start && s <= start + 3600)).toBe(true);
  });

  it('draws reproducible version 4 UUIDs', () => {
    const spec = column('id', { sampler: 'uuid' });
    const ids = sampleMany(spec, 1000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
    expect(sampleColumn(spec, {}, rowRandom(SEED, 3, 'id'))).toBe(ids[3]);
  });
});

describe('bernoulli, binomial and poisson samplers', () => {
  it('bernoulli gives true with probability p, and p = 0 / 1 never / always', () => {
    const xs = sampleMany(column('b', { sampler: 'bernoulli', p: 0.25 })) as boolean[];
    expect(new Set(xs)).toEqual(new Set([true, false]));
    expect(xs.filter(Boolean).length / N).toBeCloseTo(0.25, 1);
    expect(sampleMany(column('b', { sampler: 'bernoulli', p: 0 }), 500).some(Boolean)).toBe(false);
    expect(sampleMany(column('b', { sampler: 'bernoulli', p: 1 }), 500).every(Boolean)).toBe(true);
  });

  it('binomial counts successes in n trials: mean np, variance np(1-p), within 0..n', () => {
    const xs = sampleMany(column('k', { sampler: 'binomial', n: 10, p: 0.3 })) as number[];
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= 10)).toBe(true);
    expect(mean(xs)).toBeCloseTo(3, 1);
    expect(stddev(xs)).toBeCloseTo(Math.sqrt(2.1), 1);
  });

  it('poisson has mean and variance lambda, for small and large means', () => {
    for (const lambda of [0.5, 4, 100]) {
      const xs = sampleMany(column('c', { sampler: 'poisson', mean: lambda })) as number[];
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expect(Math.abs(mean(xs) - lambda) / lambda).toBeLessThan(0.03);
      expect(Math.abs(stddev(xs) ** 2 - lambda) / lambda).toBeLessThan(0.08);
    }
  });

  it('refuse parameters outside their range, naming the key', () => {
    expect(() => column('b', { sampler: 'bernoulli', p: 1.5 })).toThrow(/p/);
    expect(() => column('k', { sampler: 'binomial', n: -1, p: 0.5 })).toThrow(/n/);
    expect(() => column('c', { sampler: 'poisson', lambda: 3 })).toThrow(/lambda|mean/);
  });
});

describe('timedelta sampler', () => {
  it('alone, draws whole units in [min, max], both ends reached', () => {
    const xs = sampleMany(
      column('d', { sampler: 'timedelta', min: -2, max: 3, unit: 'days' }),
      2000,
    ) as number[];
    expect(new Set(xs)).toEqual(new Set([-2, -1, 0, 1, 2, 3]));
  });

  it('from a datetime column: that instant plus the offset, in its format', () => {
    const spec = column('due', { sampler: 'timedelta', min: 1, max: 48, unit: 'hours', from: 'opened' });
    const opened = '2024-03-01T10:00:00Z';
    const xs = sampleMany(spec, 500, () => ({ opened })) as string[];
    const hours = xs.map((x) => (Date.parse(x) - Date.parse(opened)) / 3_600_000);
    expect(hours.every((h) => Number.isInteger(h) && h >= 1 && h <= 48)).toBe(true);
    expect(Math.min(...hours)).toBe(1);
    expect(Math.max(...hours)).toBe(48);
    expect(xs[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const days = column('d', { sampler: 'timedelta', min: 7, max: 7, unit: 'days', from: 'day' });
    expect(sampleMany(days, 1, () => ({ day: '2024-02-26' }))).toEqual(['2024-03-04']);
    expect(sampleMany(days, 1, () => ({ day: 1_700_000_000 }))).toEqual([1_700_000_000 + 7 * 86_400]);
    const asDate = column('d', {
      sampler: 'timedelta',
      min: 1,
      max: 1,
      unit: 'weeks',
      from: 't',
      format: 'date',
    });
    expect(sampleMany(asDate, 1, () => ({ t: '2024-01-01T23:00:00Z' }))).toEqual(['2024-01-08']);
  });

  it('refuses a reversed range, format without from, and a from value that is no instant', () => {
    expect(() => column('d', { sampler: 'timedelta', min: 5, max: 1, unit: 'days' })).toThrow(/min/);
    expect(() => column('d', { sampler: 'timedelta', min: 1, max: 2, unit: 'days', format: 'iso' })).toThrow(
      /format needs/,
    );
    expect(() => column('d', { sampler: 'timedelta', min: 1, max: 2, unit: 'fortnights' })).toThrow(/unit/);
    const spec = column('d', { sampler: 'timedelta', min: 1, max: 2, unit: 'days', from: 'x' });
    expect(() => sampleMany(spec, 1, () => ({ x: 'soon' }))).toThrow(/not a date/);
  });
});
