import type { z } from 'zod';
import type { Caller } from '../core/actor.js';
import {
  answerView,
  type recordView as recordViewShape,
  type responseView as responseViewShape,
} from '../core/api/records.js';
import { ANNOTATION_ROUND } from '../core/rounds.js';
import type { RecordDetails } from '../store/record-details.js';
import type { Store } from '../store/store.js';
import { seesEverything } from './access.js';

/**
 * What the API shows of a record. Annotators see their own answer only — never their colleagues',
 * which would bias them — and nothing that tells a gold record apart. The shapes are declared once
 * in `src/core/api/records.ts` (what the web app reads); these are their server's side.
 */

export type ResponseView = z.input<typeof responseViewShape>;
export type RecordView = z.input<typeof recordViewShape>;

/** An answer as the API shows it, with who gave it (the shape and its mapping: `src/core/api`). */
export const responseView = answerView;

export const mayReview = (caller: Caller): boolean =>
  seesEverything(caller.role) || caller.role === 'reviewer';

/** The record as the caller may see it, read afresh with everything shown beside it (one statement). */
export async function recordView(
  store: Store,
  caller: Caller,
  recordId: number,
  dataset: string,
): Promise<RecordView> {
  return viewOf(caller, await store.records.details(recordId), dataset);
}

/** `recordView` of many records (a page of the list) in one statement; records gone meanwhile are left out. */
export async function recordViews(
  store: Store,
  caller: Caller,
  recordIds: number[],
  dataset: string,
): Promise<RecordView[]> {
  return (await store.records.detailsOf(recordIds)).map((d) => viewOf(caller, d, dataset));
}

function viewOf(caller: Caller, details: RecordDetails, dataset: string): RecordView {
  const { record, suggestions, checks, responses, comments } = details;
  const all = responses.filter((r) => r.round === ANNOTATION_ROUND);
  const own = all.find((r) => r.userId === caller.id);
  const reviewer = mayReview(caller);
  // To an annotator a gold record looks like any record waiting for answers.
  const hidden = !reviewer && record.gold === true;
  return {
    id: record.id,
    dataset,
    externalId: record.externalId,
    fields: record.fields,
    metadata: record.metadata,
    language: record.language,
    // …and, once they answered it, like a record their answer took into review.
    status: hidden ? (own && own.status !== 'draft' ? 'in_review' : 'new') : record.status,
    version: hidden ? (own && own.status !== 'draft' ? 2 : 1) : record.version,
    finalValues: reviewer ? record.finalValues : null,
    suggestions: suggestions.map((s) => ({
      question: s.question,
      value: s.value,
      score: s.score,
      agent: s.agent,
    })),
    checks,
    response: own ? responseView(own) : null,
    ...(reviewer ? { responses: all.map(responseView) } : {}),
    comments: comments.map((c) => ({ id: c.id, username: c.username, body: c.body, createdAt: c.createdAt })),
  };
}
