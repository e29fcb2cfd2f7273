import { z } from 'zod';
import { qualityThresholds } from '../../text/quality/index.js';

/**
 * What `tandem check` runs and with which thresholds: a dataset's `checks:` settings, merged over
 * these defaults (a run's `--config` file wins over both). Every check is on by default except the
 * ones that need something from the user: evaluation sets (decontamination) and a provider (judge).
 */

export const CHECK_NAMES = [
  'dedup',
  'semantic_dedup',
  'pii',
  'language',
  'quality',
  'offensive',
  'decontaminate',
  'judge',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

const enabled = z.boolean().default(true);

export const checksConfig = z.strictObject({
  dedup: z
    .strictObject({
      enabled,
      threshold: z.number().gt(0).max(1).default(0.8).describe('Jaccard similarity of shingle sets.'),
      ngram: z.number().int().min(1).max(20).default(5),
    })
    .prefault({}),
  pii: z
    .strictObject({
      enabled,
      min_score: z.number().min(0).max(1).default(0.5),
      types: z
        .array(z.string())
        .optional()
        .describe('Only these entity types (EMAIL_ADDRESS, PHONE_NUMBER, …).'),
      model: z
        .strictObject({
          path: z
            .string()
            .min(1)
            .describe('A token-classification model folder (config.json, tokenizer.json, onnx/).'),
          threshold: z
            .number()
            .min(0)
            .max(1)
            .default(0.8)
            .describe('Model findings scoring below this are dropped.'),
        })
        .optional()
        .describe('An optional NER model whose PERSON/LOCATION findings join the rules (docs/checks.md).'),
    })
    .prefault({}),
  language: z
    .strictObject({
      enabled,
      threshold: z
        .number()
        .min(0)
        .max(1)
        .default(0.9)
        .describe('Detector score above which a mismatch counts.'),
    })
    .prefault({}),
  quality: z
    .strictObject({
      enabled,
      thresholds: qualityThresholds.prefault({}),
      min_words: z
        .number()
        .int()
        .min(0)
        .default(50)
        .describe(
          'Texts shorter than this skip the web-document heuristics (Gopher, C4, FineWeb), made for pages.',
        ),
    })
    .prefault({}),
  offensive: z.strictObject({ enabled }).prefault({}),
  decontaminate: z
    .strictObject({
      enabled,
      files: z.array(z.string()).default([]).describe('JSONL evaluation sets: {"id", "text"} per line.'),
      n: z.number().int().min(3).max(50).default(13),
    })
    .prefault({}),
  semantic_dedup: z
    .unknown()
    .optional()
    .describe('Duplicates by meaning through embeddings: {provider, threshold} (see docs/checks.md).'),
  judge: z.unknown().optional().describe('An LLM judge: {provider, criteria, …} (see docs/checks.md).'),
});
export type ChecksConfig = z.infer<typeof checksConfig>;
