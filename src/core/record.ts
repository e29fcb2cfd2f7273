import { z } from 'zod';
import { RECORD_STATUSES } from './record-statuses.js';

/** See `lifecycle.ts` for how a record moves between them. */
export const recordStatus = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof recordStatus>;

/** Where a record came from. Every record carries one; it never changes after creation. */
export const provenance = z.discriminatedUnion('origin', [
  z.object({
    origin: z.literal('imported'),
    file: z.string(),
    /** 1-based line (JSONL, CSV), element index + line (JSON), or row index (Parquet). */
    line: z.number().int().min(1),
    format: z.enum(['jsonl', 'json', 'csv', 'parquet']),
    importId: z.string(),
    /** How the external id was obtained: a column of the file, or the content hash. */
    idFrom: z.enum(['column', 'content_hash']),
  }),
  z.object({
    origin: z.literal('synthetic'),
    recipe: z.string(),
    recipeHash: z.string().optional(),
    row: z.number().int().min(0).optional(),
    samplerValues: z.record(z.string(), z.unknown()).default({}),
    provider: z.string(),
    model: z.string().optional(),
    promptHash: z.string().optional(),
    seed: z.number().int().optional(),
    /** With `num_generations` N > 1: the input this row is one generation of (row = input · N + generation). */
    input: z.number().int().min(0).optional(),
    generation: z.number().int().min(0).optional(),
    parentRecordId: z.number().int().optional(),
    /** Every model call that made the row: column, provider, model, cache key, whether it came from the cache. */
    calls: z
      .array(
        z.object({
          column: z.string(),
          purpose: z.string(),
          provider: z.string(),
          model: z.string(),
          promptHash: z.string(),
          cached: z.boolean(),
          /** Why the answer ended (`length`: cut at max_tokens); absent on rows made before it was kept. */
          finishReason: z.enum(['stop', 'length', 'content_filter', 'other']).optional(),
        }),
      )
      .optional(),
  }),
  z.object({
    origin: z.literal('human'),
    author: z.string(),
  }),
]);
export type Provenance = z.infer<typeof provenance>;

/** How a final value was reached: one reviewer's decision or an aggregation over responses. */
export const decisionMethod = z.enum([
  'reviewer',
  'majority',
  'dawid_skene',
  'median',
  'span_vote',
  'borda',
  'single',
  'gold',
]);
export type DecisionMethod = z.infer<typeof decisionMethod>;

export const finalValue = z.object({
  value: z.unknown(),
  method: decisionMethod,
  /** Username of the reviewer who decided, when a person did. */
  decidedBy: z.string().nullable(),
  confidence: z.number().min(0).max(1).optional(),
  at: z.string(),
});
export type FinalValue = z.infer<typeof finalValue>;

/** Final values per question name. */
export const finalValues = z.record(z.string(), finalValue);
export type FinalValues = z.infer<typeof finalValues>;

export interface DatasetRecord {
  id: number;
  datasetId: number;
  externalId: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  provenance: Provenance;
  contentHash: string;
  language: string | null;
  status: RecordStatus;
  finalValues: FinalValues | null;
  /** A gold record (known answers, used to measure annotators); see docs/quality.md. */
  gold?: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
}
