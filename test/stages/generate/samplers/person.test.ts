import { describe, expect, it } from 'vitest';
import { TandemError } from '../../../../src/core/errors.js';
import { NAME_LISTS } from '../../../../src/stages/generate/samplers/names/lists.js';
import { findNameLocale, resolveNameLocale } from '../../../../src/stages/generate/samplers/names/locale.js';
import type { Person, Persona } from '../../../../src/stages/generate/samplers/person.js';
import { PERSONA_TRAITS } from '../../../../src/stages/generate/samplers/persona-traits.js';
import { rowRandom, sampleColumn } from '../../../../src/stages/generate/samplers/sample.js';
import { column, tally } from './helpers.js';

const SEED = 99;

function people(spec: Record<string, unknown>, n: number, row: Record<string, unknown> = {}): Person[] {
  const c = column('customer', spec);
  return Array.from({ length: n }, (_, i) => sampleColumn(c, row, rowRandom(SEED, i, 'customer')) as Person);
}

const lastNames = (locale: keyof typeof NAME_LISTS, sex: 'female' | 'male'): readonly string[] => {
  const last = NAME_LISTS[locale].last;
  return 'female' in last ? last[sex] : last;
};

describe('locale resolution', () => {
  it('ships lists of about twenty names for every promised locale', () => {
    const promised = [
      'en-US',
      'en-GB',
      'es',
      'fr',
      'de',
      'pt',
      'it',
      'nl',
      'ja',
      'zh',
      'hi',
      'ar',
      'ko',
      'ru',
      'tr',
      'pl',
      'sv',
    ];
    expect(Object.keys(NAME_LISTS).sort()).toEqual([...promised].sort());
    for (const locale of promised) {
      const list = NAME_LISTS[locale as keyof typeof NAME_LISTS];
      for (const names of [list.female, list.male, lastNames(locale as keyof typeof NAME_LISTS, 'male')]) {
        expect(names.length, locale).toBeGreaterThanOrEqual(20);
        expect(new Set(names).size, locale).toBe(names.length);
      }
    }
  });

  it('uses native scripts where the language has one', () => {
    const script: [keyof typeof NAME_LISTS, RegExp][] = [
      ['ja', /^[\p{Script=Han}\p{Script=Hiragana}]+$/u],
      ['zh', /^\p{Script=Han}+$/u],
      ['ko', /^\p{Script=Hangul}+$/u],
      ['ru', /^\p{Script=Cyrillic}+$/u],
      ['hi', /^[\p{Script=Devanagari}]+$/u],
      ['ar', /^[\p{Script=Arabic} ]+$/u],
    ];
    for (const [locale, re] of script)
      for (const name of [
        ...NAME_LISTS[locale].female,
        ...NAME_LISTS[locale].male,
        ...lastNames(locale, 'female'),
      ])
        expect(name, locale).toMatch(re);
  });

  it('falls back from a region to its language, ignoring case and underscores', () => {
    expect(findNameLocale('en-GB')).toBe('en-GB');
    expect(findNameLocale('en_gb')).toBe('en-GB');
    expect(findNameLocale('en')).toBe('en-US');
    expect(findNameLocale('en-AU')).toBe('en-US');
    expect(findNameLocale('pt-BR')).toBe('pt');
    expect(findNameLocale('ES-mx')).toBe('es');
    expect(findNameLocale('xx-YY')).toBeUndefined();
  });

  it('names the supported locales when one is unknown', () => {
    let error: unknown;
    try {
      resolveNameLocale('tlh');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).code).toBe('bad_input');
    expect((error as TandemError).message).toMatch(/no names for locale 'tlh'; supported: .*en-GB.*sv/);
  });
});

describe('person sampler', () => {
  it('takes names from the locale’s lists and writes them the locale’s way', () => {
    for (const p of people({ sampler: 'person', locale: 'de' }, 300)) {
      expect(p.locale).toBe('de');
      expect(NAME_LISTS.de[p.sex]).toContain(p.first_name);
      expect(NAME_LISTS.de.last).toContain(p.last_name);
      expect(p.name).toBe(`${p.first_name} ${p.last_name}`);
    }
    for (const locale of ['ja', 'zh', 'ko'] as const)
      for (const p of people({ sampler: 'person', locale }, 50))
        expect(p.name).toBe(`${p.last_name}${p.first_name}`);
  });

  it('falls back pt-BR to the pt list', () => {
    const [p] = people({ sampler: 'person', locale: 'pt-BR' }, 1);
    expect(p!.locale).toBe('pt');
    expect(NAME_LISTS.pt[p!.sex]).toContain(p!.first_name);
  });

  it('inflects family names by sex where the language does', () => {
    for (const p of people({ sampler: 'person', locale: 'ru' }, 200))
      expect(lastNames('ru', p.sex)).toContain(p.last_name);
    const women = people({ sampler: 'person', locale: 'pl', sex: 'female' }, 200);
    expect(
      women.every(
        (p) => p.sex === 'female' && (NAME_LISTS.pl.female as readonly string[]).includes(p.first_name),
      ),
    ).toBe(true);
    expect(women.some((p) => p.last_name.endsWith('ska'))).toBe(true);
    expect(women.some((p) => p.last_name.endsWith('ski'))).toBe(false);
  });

  it('draws both sexes evenly by default and ages within the range', () => {
    const ps = people({ sampler: 'person', age: { min: 30, max: 33 } }, 4000);
    const sexes = tally(ps.map((p) => p.sex));
    expect(Math.abs(sexes.get('female')! / 4000 - 0.5)).toBeLessThan(0.03);
    expect(new Set(ps.map((p) => p.age))).toEqual(new Set([30, 31, 32, 33]));
    expect(ps[0]!.locale).toBe('en-US');
  });

  it('reads the locale from another column of the row, with the same fallback', () => {
    const [p] = people({ sampler: 'person', locale_from: 'lang' }, 1, { lang: 'ja' });
    expect(p!.locale).toBe('ja');
    expect(people({ sampler: 'person', locale_from: 'lang' }, 1, { lang: 'fr-CA' })[0]!.locale).toBe('fr');
    expect(() => people({ sampler: 'person', locale_from: 'lang' }, 1, { lang: 'xx' })).toThrow(
      /supported: /,
    );
    expect(() => people({ sampler: 'person', locale_from: 'lang' }, 1, {})).toThrow(/locale_from 'lang'/);
  });
});

describe('persona sampler', () => {
  it('adds built-in traits to a person', () => {
    const ps = people({ sampler: 'persona', locale: 'es' }, 500) as Persona[];
    for (const p of ps) {
      expect(NAME_LISTS.es[p.sex]).toContain(p.first_name);
      expect(PERSONA_TRAITS.temperament).toContain(p.temperament);
      expect(PERSONA_TRAITS.expertise).toContain(p.expertise);
      expect(PERSONA_TRAITS.goal).toContain(p.goal);
    }
    expect(new Set(ps.map((p) => p.temperament)).size).toBe(PERSONA_TRAITS.temperament.length);
  });

  it('lets a recipe replace a trait list or add its own', () => {
    const ps = people(
      {
        sampler: 'persona',
        traits: { goal: ['track a parcel'], channel: ['chat', { value: 'email', weight: 3 }] },
      },
      2000,
    ) as Persona[];
    expect(new Set(ps.map((p) => p.goal))).toEqual(new Set(['track a parcel']));
    const channels = tally(ps.map((p) => p.channel));
    expect(Math.abs(channels.get('email')! / 2000 - 0.75)).toBeLessThan(0.04);
    expect(PERSONA_TRAITS.temperament).toContain(ps[0]!.temperament);
  });
});
