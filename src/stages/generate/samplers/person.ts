import { badInput } from '../../../core/errors.js';
import { own } from '../../../core/own.js';
import type { Random } from '../../../core/random.js';
import type { NameList, NameLocale } from './names/lists.js';
import { nameList, resolveNameLocale } from './names/locale.js';
import { PERSONA_TRAITS } from './persona-traits.js';
import type { PersonaSpec, PersonSpec } from './schema.js';
import { weightedEntries } from './values.js';
import { type Distribution, distribution, draw } from './weighted.js';

export type Sex = 'female' | 'male';

export interface Person {
  first_name: string;
  last_name: string;
  /** The full name as the locale writes it: `Anna Schmidt`, `佐藤花子`, `김민준`. */
  name: string;
  sex: Sex;
  age: number;
  /** The locale whose name list was used (`pt` for a requested `pt-BR`). */
  locale: NameLocale;
}

/** A person plus one value per trait (temperament, expertise, goal and any the recipe adds). */
export interface Persona extends Person {
  [trait: string]: string | number;
}

const DEFAULT_LOCALE = 'en';
const DEFAULT_AGE = { min: 18, max: 80 };

const pickFrom = (list: readonly string[], random: Random): string => list[random.below(list.length)]!;

function localeOf(spec: PersonSpec | PersonaSpec, row: Readonly<Record<string, unknown>>): NameLocale {
  if (spec.locale_from === undefined) return resolveNameLocale(spec.locale ?? DEFAULT_LOCALE);
  const tag = own(row, spec.locale_from);
  if (typeof tag !== 'string')
    throw badInput(
      `locale_from '${spec.locale_from}': expected a locale string in the row, found ${typeof tag}`,
    );
  return resolveNameLocale(tag);
}

function fullName(list: NameList, first: string, last: string): string {
  return list.order === 'family-given-unspaced' ? `${last}${first}` : `${first} ${last}`;
}

export function samplePerson(
  spec: PersonSpec | PersonaSpec,
  row: Readonly<Record<string, unknown>>,
  random: Random,
): Person {
  const locale = localeOf(spec, row);
  const list = nameList(locale);
  const sex: Sex =
    spec.sex === 'female' || spec.sex === 'male' ? spec.sex : random.below(2) === 0 ? 'female' : 'male';
  const first_name = pickFrom(list[sex], random);
  const last_name = pickFrom('female' in list.last ? list.last[sex] : list.last, random);
  const { min, max } = spec.age ?? DEFAULT_AGE;
  const age = min + random.below(max - min + 1);
  return { first_name, last_name, name: fullName(list, first_name, last_name), sex, age, locale };
}

/** Built-in trait lists with the recipe's replacements, then the recipe's own traits, prepared once per spec. */
const traitCache = new WeakMap<PersonaSpec, ReadonlyArray<readonly [string, Distribution]>>();

function traitsOf(spec: PersonaSpec): ReadonlyArray<readonly [string, Distribution]> {
  let traits = traitCache.get(spec);
  if (!traits) {
    const lists = new Map<string, Distribution>();
    for (const [name, values] of Object.entries(PERSONA_TRAITS))
      lists.set(name, distribution(values.map((value) => ({ value, weight: 1 }))));
    for (const [name, values] of Object.entries(spec.traits ?? {}))
      lists.set(name, distribution(weightedEntries(values)));
    traits = [...lists];
    traitCache.set(spec, traits);
  }
  return traits;
}

export function samplePersona(
  spec: PersonaSpec,
  row: Readonly<Record<string, unknown>>,
  random: Random,
): Persona {
  const persona: Persona = { ...samplePerson(spec, row, random) };
  for (const [name, d] of traitsOf(spec)) persona[name] = draw(d, random);
  return persona;
}
