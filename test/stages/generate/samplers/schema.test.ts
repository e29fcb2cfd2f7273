import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { identifier } from '../../../../src/core/names.js';
import {
  coverageSpec,
  samplerSpec,
  samplerSpecWith,
} from '../../../../src/stages/generate/samplers/schema.js';
import { possibleValues, subcategoryGaps } from '../../../../src/stages/generate/samplers/values.js';

const firstIssue = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues[0]!;
};

describe('sampler spec schema', () => {
  it('accepts every sampler in its documented shape', () => {
    const specs = [
      {
        sampler: 'category',
        values: ['a', { value: 'b', weight: 2 }, { value: 'c', rare: true }],
        weights: { a: 3 },
      },
      { sampler: 'subcategory', parent: 'topic', values: { a: ['x', { value: 'y', weight: 2 }] } },
      { sampler: 'uniform', min: 1, max: 5, integer: true },
      { sampler: 'gaussian', mean: 0, stddev: 1, min: -2, max: 2, decimals: 2 },
      { sampler: 'person', locale: 'pt-BR', sex: 'female', age: { min: 20, max: 30 } },
      { sampler: 'persona', locale_from: 'lang', traits: { mood: ['calm', 'tired'] } },
      { sampler: 'language', values: ['en', { value: 'ja', weight: 2 }] },
      { sampler: 'datetime', start: '2024-01-01', end: '2024-06-30T12:00:00+02:00', format: 'unix' },
      { sampler: 'uuid' },
    ];
    for (const s of specs) expect(samplerSpec.safeParse(s).error).toBeUndefined();
  });

  it('rejects an unknown key and names it, at the top and inside a value', () => {
    const top = firstIssue(samplerSpec, { sampler: 'uniform', min: 0, max: 1, integr: true });
    expect(top.code).toBe('unrecognized_keys');
    expect(top.message).toContain('integr');
    const nested = firstIssue(samplerSpec, { sampler: 'category', values: [{ value: 'a', wieght: 2 }] });
    expect(nested.message).toContain('wieght');
    expect(nested.path).toEqual(['values', 0]);
    const age = firstIssue(samplerSpec, { sampler: 'person', age: { min: 1, max: 2, mean: 3 } });
    expect(age.message).toContain('mean');
    expect(age.path).toEqual(['age']);
  });

  it('rejects an unknown sampler, listing the known ones', () => {
    const issue = firstIssue(samplerSpec, { sampler: 'dice' });
    expect(issue.message).toContain("'category'");
    expect(issue.message).toContain("'uuid'");
  });

  it('checks values, weights, ranges, codes, locales and dates', () => {
    const cases: [Record<string, unknown>, string, (string | number)[]][] = [
      [{ sampler: 'category', values: ['a', 'a'] }, "duplicate value 'a'", ['values', 1]],
      [{ sampler: 'category', values: ['a'], weights: { b: 2 } }, "weight for 'b'", ['weights', 'b']],
      [
        { sampler: 'category', values: [{ value: 'a', weight: 1 }], weights: { a: 2 } },
        'weight in values',
        ['weights', 'a'],
      ],
      [{ sampler: 'category', values: [{ value: 'a', weight: 0 }] }, 'Too small', ['values', 0, 'weight']],
      [{ sampler: 'uniform', min: 5, max: 1 }, 'min must not exceed max', ['max']],
      [{ sampler: 'uniform', min: 0.5, max: 1, integer: true }, 'whole-number', ['min']],
      [
        { sampler: 'uniform', min: 0, max: 1, integer: true, decimals: 2 },
        'exclude each other',
        ['decimals'],
      ],
      [{ sampler: 'gaussian', mean: 0, stddev: -1 }, 'Too small', ['stddev']],
      [{ sampler: 'language', values: ['en', 'xx'] }, 'ISO 639-1', ['values', 1]],
      [{ sampler: 'language', values: [{ value: 'eng' }] }, 'ISO 639-1', ['values', 0, 'value']],
      [{ sampler: 'person', locale: 'tlh' }, "no names for locale 'tlh'", ['locale']],
      [{ sampler: 'person', locale: 'en', locale_from: 'lang' }, 'not both', ['locale_from']],
      [{ sampler: 'persona', traits: { name: ['x'] } }, 'part of the person', ['traits', 'name']],
      [{ sampler: 'datetime', start: '2024-02-30', end: '2024-03-01' }, 'ISO date', ['start']],
      [{ sampler: 'datetime', start: '2024-01-01T09:00:00', end: '2024-03-01' }, 'with a zone', ['start']],
      [
        { sampler: 'datetime', start: '2024-03-01', end: '2024-01-01' },
        'start must not be after end',
        ['end'],
      ],
      [{ sampler: 'subcategory', parent: 'topic', values: {} }, 'each parent value', ['values']],
    ];
    for (const [spec, message, path] of cases) {
      const issue = firstIssue(samplerSpec, spec);
      expect(issue.message, JSON.stringify(spec)).toContain(message);
      expect(issue.path, JSON.stringify(spec)).toEqual(path);
    }
  });

  it('adds a recipe’s own keys to every variant and keeps the checks', () => {
    const column = samplerSpecWith({ name: identifier });
    const parsed = column.parse({ name: 'tone', sampler: 'category', values: ['warm'] });
    expect(parsed.name).toBe('tone');
    expect(firstIssue(column, { sampler: 'uuid' }).path).toEqual(['name']);
    expect(firstIssue(column, { name: 't', sampler: 'uuid', nam: 1 }).message).toContain('nam');
    expect(firstIssue(column, { name: 't', sampler: 'category', values: ['a', 'a'] }).message).toContain(
      'duplicate',
    );
  });

  it('generates a JSON Schema with descriptions for autocompletion', () => {
    const schema = JSON.stringify(z.toJSONSchema(samplerSpec, { io: 'input', unrepresentable: 'any' }));
    expect(schema).toContain('Draws one of a list of values, by weight.');
    expect(schema).toContain('Take the locale from this column of the row');
    expect(schema).toContain('"additionalProperties":false');
  });

  it('validates coverage specs', () => {
    expect(
      coverageSpec.parse({ rare_share: 0.05, combinations: [{ columns: ['a', 'b'], min: 2 }] }),
    ).toBeTruthy();
    expect(firstIssue(coverageSpec, { rare_share: 1.5 }).path).toEqual(['rare_share']);
    expect(firstIssue(coverageSpec, { combinations: [{ columns: ['a', 'a'], min: 1 }] }).message).toContain(
      "duplicate value 'a'",
    );
    const typo = coverageSpec.safeParse({ combinations: [{ columns: ['a'], min: 1, minimum: 1 }] });
    expect(typo.error?.issues.map((i) => i.message)).toEqual(['Unrecognized key: "minimum"']);
  });
});

describe('value helpers', () => {
  it('lists the values a discrete sampler can produce', () => {
    const topic = samplerSpec.parse({ sampler: 'category', values: ['a', { value: 'r', rare: true }] });
    expect(possibleValues(topic)).toEqual(['a', 'r']);
    const sub = samplerSpec.parse({
      sampler: 'subcategory',
      parent: 'topic',
      values: { a: ['x', 'y'], b: ['y', 'z'] },
    });
    expect(possibleValues(sub)).toEqual(['x', 'y', 'z']);
    expect(possibleValues(samplerSpec.parse({ sampler: 'uuid' }))).toBeUndefined();
  });

  it('finds parent values a subcategory does not cover, and lists for values the parent lacks', () => {
    const sub = samplerSpec.parse({
      sampler: 'subcategory',
      parent: 'topic',
      values: { a: ['x'], typo: ['y'] },
    });
    if (sub.sampler !== 'subcategory') throw new Error('parsed as the wrong sampler');
    expect(subcategoryGaps(sub, ['a', 'b', 'r'])).toEqual({ missing: ['b', 'r'], unknown: ['typo'] });
    expect(subcategoryGaps(sub, ['a', 'typo'])).toEqual({ missing: [], unknown: [] });
  });
});
