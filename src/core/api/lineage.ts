import { z } from 'zod';
import { provenance, recordStatus } from '../record.js';
import { checkView, finalValueView, responseView } from './records.js';
import { stored } from './stored.js';

/** A word diff of a correction: `turn` is the chat turn's index when the field is a conversation. */
export const correctionView = z.object({
  question: z.string(),
  field: z.string(),
  turn: z.number().int().optional(),
  parts: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
});

export const lineageRelease = z.object({
  id: z.number().int(),
  version: z.string(),
  split: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  supersededAt: z.number().nullable(),
  supersededReason: z.string().nullable(),
  /** The version that replaces it (made after the erasure), once there is one. */
  supersededBy: z.string().nullable(),
  /** The record's frozen row was removed from this release by an erasure. */
  erased: z.boolean(),
});

/**
 * `GET /api/records/{id}/lineage` and `tandem lineage`: where a record came from and everything that
 * happened to it on the way to a release. Annotators get the source, the checks and their own
 * answer only; the decision, others' answers, final values and releases are for reviewers.
 */
export const lineageView = z.object({
  recordId: z.number().int(),
  dataset: z.string(),
  externalId: z.string(),
  status: recordStatus,
  /** Recipe and sampler values, or import file and line; provider, model, prompt hash. */
  source: stored(provenance),
  checks: z.array(checkView),
  /** Every annotator's answer (reviewers); the caller's own otherwise. */
  answers: z.array(responseView),
  /** Null for annotators. */
  decision: z
    .object({
      status: recordStatus,
      decidedBy: z.string().nullable(),
      secondReview: z.string().nullable(),
      finalValues: z.record(z.string(), finalValueView),
      /** How each final value was reached and how sure: method and confidence per question. */
      aggregation: z.array(
        z.object({ question: z.string(), method: z.string(), confidence: z.number().nullable() }),
      ),
      corrections: z.array(correctionView),
    })
    .nullable(),
  /** Null for annotators. */
  releases: z.array(lineageRelease).nullable(),
  /** The tombstone, when the record was erased: who, when, why; never the content. */
  erasure: z
    .object({ id: z.number().int(), at: z.number(), actor: z.string(), reason: z.string() })
    .nullable(),
});
export type LineageView = z.infer<typeof lineageView>;
export const lineageResult = z.object({ lineage: lineageView });
export type LineageResult = z.infer<typeof lineageResult>;
