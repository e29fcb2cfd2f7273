import { z } from 'zod';
import { identifier } from '../../../core/names.js';
import { isIso6391 } from './iso639.js';
import { findNameLocale, supportedNameLocales } from './names/locale.js';

/**
 * Sampler columns of a recipe: values drawn per row from a seeded stream rather than written by a
 * model. Strict objects, so a misspelt key is an error that names it; every key is described because
 * the recipe JSON Schema (editor autocompletion) is generated from these.
 */

const columnRef = identifier.describe('The name of another column of the recipe, computed before this one.');
const weight = z.number().positive().finite().describe('Relative weight; 1 when absent.');
const decimals = z.number().int().min(0).max(15).describe('Round to this many decimal places.');

export const weightedValue = z
  .strictObject({ value: z.string().min(1).describe('The value.'), weight: weight.optional() })
  .describe('A value with a relative weight.');
export type WeightedValue = z.infer<typeof weightedValue>;

/** A list of values to draw from: plain strings (weight 1) or {value, weight} objects, mixed freely. */
const weightedValues = z
  .array(z.union([z.string().min(1), weightedValue]))
  .min(1, 'give at least one value')
  .describe('Values to draw from: strings (weight 1) or {value, weight} objects.');

export const categoryValue = z
  .strictObject({
    ...weightedValue.shape,
    rare: z
      .boolean()
      .optional()
      .describe(
        'Rare values appear only on the rows the coverage plan gives them (coverage.rare_share); ' +
          'when no rare share is set they are drawn by their weight like any other value.',
      ),
  })
  .describe('A category value with an optional weight and rare flag.');
export type CategoryValue = z.infer<typeof categoryValue>;

const categoryShape = {
  sampler: z.literal('category').describe('Draws one of a list of values, by weight.'),
  values: z
    .array(z.union([z.string().min(1), categoryValue]))
    .min(1, 'give at least one value')
    .describe('The values: strings (weight 1) or {value, weight, rare} objects.'),
  weights: z
    .record(z.string(), weight)
    .optional()
    .describe('Relative weights by value, instead of a weight inside each value; 1 when absent.'),
};

const subcategoryShape = {
  sampler: z.literal('subcategory').describe("Draws a value from the list for the parent column's value."),
  parent: columnRef.describe('The category column this one depends on.'),
  values: z
    .record(z.string(), weightedValues)
    .describe('For each value of the parent column, the values to draw from when the row has it.'),
};

const uniformShape = {
  sampler: z.literal('uniform').describe('A number drawn uniformly between min and max.'),
  min: z.number().finite().describe('Smallest value (inclusive).'),
  max: z.number().finite().describe('Largest value (inclusive for integers, exclusive otherwise).'),
  integer: z.boolean().optional().describe('Draw whole numbers from min to max inclusive.'),
  decimals: decimals.optional(),
};

const gaussianShape = {
  sampler: z
    .literal('gaussian')
    .describe('A number drawn from a normal distribution, clipped to [min, max].'),
  mean: z.number().finite().describe('Mean of the distribution.'),
  stddev: z.number().finite().min(0).describe('Standard deviation of the distribution.'),
  min: z.number().finite().optional().describe('Values below are clipped to this.'),
  max: z.number().finite().optional().describe('Values above are clipped to this.'),
  decimals: decimals.optional(),
};

const ageRange = z
  .strictObject({
    min: z.number().int().min(0).max(130).describe('Youngest age.'),
    max: z.number().int().min(0).max(130).describe('Oldest age.'),
  })
  .refine((a) => a.min <= a.max, { message: 'min must not exceed max', path: ['max'] })
  .describe('Age range in whole years, inclusive; 18 to 80 when absent.');

const personFields = {
  locale: z
    .string()
    .optional()
    .describe(
      `Locale of the names (${supportedNameLocales().join(', ')}); a region falls back to its language. en when absent.`,
    ),
  locale_from: columnRef
    .optional()
    .describe('Take the locale from this column of the row (for example a language sampler).'),
  sex: z
    .enum(['any', 'female', 'male'])
    .optional()
    .describe('Sex of the person; any (even odds) when absent.'),
  age: ageRange.optional(),
};

const personShape = {
  sampler: z
    .literal('person')
    .describe('A synthetic person: {first_name, last_name, name, sex, age, locale}, names from the locale.'),
  ...personFields,
};

/** Keys a persona already has as a person, which a trait must not overwrite. */
export const PERSON_KEYS = ['first_name', 'last_name', 'name', 'sex', 'age', 'locale'] as const;

const personaShape = {
  sampler: z
    .literal('persona')
    .describe('A person plus traits (temperament, expertise, goal) for simulated customers.'),
  ...personFields,
  traits: z
    .record(identifier, weightedValues)
    .optional()
    .describe(
      'Trait lists by name, replacing the built-in temperament, expertise or goal lists, or adding traits.',
    ),
};

const languageCode = z
  .string()
  .refine(isIso6391, { message: 'must be an ISO 639-1 code such as en, es or zh' })
  .describe('An ISO 639-1 language code.');

const languageShape = {
  sampler: z.literal('language').describe('Draws an ISO 639-1 language code, by weight.'),
  values: z
    .array(
      z.union([
        languageCode,
        z
          .strictObject({ value: languageCode, weight: weight.optional() })
          .describe('A language code with a relative weight.'),
      ]),
    )
    .min(1, 'give at least one language')
    .describe('Language codes: strings (weight 1) or {value, weight} objects.'),
};

/** Date-times need an explicit zone: without one, the same recipe would mean different instants on different machines. */
const isoInstant = z
  .string()
  .refine((s) => z.iso.date().safeParse(s).success || z.iso.datetime({ offset: true }).safeParse(s).success, {
    message: 'must be an ISO date (2024-01-31) or a date-time with a zone (2024-01-31T09:00:00Z)',
  });

const datetimeShape = {
  sampler: z.literal('datetime').describe('An instant drawn uniformly between start and end.'),
  start: isoInstant.describe('Earliest instant: an ISO date or a date-time with a zone.'),
  end: isoInstant.describe('Latest instant: an ISO date or a date-time with a zone.'),
  format: z
    .enum(['iso', 'date', 'unix'])
    .optional()
    .describe('iso (2024-01-31T09:00:00Z, the default), date (2024-01-31) or unix (seconds).'),
};

const uuidShape = {
  sampler: z.literal('uuid').describe('A version 4 UUID, reproducible from the seed.'),
};

type Ctx = z.RefinementCtx;

function checkUnique(values: readonly (string | { value: string })[], path: (string | number)[], ctx: Ctx) {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const value = typeof v === 'string' ? v : v.value;
    if (seen.has(value))
      ctx.addIssue({ code: 'custom', message: `duplicate value '${value}'`, path: [...path, i] });
    seen.add(value);
  });
}

function checkCategory(
  spec: { values: (string | CategoryValue)[]; weights?: Record<string, number> },
  ctx: Ctx,
) {
  checkUnique(spec.values, ['values'], ctx);
  const weighted = new Set(
    spec.values.flatMap((v) => (typeof v !== 'string' && v.weight !== undefined ? [v.value] : [])),
  );
  const all = new Set(spec.values.map((v) => (typeof v === 'string' ? v : v.value)));
  for (const key of Object.keys(spec.weights ?? {})) {
    if (!all.has(key))
      ctx.addIssue({
        code: 'custom',
        message: `weight for '${key}', which is not a value`,
        path: ['weights', key],
      });
    else if (weighted.has(key))
      ctx.addIssue({
        code: 'custom',
        message: `'${key}' has a weight in values already`,
        path: ['weights', key],
      });
  }
}

function checkSubcategory(spec: { values: Record<string, (string | WeightedValue)[]> }, ctx: Ctx) {
  const keys = Object.keys(spec.values);
  if (keys.length === 0)
    ctx.addIssue({ code: 'custom', message: 'give values for each parent value', path: ['values'] });
  for (const key of keys) checkUnique(spec.values[key] ?? [], ['values', key], ctx);
}

function checkRange(spec: { min?: number | undefined; max?: number | undefined }, ctx: Ctx) {
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
    ctx.addIssue({ code: 'custom', message: 'min must not exceed max', path: ['max'] });
}

function checkUniform(spec: { min: number; max: number; integer?: boolean; decimals?: number }, ctx: Ctx) {
  checkRange(spec, ctx);
  if (spec.integer && spec.decimals !== undefined)
    ctx.addIssue({ code: 'custom', message: 'integer and decimals exclude each other', path: ['decimals'] });
  if (spec.integer && !(Number.isSafeInteger(spec.min) && Number.isSafeInteger(spec.max)))
    ctx.addIssue({ code: 'custom', message: 'integer needs whole-number min and max', path: ['min'] });
}

function checkPerson(
  spec: { locale?: string; locale_from?: string; traits?: Record<string, unknown> },
  ctx: Ctx,
) {
  if (spec.locale !== undefined && spec.locale_from !== undefined)
    ctx.addIssue({ code: 'custom', message: 'give locale or locale_from, not both', path: ['locale_from'] });
  if (spec.locale !== undefined && !findNameLocale(spec.locale))
    ctx.addIssue({
      code: 'custom',
      message: `no names for locale '${spec.locale}'; supported: ${supportedNameLocales().join(', ')}`,
      path: ['locale'],
    });
  for (const trait of Object.keys(spec.traits ?? {}))
    if ((PERSON_KEYS as readonly string[]).includes(trait))
      ctx.addIssue({
        code: 'custom',
        message: `'${trait}' is part of the person, not a trait`,
        path: ['traits', trait],
      });
}

function checkLanguage(spec: { values: (string | { value: string })[] }, ctx: Ctx) {
  checkUnique(spec.values, ['values'], ctx);
}

function checkDatetime(spec: { start: string; end: string }, ctx: Ctx) {
  if (Date.parse(spec.start) > Date.parse(spec.end))
    ctx.addIssue({ code: 'custom', message: 'start must not be after end', path: ['end'] });
}

const probability = z.number().min(0).max(1);

const bernoulliShape = {
  sampler: z.literal('bernoulli').describe('true with probability p, else false.'),
  p: probability.describe('Probability of true.'),
};

const binomialShape = {
  sampler: z.literal('binomial').describe('The number of successes in n trials of probability p.'),
  n: z.number().int().min(0).max(10_000).describe('Trials.'),
  p: probability.describe('Probability of success of each trial.'),
};

const poissonShape = {
  sampler: z.literal('poisson').describe('A count of events with this mean (Poisson distribution).'),
  mean: z.number().min(0).max(1000).describe('The mean count (lambda).'),
};

export const TIME_UNITS = { seconds: 1, minutes: 60, hours: 3600, days: 86_400, weeks: 604_800 } as const;

const timedeltaShape = {
  sampler: z
    .literal('timedelta')
    .describe(
      'A whole number of units between min and max; with `from`, that instant plus the offset (a due date after an order date).',
    ),
  min: z.number().int().describe('Smallest offset in units (inclusive; may be negative).'),
  max: z.number().int().describe('Largest offset in units (inclusive).'),
  unit: z.enum(['seconds', 'minutes', 'hours', 'days', 'weeks']).describe('Unit of min, max and the value.'),
  from: columnRef
    .optional()
    .describe(
      'An earlier datetime or timedelta column: the value is its instant plus the offset, in its format unless `format` says otherwise.',
    ),
  format: z
    .enum(['iso', 'date', 'unix'])
    .optional()
    .describe('With `from`: iso, date or unix (seconds); the `from` column’s format when absent.'),
};

function checkTimedelta(spec: { min: number; max: number; from?: string; format?: string }, ctx: Ctx) {
  checkRange(spec, ctx);
  if (spec.format !== undefined && spec.from === undefined)
    ctx.addIssue({
      code: 'custom',
      message: 'format needs `from` (without it the value is a number)',
      path: ['format'],
    });
}

const variants = [
  z.strictObject(categoryShape).superRefine(checkCategory),
  z.strictObject(subcategoryShape).superRefine(checkSubcategory),
  z.strictObject(uniformShape).superRefine(checkUniform),
  z.strictObject(gaussianShape).superRefine(checkRange),
  z.strictObject(personShape).superRefine(checkPerson),
  z.strictObject(personaShape).superRefine(checkPerson),
  z.strictObject(languageShape).superRefine(checkLanguage),
  z.strictObject(datetimeShape).superRefine(checkDatetime),
  z.strictObject(uuidShape),
  z.strictObject(bernoulliShape),
  z.strictObject(binomialShape),
  z.strictObject(poissonShape),
  z.strictObject(timedeltaShape).superRefine(checkTimedelta),
] as const;

/**
 * `conditional_params`: a list of `{when, …keys}` whose keys are the sampler's own (any of them, each
 * typed as in the sampler), used instead of the column's on rows where `when` holds. Only the keys are
 * typed here; the merged spec is checked whole (min ≤ max, …) when the recipe loads.
 */
function conditionalParams(shape: z.ZodRawShape) {
  const keys: Record<string, z.ZodType> = {};
  for (const [k, t] of Object.entries(shape)) if (k !== 'sampler') keys[k] = (t as z.ZodType).optional();
  return z
    .array(
      z
        .strictObject({
          when: z
            .string()
            .min(1)
            .describe('A Liquid condition over earlier columns, e.g. "language == \'ja\'".'),
          ...keys,
        })
        .describe('Parameters for the rows where `when` holds; the first entry that holds wins.'),
    )
    .min(1)
    .optional()
    .describe(
      'Parameters chosen by the row: the first entry whose `when` holds replaces the keys it gives; other rows use the column’s own.',
    );
}

const unionDescription = 'A sampler column: its value is drawn per row from a seeded random stream.';

/**
 * The sampler union with `extra` keys added to every variant, for a recipe whose columns carry their
 * own keys beside the sampler's (`samplerSpecWith({ name: identifier })`). Checks are kept.
 */
export function samplerSpecWith<E extends z.ZodRawShape>(extra: E, conditional = false) {
  const ext = <V extends (typeof variants)[number]>(v: V) =>
    v.safeExtend(conditional ? { ...extra, conditional_params: conditionalParams(v.shape) } : extra);
  const [
    category,
    subcategory,
    uniform,
    gaussian,
    person,
    persona,
    language,
    datetime,
    uuid,
    bernoulli,
    binomial,
    poisson,
    timedelta,
  ] = variants;
  return z
    .discriminatedUnion('sampler', [
      ext(category),
      ext(subcategory),
      ext(uniform),
      ext(gaussian),
      ext(person),
      ext(persona),
      ext(language),
      ext(datetime),
      ext(uuid),
      ext(bernoulli),
      ext(binomial),
      ext(poisson),
      ext(timedelta),
    ])
    .describe(unionDescription);
}

export const samplerSpec = z.discriminatedUnion('sampler', [...variants]).describe(unionDescription);
export type SamplerSpec = z.infer<typeof samplerSpec>;
export type SamplerKind = SamplerSpec['sampler'];
export type SamplerOf<K extends SamplerKind> = Extract<SamplerSpec, { sampler: K }>;
export type CategorySpec = SamplerOf<'category'>;
export type SubcategorySpec = SamplerOf<'subcategory'>;
export type UniformSpec = SamplerOf<'uniform'>;
export type GaussianSpec = SamplerOf<'gaussian'>;
export type PersonSpec = SamplerOf<'person'>;
export type PersonaSpec = SamplerOf<'persona'>;
export type LanguageSpec = SamplerOf<'language'>;
export type DatetimeSpec = SamplerOf<'datetime'>;
export type UuidSpec = SamplerOf<'uuid'>;
export type BinomialSpec = SamplerOf<'binomial'>;
export type TimedeltaSpec = SamplerOf<'timedelta'>;

/** A sampler spec with its column name, as a recipe lists it (any other keys are ignored here). */
export type NamedSampler = SamplerSpec & { name: string };

export const combinationSpec = z
  .strictObject({
    columns: z
      .array(columnRef)
      .min(1)
      .describe('Category, subcategory or language columns; a subcategory needs its parent listed too.'),
    min: z.number().int().min(1).describe('Rows each combination of their values gets at least.'),
    include_rare: z
      .boolean()
      .optional()
      .describe(
        'Combine rare category values too (their rows come on top of rare_share); left out by default.',
      ),
  })
  .superRefine((c, ctx) => checkUnique(c.columns, ['columns'], ctx))
  .describe('Every combination of these columns’ values appears on at least min rows.');
export type CombinationSpec = z.infer<typeof combinationSpec>;

export const coverageSpec = z
  .strictObject({
    rare_share: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Share of rows, per category column, that get one of the column's rare values (0.05 = 5%)."),
    combinations: z
      .array(combinationSpec)
      .optional()
      .describe('Combinations of values every run must contain.'),
  })
  .describe('Coverage planning: rows whose sampler values are placed rather than drawn.');
export type CoverageSpec = z.infer<typeof coverageSpec>;
