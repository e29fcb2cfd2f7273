import { z } from 'zod';
import { type RecordResponse, responseStatus } from '../annotation.js';
import { finalValue, recordStatus } from '../record.js';
import { answerValue } from '../values.js';
import { stored } from './stored.js';

/** Answers per question name. */
export const values = z.record(z.string(), stored(answerValue));
export type Values = z.infer<typeof values>;

/** One person's answers to a record in one round. */
export const responseView = z.object({
  id: z.number().int(),
  username: z.string(),
  round: z.number().int(),
  values,
  status: responseStatus,
  /** Why a record was discarded, when it was. */
  reason: z.string().nullable(),
  timeSpentMs: z.number(),
  updatedAt: z.number(),
});
export type ResponseView = z.infer<typeof responseView>;

/**
 * A stored response as the API shows it, with who gave it: the one mapping, used by the record
 * views and by a record's lineage alike, so the two cannot drift apart (ids of the record and the
 * user, and when it was first made, stay in the store).
 */
export const answerView = (r: RecordResponse & { username: string }): z.input<typeof responseView> => ({
  id: r.id,
  username: r.username,
  round: r.round,
  values: r.values,
  status: r.status,
  reason: r.reason,
  timeSpentMs: r.timeSpentMs,
  updatedAt: r.updatedAt,
});

/** A pre-filled answer from a model or a check. */
export const suggestionView = z.object({
  question: z.string(),
  value: stored(answerValue),
  score: z.number().nullable(),
  /** Who suggested it: "openai:gpt-4o-mini", "check:pii", … */
  agent: z.string(),
});
export type SuggestionView = z.infer<typeof suggestionView>;

export const checkView = z.object({
  check: z.string(),
  passed: z.boolean(),
  score: z.number().nullable(),
  details: z.unknown(),
});
export type CheckView = z.infer<typeof checkView>;

export const commentView = z.object({
  id: z.number().int(),
  username: z.string(),
  body: z.string(),
  createdAt: z.number(),
});
export type CommentView = z.infer<typeof commentView>;

export const finalValueView = finalValue.extend({ value: stored(answerValue) });
export type FinalValue = z.infer<typeof finalValueView>;

/**
 * A record as the caller may see it (`src/server/views.ts`): annotators get their own response only
 * and no final values, and a gold record looks to them like any record waiting for answers.
 */
export const recordView = z.object({
  id: z.number().int(),
  dataset: z.string(),
  externalId: z.string(),
  fields: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
  language: z.string().nullable(),
  status: recordStatus,
  version: z.number().int(),
  /** Only for reviewers, admins and owners; null for annotators. */
  finalValues: z.record(z.string(), finalValueView).nullable(),
  suggestions: z.array(suggestionView),
  checks: z.array(checkView),
  /** The caller's own response in the annotation round, if any (drafts included). */
  response: responseView.nullable(),
  /** Everyone's responses: only for reviewers, admins and owners. */
  responses: z.array(responseView).optional(),
  comments: z.array(commentView),
});
export type RecordView = z.infer<typeof recordView>;

/** Routes that answer with one record: `GET /api/records/{id}`, review, second review, suggestions. */
export const recordResult = z.object({ record: recordView });
export type RecordResult = z.infer<typeof recordResult>;

/** `GET /api/datasets/{name}/records`: a page in id order, asked for by number or by cursor. */
export const recordPage = z.object({
  records: z.array(recordView),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.number().int().nullable(),
  total: z.number().int(),
  /** How many matching records come before this page's first: its page is offset / limit + 1. */
  offset: z.number().int(),
});
export type RecordPage = z.infer<typeof recordPage>;

/** Answers as a request sends them; the server checks them against the dataset's questions. */
const valuesIn = z.record(z.string(), z.unknown());

/** `POST /api/records/{id}/responses`. */
export const respondBody = z.strictObject({
  values: valuesIn.default({}),
  status: responseStatus,
  reason: z.string().max(2000).optional(),
  timeSpentMs: z.number().min(0).max(86_400_000).optional(),
});
export type RespondBody = z.input<typeof respondBody>;
export const respondResult = z.object({ response: responseView });
export type RespondResult = z.infer<typeof respondResult>;

/** `POST /api/records/{id}/comments`. */
export const commentBody = z.strictObject({ body: z.string().trim().min(1).max(10_000) });
export const commentResult = z.object({ comment: commentView });
export type CommentResult = z.infer<typeof commentResult>;

/** `POST /api/datasets/{name}/bulk`: one action on many records. */
export const bulkBody = z.strictObject({
  recordIds: z.array(z.number().int().positive()).min(1).max(1000),
  action: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('status'), status: z.enum(['accepted', 'rejected']) }),
    z.strictObject({
      type: z.literal('respond'),
      values: valuesIn,
      status: z.enum(['submitted', 'discarded']),
    }),
  ]),
});
export type BulkRequest = z.input<typeof bulkBody>;
export const bulkResult = z.object({
  updated: z.number().int(),
  /** Records the action failed on, each with why. */
  failed: z.array(z.object({ id: z.number().int(), message: z.string() })),
});
export type BulkResult = z.infer<typeof bulkResult>;
