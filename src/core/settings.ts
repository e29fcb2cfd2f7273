import { z } from 'zod';
import { type FieldSettings, fieldSettings } from './fields.js';
import { identifier, languageCode } from './names.js';
import { questionSettings } from './questions.js';
import { answerSchemaIn, fieldValueSchema } from './values.js';

const metadataBase = { name: identifier, title: z.string().max(200).optional() };

export const metadataProperty = z.discriminatedUnion('type', [
  z.strictObject({ ...metadataBase, type: z.literal('terms'), values: z.array(z.string()).optional() }),
  z.strictObject({
    ...metadataBase,
    type: z.literal('integer'),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  }),
  z.strictObject({
    ...metadataBase,
    type: z.literal('float'),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
]);
export type MetadataProperty = z.infer<typeof metadataProperty>;

export const distribution = z.strictObject({
  /** Submitted responses wanted per record before it leaves the annotation queue (overlap). */
  responsesPerRecord: z.number().int().min(1).max(100).default(1),
});

/** Gold records, second review: what lets a team put a number on how right the data is. */
export const qualitySettings = z.strictObject({
  gold: z
    .strictObject({
      /** Share of each annotator's records that are gold records (known answers), mixed in unseen. */
      rate: z.number().min(0).max(1).default(0.1),
      /** Accuracy on gold below which an annotator is flagged. */
      minAccuracy: z.number().min(0).max(1).default(0.8),
      /** Gold answers an annotator gives before they can be flagged. */
      minAnswers: z.number().int().min(1).default(10),
      /** Pause a flagged annotator on this dataset until an admin resumes them. */
      pause: z.boolean().default(false),
    })
    .optional(),
  secondReview: z
    .strictObject({
      /** Share of accepted records a second reviewer checks. */
      rate: z.number().min(0).max(1),
    })
    .optional(),
});
export type QualitySettings = z.infer<typeof qualitySettings>;

export const datasetSettings = z
  .strictObject({
    $schema: z.string().optional(),
    fields: z.array(fieldSettings).min(1, 'a dataset needs at least one field'),
    questions: z.array(questionSettings).default([]),
    metadata: z.array(metadataProperty).default([]),
    /** Markdown shown beside every record in the annotation app. */
    guidelines: z.string().max(100_000).default(''),
    distribution: distribution.default({ responsesPerRecord: 1 }),
    /** Languages the records are expected in; annotators are routed by them. */
    languages: z.array(languageCode).default([]),
    /** Gold records mixed into queues, accuracy thresholds, sampled second review (docs/quality.md). */
    quality: qualitySettings.optional(),
    /**
     * What `tandem check` runs on this dataset and with which thresholds (see docs/checks.md). Kept
     * open here and validated by the checks stage, which owns the thresholds' schema.
     */
    checks: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'Automatic checks: dedup, pii, language, quality, offensive, decontaminate, judge (docs/checks.md).',
      ),
  })
  .superRefine((s, ctx) => {
    const unique = (names: string[], key: 'fields' | 'questions' | 'metadata') => {
      const seen = new Set<string>();
      names.forEach((n, i) => {
        if (seen.has(n))
          ctx.addIssue({ code: 'custom', message: `duplicate name '${n}'`, path: [key, i, 'name'] });
        seen.add(n);
      });
    };
    unique(
      s.fields.map((f) => f.name),
      'fields',
    );
    unique(
      s.questions.map((q) => q.name),
      'questions',
    );
    unique(
      s.metadata.map((m) => m.name),
      'metadata',
    );
    const fields = new Map(s.fields.map((f) => [f.name, f]));
    s.questions.forEach((q, i) => {
      const missing = (name: string, path: (string | number)[]) =>
        ctx.addIssue({
          code: 'custom',
          message: `names field '${name}', which the dataset does not have`,
          path,
        });
      if (q.type === 'text' && q.corrects) {
        const f = fields.get(q.corrects);
        if (!f) missing(q.corrects, ['questions', i, 'corrects']);
        else if (f.type === 'json')
          ctx.addIssue({
            code: 'custom',
            message: 'a json field cannot be corrected as text',
            path: ['questions', i, 'corrects'],
          });
        else if (q.roles && f.type !== 'chat')
          ctx.addIssue({
            code: 'custom',
            message: 'roles apply only to the correction of a chat field',
            path: ['questions', i, 'roles'],
          });
      } else if (q.type === 'text' && q.roles)
        ctx.addIssue({
          code: 'custom',
          message: 'roles apply only with corrects: a chat field',
          path: ['questions', i, 'roles'],
        });
      if (q.type === 'span') {
        const f = fields.get(q.field);
        if (!f) missing(q.field, ['questions', i, 'field']);
        else if (f.type !== 'text' && f.type !== 'markdown')
          ctx.addIssue({
            code: 'custom',
            message: 'spans tag a text or markdown field',
            path: ['questions', i, 'field'],
          });
      }
      if (q.type === 'preference') {
        q.options.forEach((name, j) => {
          if (!fields.has(name)) missing(name, ['questions', i, 'options', j]);
        });
        if (q.options[0] === q.options[1])
          ctx.addIssue({
            code: 'custom',
            message: 'compares a field with itself',
            path: ['questions', i, 'options'],
          });
      }
    });
  });

export type DatasetSettings = z.infer<typeof datasetSettings>;
/** What a settings file may contain before defaults are applied. */
export type DatasetSettingsInput = z.input<typeof datasetSettings>;

export function findField(settings: DatasetSettings, name: string): FieldSettings | undefined {
  return settings.fields.find((f) => f.name === name);
}

/** The schema of a record's fields under these settings: required fields present, each of its type. */
export function recordFieldsSchema(settings: DatasetSettings): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const f of settings.fields) {
    const v = fieldValueSchema(f);
    shape[f.name] = f.required ? v : z.optional(v);
  }
  return ownKeysObject(shape);
}

/** The schema of a response's values under these settings: each key a question, each value its answer. */
export function responseValuesSchema(settings: DatasetSettings): z.ZodType<Record<string, unknown>> {
  let schema = answerSchemas.get(settings);
  if (!schema) {
    const shape: Record<string, z.core.$ZodType> = {};
    for (const q of settings.questions) shape[q.name] = z.optional(answerSchemaIn(settings.fields, q));
    schema = ownKeysObject(shape);
    answerSchemas.set(settings, schema);
  }
  return schema;
}

/**
 * A strict object of names from settings. zod reads each key of the shape from the input, prototype
 * included: an input without `constructor` would be read as holding Object.prototype's function.
 * Parsed from a copy without a prototype, so names are read as own keys only.
 */
function ownKeysObject(shape: Record<string, z.core.$ZodType>): z.ZodType<Record<string, unknown>> {
  const strict = z.strictObject(shape);
  return z.preprocess(
    (v) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.assign(Object.create(null), v) : v,
    strict,
  ) as unknown as z.ZodType<Record<string, unknown>>;
}

/**
 * Built once per settings object: the store hands out one parsed settings object per stored JSON
 * text, so every answer to a dataset reuses its schema (building it took a few hundred µs an answer).
 */
const answerSchemas = new WeakMap<DatasetSettings, z.ZodType<Record<string, unknown>>>();
