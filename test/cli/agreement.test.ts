import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAgreementOptions, runAgreement } from '../../src/cli/commands/agreement.js';
import { tandem } from '../helpers/cli.js';
import { fixtures } from '../helpers/files.js';
import { runInProcess } from '../helpers/in-process.js';

const file = fixtures('agreement', '.jsonl');
const jsonl = (rows: unknown[]) => file(rows.map((r) => JSON.stringify(r)).join('\n'));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers × 12 units with
// missing values; alpha nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
const table: Record<string, (number | null)[]> = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};
const judgements = Object.entries(table).flatMap(([annotator, values]) =>
  values.map((value, i) => ({ item: `unit-${i + 1}`, annotator, value })),
);
const reliability = jsonl(judgements);

// Wikipedia, "Cohen's kappa": 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → kappa 0.4.
const cohenRows: unknown[] = [];
for (const [n, a, b] of [
  [20, 'yes', 'yes'],
  [5, 'yes', 'no'],
  [10, 'no', 'yes'],
  [15, 'no', 'no'],
] as const)
  for (let i = 0; i < n; i++) {
    const item = cohenRows.length / 2;
    cohenRows.push({ item, annotator: 'ann', value: a }, { item, annotator: 'bo', value: b });
  }
const cohenFile = jsonl(cohenRows);

const cli = runInProcess;

afterEach(() => vi.restoreAllMocks());

describe('tandem agreement', () => {
  it('prints exactly the contract JSON: metric, level, value, items, annotators, ci', async () => {
    const r = await cli(['agreement', reliability, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['metric', 'level', 'value', 'items', 'annotators', 'ci']);
    expect(out).toMatchObject({ metric: 'krippendorff', level: 'nominal', items: 11, annotators: 4 });
    expect(out.value).toBeCloseTo(0.743, 3);
    expect(out.ci).toHaveLength(2);
    expect(out.ci[0]).toBeLessThan(out.value);
  });

  it('computes every level of alpha, Fleiss, Cohen and percent agreement', async () => {
    const value = async (...args: string[]) =>
      JSON.parse((await cli(['agreement', ...args, '--json'])).stdout).value;
    expect(await value(reliability, '--level', 'ordinal')).toBeCloseTo(0.815, 3);
    expect(await value(reliability, '--level', 'interval')).toBeCloseTo(0.849, 3);
    expect(await value(reliability, '--level', 'ratio')).toBeCloseTo(0.797, 3);
    // Gwet (2014) / irrCAC: Fleiss' generalised kappa on the same data, 0.761.
    expect(await value(reliability, '--metric', 'fleiss')).toBeCloseTo(0.761, 3);
    expect(await value(cohenFile, '--metric', 'cohen')).toBeCloseTo(0.4, 10);
    expect(await value(cohenFile, '--metric', 'percent')).toBe(0.7);
  });

  it('prints a short summary for people', async () => {
    const r = await cli(['agreement', reliability, '--level', 'interval']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Krippendorff's alpha \(interval\): 0\.849, 95% CI \[0\.\d{3}, 1\.000\]\n/);
    expect(r.stdout).toContain('11 items with two or more values (of 12 in ');
    expect(r.stdout).toContain('4 annotators, 48 judgements (7 missing).');
    expect(r.stdout).toContain('percentile bootstrap over items, 1000 resamples, seed 1.');
    const c = await cli(['agreement', cohenFile, '--metric', 'percent', '--ci', '0.9']);
    expect(c.stdout).toContain('percent agreement (nominal): 0.700, 90% CI');
    expect(c.stdout).toContain('Wilson score interval');
  });

  it('gives the same interval for the same seed and another for another seed', async () => {
    const ci = async (seed: string) =>
      JSON.parse(
        (await cli(['agreement', reliability, '--seed', seed, '--resamples', '300', '--json'])).stdout,
      ).ci;
    expect(await ci('7')).toEqual(await ci('7'));
    expect(await ci('7')).not.toEqual(await ci('8'));
  });

  it('rejects bad flags with exit 2', async () => {
    for (const [args, message] of [
      [
        ['--metric', 'fleiss', '--level', 'ordinal'],
        /Fleiss' kappa is defined for the nominal level, not 'ordinal'/,
      ],
      [['--metric', 'cohen', '--level', 'ratio'], /not 'ratio'/],
      [['--metric', 'scott'], /unknown metric 'scott'/],
      [['--level', 'fuzzy'], /unknown level 'fuzzy'/],
      [['--ci', '95'], /--ci expects a confidence level between 0 and 1/],
      [['--resamples', '0'], /--resamples expects a whole number/],
      [['--seed', 'abc'], /--seed expects a whole number/],
    ] as const) {
      const r = await cli(['agreement', reliability, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect((await cli(['agreement'])).code).toBe(2);
  });

  it('names file:line for a bad line and exits 2', async () => {
    const cases: [string, RegExp][] = [
      [
        '{"item": 1, "annotator": "a", "value": 1}\n{"item": 1, "annotator": "b", "value": {"x": 1}}\n',
        /:2: 'value' must be a string, a number, a boolean or null, found an object/,
      ],
      ['{"item": 1, "annotator": "a", "value": 1}\n{"item": 1, "value": 2}\n', /:2: missing 'annotator'/],
      ['{"annotator": "a", "value": 1}\n', /:1: missing 'item'/],
      ['{"item": 1, "annotator": "a"}\n', /:1: missing 'value' \(use null for a missing judgement\)/],
      [
        '{"item": 1, "annotator": "a", "value": 1}\n{"item": 1, "annotator": "b", "value": 1\n',
        /:2:\d+: malformed JSON/,
      ],
      ['[1, 2]\n', /:1: expected a JSON object, found an array/],
      [
        '{"item": 1, "annotator": "a", "value": 1}\n{"item": 2, "annotator": "a", "value": 1}\n{"item": 1, "annotator": "a", "value": 2}\n',
        /:3: annotator 'a' judged item '1' more than once \(first on line 1\)/,
      ],
    ];
    for (const [content, message] of cases) {
      const f = file(content);
      const r = await cli(['agreement', f]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.startsWith(`error: ${f}:`)).toBe(true);
    }
  });

  it('explains data it cannot compute on, with exit 2', async () => {
    const same = jsonl([
      { item: 1, annotator: 'a', value: 'ok' },
      { item: 1, annotator: 'b', value: 'ok' },
    ]);
    const r = await cli(['agreement', same, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/no variation: every value is 'ok'/);
    const lonely = jsonl([
      { item: 1, annotator: 'a', value: 1 },
      { item: 2, annotator: 'b', value: 2 },
    ]);
    expect((await cli(['agreement', lonely])).stderr).toMatch(/no item has more than one/);
    expect((await cli(['agreement', reliability, '--metric', 'cohen'])).stderr).toMatch(
      /exactly two annotators, and the data has 4/,
    );
    expect((await cli(['agreement', `${reliability}.missing`])).stderr).toMatch(/file not found/);
    expect((await cli(['agreement', file('')])).stderr).toMatch(/the file is empty/);
  });
});

describe('runAgreement', () => {
  it('returns the report with the file counts', async () => {
    const s = await runAgreement(reliability, parseAgreementOptions({ level: 'ratio', resamples: '200' }));
    expect(s.value).toBeCloseTo(0.797, 3);
    expect(s).toMatchObject({ judgements: 48, missing: 7, itemsInFile: 12, annotatorsInFile: 4, items: 11 });
    expect(s.interval).toMatchObject({ method: 'bootstrap', resamples: 200, seed: 1 });
  });
});

describe('tandem agreement (built bin)', () => {
  it('runs from the command line with the contract output and exit codes', () => {
    const ok = tandem(['agreement', reliability, '--level', 'interval', '--json']);
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(Object.keys(out)).toEqual(['metric', 'level', 'value', 'items', 'annotators', 'ci']);
    expect(out.value).toBeCloseTo(0.849, 3);
    expect(tandem(['agreement', reliability, '--metric', 'fleiss', '--level', 'ordinal']).code).toBe(2);
    const bad = tandem(['agreement', file('{"item": 1}\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/:1: missing 'annotator'/);
    expect(tandem(['agreement', '--help']).stdout).toContain('--metric');
  });
});
