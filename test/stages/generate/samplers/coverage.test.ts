import { describe, expect, it } from 'vitest';
import { TandemError } from '../../../../src/core/errors.js';
import { coveragePlan } from '../../../../src/stages/generate/samplers/coverage.js';
import { sampleRow } from '../../../../src/stages/generate/samplers/row.js';
import { type CoverageSpec, coverageSpec } from '../../../../src/stages/generate/samplers/schema.js';
import { column, tally } from './helpers.js';

const SEED = 4242;

const topic = column('topic', {
  sampler: 'category',
  values: ['billing', 'tech', 'account', { value: 'legal', rare: true }, { value: 'press', rare: true }],
});
const tone = column('tone', {
  sampler: 'category',
  values: ['warm', 'neutral', { value: 'hostile', rare: true }],
});
const sub = column('sub', {
  sampler: 'subcategory',
  parent: 'topic',
  values: {
    billing: ['refund', 'invoice'],
    tech: ['crash'],
    account: ['login', 'delete', 'rename'],
    legal: ['gdpr', 'subpoena'],
    press: ['interview'],
  },
});
const lang = column('lang', { sampler: 'language', values: ['en', 'de'] });
const columns = [topic, sub, tone, lang];

const plan = (spec: CoverageSpec, n: number, seed = SEED) =>
  coveragePlan(coverageSpec.parse(spec), columns, n, seed);
const rows = (spec: CoverageSpec, n: number) => {
  const p = plan(spec, n);
  return Array.from({ length: n }, (_, i) => sampleRow(columns, i, SEED, p));
};

describe('rare share', () => {
  it('gives each column’s rare values exactly round(share · n) rows, split evenly, and no others', () => {
    const n = 10_000;
    const out = rows({ rare_share: 0.05 }, n);
    const topics = tally(out.map((r) => r.topic));
    expect(topics.get('legal')).toBe(250);
    expect(topics.get('press')).toBe(250);
    const tones = tally(out.map((r) => r.tone));
    expect(tones.get('hostile')).toBe(500);
    // The share rounds: 0.05 · 1,010 = 50.5 → 51 rows, 26 + 25.
    const odd = tally(rows({ rare_share: 0.05 }, 1010).map((r) => r.topic));
    expect([odd.get('legal'), odd.get('press')].sort()).toEqual([25, 26]);
  });

  it('spreads rare rows over the run instead of bunching them at the start', () => {
    const n = 10_000;
    const p = plan({ rare_share: 0.05 }, n);
    const rareRows = Array.from({ length: n }, (_, i) => i).filter((i) => p.forced(i)?.topic !== undefined);
    expect(rareRows).toHaveLength(500);
    // Each tenth of the run holds about a tenth of them (50 expected; a bunched plan would put 500 in one).
    for (let d = 0; d < 10; d++) {
      const inDecile = rareRows.filter((i) => i >= d * 1000 && i < (d + 1) * 1000).length;
      expect(inDecile).toBeGreaterThan(25);
      expect(inDecile).toBeLessThan(75);
    }
  });

  it('leaves rare values to their weight when no share is set', () => {
    const out = rows({}, 5000);
    const topics = tally(out.map((r) => r.topic));
    // 2 of 5 equally weighted values are rare: about 40% of rows.
    expect(Math.abs((topics.get('legal')! + topics.get('press')!) / 5000 - 0.4)).toBeLessThan(0.03);
    expect(plan({}, 10).rare).toBe('by-weight');
    expect(plan({ rare_share: 0 }, 10).rare).toBe('plan-only');
  });

  it('samples a subcategory under the rare parent the plan placed', () => {
    const out = rows({ rare_share: 0.1 }, 2000);
    for (const r of out) {
      if (r.topic === 'legal') expect(['gdpr', 'subpoena']).toContain(r.sub);
      if (r.topic === 'press') expect(r.sub).toBe('interview');
    }
    expect(out.filter((r) => r.topic === 'legal').length).toBe(100);
  });
});

describe('combinations', () => {
  it('gives every combination at least min rows', () => {
    const out = rows({ combinations: [{ columns: ['topic', 'tone', 'lang'], min: 7 }] }, 200);
    const combos = tally(out.map((r) => `${r.topic}|${r.tone}|${r.lang}`));
    for (const t of ['billing', 'tech', 'account'])
      for (const o of ['warm', 'neutral'])
        for (const l of ['en', 'de']) expect(combos.get(`${t}|${o}|${l}`) ?? 0).toBeGreaterThanOrEqual(7);
  });

  it('combines only values sampling could produce: non-rare, and subcategories under their own parent', () => {
    const p = plan({ combinations: [{ columns: ['sub', 'topic'], min: 1 }] }, 6);
    const placed = Array.from({ length: 6 }, (_, i) => p.forced(i));
    expect(placed.map((f) => `${f!.topic}/${f!.sub}`).sort()).toEqual(
      [
        'account/delete',
        'account/login',
        'account/rename',
        'billing/invoice',
        'billing/refund',
        'tech/crash',
      ].sort(),
    );
    const withRare = plan({ combinations: [{ columns: ['topic', 'sub'], min: 1, include_rare: true }] }, 9);
    expect(withRare.forcedRows).toBe(9);
  });

  it('explains how many rows an impossible plan needs', () => {
    let error: unknown;
    try {
      plan({ rare_share: 0.1, combinations: [{ columns: ['topic', 'tone'], min: 10 }] }, 50);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TandemError);
    const message = (error as TandemError).message;
    // 3 topics × 2 tones × 10 = 60 rows, plus 5 rare rows for each of topic and tone.
    expect(message).toContain('coverage needs 70 rows but the run has 50');
    expect(message).toContain('topic × tone: 6 combinations × min 10 = 60 rows');
    expect(message).toContain('rare values of topic = 5 rows');
    expect(() => plan({ combinations: [{ columns: ['topic', 'tone'], min: 10 }] }, 60)).not.toThrow();
  });

  it('names the row count that actually satisfies a plan whose rare rows grow with the count', () => {
    const spec = { rare_share: 0.1, combinations: [{ columns: ['topic', 'tone'], min: 10 }] };
    const message = (() => {
      try {
        plan(spec, 50);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    const named = Number(/smallest row count that satisfies it is (\d+)/.exec(message)?.[1]);
    // 70 would not do: at 70 rows the rare rows are 7 + 7, so 74 are needed.
    expect(named).toBeGreaterThan(70);
    expect(() => plan(spec, named)).not.toThrow();
    expect(() => plan(spec, named - 1)).toThrow(/coverage needs/);
  });

  it('says when no row count satisfies a plan', () => {
    expect(() => plan({ rare_share: 0.6 }, 10)).toThrow(/no row count satisfies it/);
  });

  it('rejects columns a combination cannot use', () => {
    const withId = [...columns, column('id', { sampler: 'uuid' })];
    const build = (cols: string[]) => () =>
      coveragePlan({ combinations: [{ columns: cols, min: 1 }] }, withId, 100, 1);
    expect(build(['topic', 'nope'])).toThrow("coverage.combinations[0]: no sampler column 'nope'");
    expect(build(['id'])).toThrow("'id' is a uuid sampler");
    expect(build(['sub'])).toThrow("subcategory 'sub' needs its parent 'topic'");
    const allRare = column('x', { sampler: 'category', values: [{ value: 'r', rare: true }] });
    expect(() => coveragePlan({ combinations: [{ columns: ['x'], min: 1 }] }, [allRare], 10, 1)).toThrow(
      /every value of 'x' is rare/,
    );
    expect(() => coveragePlan({ rare_share: 0.5 }, [allRare], 10, 1)).toThrow(/every value of 'x' is rare/);
  });
});

describe('coverage plan', () => {
  it('is the same for the same seed and differs for another', () => {
    const spec: CoverageSpec = { rare_share: 0.05, combinations: [{ columns: ['topic', 'lang'], min: 3 }] };
    const forcedRows = (seed: number) => {
      const p = plan(spec, 1000, seed);
      return Array.from({ length: 1000 }, (_, i) => JSON.stringify(p.forced(i) ?? null));
    };
    expect(forcedRows(1)).toEqual(forcedRows(1));
    expect(forcedRows(1)).not.toEqual(forcedRows(2));
  });

  it('places disjoint rows per group and reports them', () => {
    const p = plan({ rare_share: 0.05, combinations: [{ columns: ['topic', 'lang'], min: 3 }] }, 1000);
    expect(p.groups).toEqual([
      { label: 'rare values of topic', rows: 50 },
      { label: 'rare values of tone', rows: 50 },
      { label: 'topic × lang: 6 combinations × min 3', rows: 18 },
    ]);
    expect(p.forcedRows).toBe(118);
    const placed = Array.from({ length: 1000 }, (_, i) => p.forced(i)).filter((f) => f !== undefined);
    expect(placed).toHaveLength(118);
    expect(() => p.forced(1000)).toThrow(RangeError);
  });

  it('plans a million rows in well under a second', () => {
    const n = 1_000_000;
    const started = performance.now();
    const p = plan(
      { rare_share: 0.05, combinations: [{ columns: ['topic', 'sub', 'tone', 'lang'], min: 100 }] },
      n,
    );
    let forced = 0;
    for (let i = 0; i < n; i++) if (p.forced(i)) forced++;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(forced).toBe(p.forcedRows);
    expect(forced).toBe(50_000 * 2 + 6 * 2 * 2 * 100);
  });
});
