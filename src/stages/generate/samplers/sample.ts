import { badInput } from '../../../core/errors.js';
import { own } from '../../../core/own.js';
import type { Random } from '../../../core/random.js';
import { type Person, type Persona, samplePerson, samplePersona } from './person.js';
import {
  sampleBernoulli,
  sampleBinomial,
  sampleDatetime,
  sampleGaussian,
  samplePoisson,
  sampleTimedelta,
  sampleUniform,
  sampleUuid,
} from './scalar.js';
import type { CategorySpec, LanguageSpec, SamplerSpec, SubcategorySpec } from './schema.js';
import { categoryEntries, subcategoryEntries, weightedEntries } from './values.js';
import { type Distribution, distribution, draw } from './weighted.js';

export { rowRandom } from './stream.js';

/**
 * How ordinary sampling treats category values marked `rare`: drawn by their weight like the others
 * (no rare share is set), or never, because the coverage plan alone places them.
 */
export type RareValues = 'by-weight' | 'plan-only';

export interface SampleOptions {
  rare: RareValues;
}

/** What each sampler produces. */
export interface SampledValues {
  category: string;
  subcategory: string;
  uniform: number;
  gaussian: number;
  person: Person;
  persona: Persona;
  language: string;
  datetime: string | number;
  uuid: string;
  bernoulli: boolean;
  binomial: number;
  poisson: number;
  timedelta: number | string;
}
export type SampledValue = SampledValues[keyof SampledValues];

const BY_WEIGHT: SampleOptions = { rare: 'by-weight' };

/**
 * Weighted lists prepared once per spec object (specs are parsed once per run and then read per row,
 * a million times for a large run).
 */
const categoryCache = new WeakMap<CategorySpec, { all: Distribution; common: Distribution | undefined }>();
const subcategoryCache = new WeakMap<SubcategorySpec, Map<string, Distribution>>();
const languageCache = new WeakMap<LanguageSpec, Distribution>();

function sampleCategory(spec: CategorySpec, random: Random, rare: RareValues): string {
  let prepared = categoryCache.get(spec);
  if (!prepared) {
    const entries = categoryEntries(spec);
    const common = entries.filter((e) => !e.rare);
    prepared = { all: distribution(entries), common: common.length > 0 ? distribution(common) : undefined };
    categoryCache.set(spec, prepared);
  }
  if (rare === 'by-weight') return draw(prepared.all, random);
  if (!prepared.common)
    throw badInput(
      'every value of this category is rare, so rows the coverage plan leaves have none to draw',
    );
  return draw(prepared.common, random);
}

function sampleSubcategory(
  spec: SubcategorySpec,
  row: Readonly<Record<string, unknown>>,
  random: Random,
): string {
  const parent = own(row, spec.parent);
  if (typeof parent !== 'string')
    throw badInput(
      `subcategory of '${spec.parent}': expected the parent's value in the row, found ${typeof parent}`,
    );
  let byParent = subcategoryCache.get(spec);
  if (!byParent) {
    byParent = new Map();
    subcategoryCache.set(spec, byParent);
  }
  let d = byParent.get(parent);
  if (!d) {
    const entries = subcategoryEntries(spec, parent);
    if (!entries) throw badInput(`subcategory of '${spec.parent}' has no values for '${parent}'`);
    d = distribution(entries);
    byParent.set(parent, d);
  }
  return draw(d, random);
}

function sampleLanguage(spec: LanguageSpec, random: Random): string {
  let d = languageCache.get(spec);
  if (!d) {
    d = distribution(weightedEntries(spec.values));
    languageCache.set(spec, d);
  }
  return draw(d, random);
}

function sampleAny(
  spec: SamplerSpec,
  row: Readonly<Record<string, unknown>>,
  random: Random,
  options: SampleOptions,
): SampledValue {
  switch (spec.sampler) {
    case 'category':
      return sampleCategory(spec, random, options.rare);
    case 'subcategory':
      return sampleSubcategory(spec, row, random);
    case 'uniform':
      return sampleUniform(spec, random);
    case 'gaussian':
      return sampleGaussian(spec, random);
    case 'person':
      return samplePerson(spec, row, random);
    case 'persona':
      return samplePersona(spec, row, random);
    case 'language':
      return sampleLanguage(spec, random);
    case 'datetime':
      return sampleDatetime(spec, random);
    case 'uuid':
      return sampleUuid(random);
    case 'bernoulli':
      return sampleBernoulli(spec.p, random);
    case 'binomial':
      return sampleBinomial(spec, random);
    case 'poisson':
      return samplePoisson(spec.mean, random);
    case 'timedelta':
      return sampleTimedelta(spec, row, random);
  }
}

/**
 * One sampler cell. `row` holds the columns computed before this one (a subcategory reads its parent
 * there, a person its `locale_from`); `random` is the cell's stream, normally `rowRandom(seed, i, name)`.
 */
export function sampleColumn<S extends SamplerSpec>(
  spec: S,
  row: Readonly<Record<string, unknown>>,
  random: Random,
  options: SampleOptions = BY_WEIGHT,
): SampledValues[S['sampler']] {
  return sampleAny(spec, row, random, options) as SampledValues[S['sampler']];
}
