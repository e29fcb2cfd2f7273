import { z } from 'zod';
import { datasetName, identifier } from '../../../core/names.js';
import { coverageSpec } from '../samplers/schema.js';
import {
  expressionColumn,
  judgeColumn,
  llmChatColumn,
  llmStructuredColumn,
  llmTextColumn,
  samplerColumn,
  seedColumn,
} from './columns.js';

/**
 * A recipe: a list of columns computed per row, then how rows become dataset records. Validated
 * strictly (an unknown key is an error naming it and its line) and exported as JSON Schema for
 * editors from this same definition.
 */

export const recipeColumn = z.union([
  samplerColumn,
  seedColumn,
  llmTextColumn,
  llmStructuredColumn,
  llmChatColumn,
  expressionColumn,
  judgeColumn,
]);
export type RecipeColumn = z.infer<typeof recipeColumn>;

export const validator = z
  .strictObject({
    name: identifier,
    fail_if: z
      .string()
      .min(1)
      .optional()
      .describe('A Liquid condition over the row that marks it bad, e.g. "answer.size < 40".'),
    pass_if: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A Liquid condition a good row meets, e.g. "doc.text contains qa.quote"; the row fails otherwise.',
      ),
    action: z
      .enum(['drop', 'flag'])
      .default('flag')
      .describe('drop: the row is not stored (counted in the summary); flag: stored with status flagged.'),
    message: z.string().max(500).optional(),
  })
  .refine(
    (v) => (v.fail_if === undefined) !== (v.pass_if === undefined),
    'give exactly one of fail_if and pass_if',
  )
  .describe('A rule a finished row must pass.');
export type Validator = z.infer<typeof validator>;

export const outputField = z.strictObject({
  name: identifier,
  column: identifier.optional().describe('Column to take the value from; defaults to the field name.'),
  type: z
    .enum(['text', 'markdown', 'chat', 'json'])
    .optional()
    .describe('Field type; inferred from the column (chat → chat, structured → json, else text).'),
  title: z.string().max(200).optional(),
});

export const recipeOutput = z
  .strictObject({
    name: datasetName
      .optional()
      .describe('Dataset to write to (created if missing); defaults to the recipe name.'),
    settings: z
      .string()
      .optional()
      .describe(
        'Review settings file (questions, guidelines), relative to the recipe; its fields must be produced.',
      ),
    fields: z.array(outputField).min(1).optional().describe('Record fields and the columns they come from.'),
    metadata: z
      .array(identifier)
      .default([])
      .describe('Columns stored as record metadata (filterable in review).'),
    language: identifier.optional().describe('Column holding the record language (an ISO 639-1 code).'),
  })
  .describe('How rows become records.');

export const limits = z.strictObject({
  concurrency: z.number().int().min(1).max(1024).default(16).describe('Requests in flight at most.'),
  requests_per_minute: z.number().positive().optional(),
  tokens_per_minute: z.number().positive().optional(),
  timeout_seconds: z.number().positive().max(3600).default(120),
  max_attempts: z.number().int().min(1).max(20).default(6),
  outage_wait_seconds: z
    .number()
    .positive()
    .max(3600)
    .default(60)
    .describe(
      'After 5 connection failures in a row the run pauses and probes the server; it stops (exit 1) if the server is still unreachable after this long.',
    ),
});

export const pricingOverride = z.strictObject({
  input_per_million: z.number().min(0),
  output_per_million: z.number().min(0),
});

export const recipe = z
  .strictObject({
    $schema: z.string().optional(),
    name: datasetName.describe('Recipe name; rows are numbered per recipe and seed.'),
    description: z.string().max(4000).optional(),
    provider: z
      .string()
      .default('template')
      .describe('openai:MODEL, anthropic:MODEL or template (offline). `--provider` overrides.'),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    count: z.number().int().positive().max(100_000_000).default(100),
    num_generations: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe(
        'Rows per input: each input (sampler and seed values) gets this many rows, whose model columns are generated separately. count counts rows.',
      ),
    defaults: z
      .strictObject({
        temperature: z.number().min(0).max(2).optional(),
        top_p: z.number().gt(0).max(1).optional(),
        max_tokens: z.number().int().positive().optional(),
      })
      .default({}),
    limits: limits.default(limits.parse({})),
    truncated: z
      .enum(['flag', 'fail'])
      .default('flag')
      .describe(
        'A row with an answer cut at max_tokens (finish reason "length"): flag stores it flagged; fail records it as failed.',
      ),
    template_files: z
      .enum(['none', 'recipe-folder'])
      .default('none')
      .describe(
        "Files templates may include/render: none, or those inside the recipe's folder (never outside it).",
      ),
    pricing: pricingOverride
      .optional()
      .describe('Price per million tokens, when the model is not in the built-in list.'),
    columns: z.array(recipeColumn).min(1),
    coverage: coverageSpec.optional(),
    validators: z.array(validator).default([]),
    dataset: recipeOutput.default(recipeOutput.parse({})),
  })
  .describe('A Tandem generation recipe.');
export type Recipe = z.infer<typeof recipe>;
