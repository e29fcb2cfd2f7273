import { z } from 'zod';
import { criterion } from '../../../core/criterion.js';
import { identifier } from '../../../core/names.js';
import { type SamplerSpec, samplerSpecWith } from '../samplers/schema.js';

/**
 * The computed (non-sampler) columns of a recipe. Each kind is told apart by the key that names
 * it — `llm:`, `expression:`, `judge:` — as a sampler column is by `sampler:`, so a recipe reads
 * like what it does. Templates are LiquidJS and see every earlier column by name.
 */

const template = z.string().min(1).max(100_000);

/** `"{{ name }}"`: a request parameter read from an earlier column, so it can be drawn per row. */
export const PARAM_FROM_COLUMN = /^\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}$/;
const fromColumn = z
  .string()
  .regex(PARAM_FROM_COLUMN, 'expected a number, or "{{ column }}" naming an earlier column')
  .describe('"{{ column }}": the value of an earlier column on each row (e.g. a uniform sampler).');
/** The column an `"{{ name }}"` parameter reads, or undefined for a number (or nothing). */
export function paramColumn(spec: number | string | undefined): string | undefined {
  return typeof spec === 'string' ? PARAM_FROM_COLUMN.exec(spec)?.[1] : undefined;
}
const param = <T extends z.ZodNumber>(n: T) => z.union([n, fromColumn]).optional();

const generation = {
  provider: z
    .string()
    .optional()
    .describe('Provider for this column (e.g. a bigger model for a judge); defaults to the recipe provider.'),
  temperature: param(z.number().min(0).max(2)),
  top_p: param(z.number().gt(0).max(1)),
  max_tokens: param(z.number().int().positive().max(200_000)),
};

export const columnBase = {
  name: identifier.describe('Column name; later templates use it as {{ name }}.'),
  description: z.string().max(2000).optional(),
};

/** Parameters a sampler column uses on the rows where `when` holds (keys of its own sampler). */
export type ConditionalParams = { when: string } & Record<string, unknown>;

/** A sampler column: a sampler spec with the column's name. */
export type SamplerColumn = SamplerSpec & {
  name: string;
  description?: string | undefined;
  conditional_params?: ConditionalParams[] | undefined;
};
// The helper widens each variant at run time; the static type is stated here, where it is plain.
export const samplerColumn = samplerSpecWith(columnBase, true) as unknown as z.ZodType<SamplerColumn>;

export const seedColumn = z
  .strictObject({
    ...columnBase,
    seed: z.strictObject({
      file: z
        .string()
        .min(1)
        .describe(
          'JSONL, JSON-array, CSV/TSV or Parquet file, relative to the recipe; `*` and `?` in the file name take several files (in name order).',
        ),
      format: z
        .enum(['jsonl', 'json', 'csv', 'parquet'])
        .optional()
        .describe('The files’ format, when their extension does not say it.'),
      order: z
        .enum(['sequential', 'random'])
        .default('sequential')
        .describe('sequential: row i takes object i (wrapping around); random: a seeded draw per row.'),
    }),
  })
  .describe('Rows of a file you supply (documents, scenarios, seed examples), one object per row.');

export const llmTextColumn = z
  .strictObject({
    ...columnBase,
    llm: z.literal('text'),
    system: template.optional().describe('System prompt (Liquid template).'),
    prompt: template.describe('User prompt (Liquid template).'),
    offline: template
      .optional()
      .describe('What the offline `template` provider answers (Liquid template); defaults to a stub.'),
    ...generation,
  })
  .describe('Free text from a model.');

export const llmStructuredColumn = z
  .strictObject({
    ...columnBase,
    llm: z.literal('structured'),
    system: template.optional(),
    prompt: template,
    schema: z
      .record(z.string(), z.unknown())
      .describe('JSON Schema the answer must satisfy. Invalid JSON is repaired once, then retried once.'),
    offline: z
      .unknown()
      .optional()
      .describe('The offline answer: any YAML value whose strings are Liquid templates.'),
    ...generation,
  })
  .describe('A JSON object from a model, validated against a JSON Schema.');

export const llmChatColumn = z
  .strictObject({
    ...columnBase,
    llm: z.literal('chat'),
    mode: z
      .enum(['structured', 'turns'])
      .default('structured')
      .describe('`structured`: one call returns the whole conversation; `turns`: one call per message.'),
    turns: z.number().int().min(1).max(50).default(4).describe('Messages after the system prompt.'),
    system: template
      .optional()
      .describe("The assistant's system prompt; kept as the conversation's first turn."),
    include_system: z.boolean().default(true),
    prompt: template.describe(
      'structured: what the conversation is about; turns: how to play the user (the user simulator’s brief).',
    ),
    offline: z
      .union([z.array(z.strictObject({ role: z.enum(['user', 'assistant']), content: template })), template])
      .optional()
      .describe(
        'Offline turns for the `template` provider: a list of {role, content} templates, or one template rendering a JSON array of them.',
      ),
    ...generation,
  })
  .describe('A multi-turn conversation of user and assistant messages.');

export const expressionColumn = z
  .strictObject({
    ...columnBase,
    expression: template.describe('Liquid template over earlier columns.'),
    parse: z
      .enum(['string', 'number', 'json'])
      .default('string')
      .describe('Read the rendered text as a string, a number or JSON.'),
  })
  .describe('A value computed from earlier columns, no model.');

export const judgeColumn = z
  .strictObject({
    ...columnBase,
    judge: z.strictObject({
      target: template.describe('What the judge reads (Liquid template), e.g. "{{ conversation | json }}".'),
      instructions: template
        .optional()
        .describe('Extra guidance for the judge, e.g. the policy to check against.'),
      criteria: z.array(criterion).min(1).max(20),
      reasoning: z
        .enum(['after', 'before'])
        .default('after')
        .describe(
          "Where each criterion's reasoning goes in the answer: after its score, or before it (the model argues, then scores: Prometheus-style).",
        ),
    }),
    ...generation,
  })
  .describe('Rubric scores from a model: {criterion: {score, reasoning}}.');

export type LlmTextColumn = z.infer<typeof llmTextColumn>;
export type LlmStructuredColumn = z.infer<typeof llmStructuredColumn>;
export type LlmChatColumn = z.infer<typeof llmChatColumn>;
export type ExpressionColumn = z.infer<typeof expressionColumn>;
export type SeedColumn = z.infer<typeof seedColumn>;
export type JudgeColumn = z.infer<typeof judgeColumn>;
export type LlmColumn = LlmTextColumn | LlmStructuredColumn | LlmChatColumn;
