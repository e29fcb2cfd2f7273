import { sql } from 'kysely';
import type { RecordResponse } from '../core/annotation.js';
import { notFound } from '../core/errors.js';
import type { DatasetRecord } from '../core/record.js';
import type { Comment } from './comments.js';
import { adapterOf, type Ctx } from './context.js';
import { readJson } from './dialect.js';
import { type RecordRow, toRecord } from './records.js';
import { toResponse } from './responses.js';
import type { Suggestion } from './suggestions.js';

export interface CheckVerdict {
  check: string;
  passed: boolean;
  score: number | null;
  details: unknown;
}

/** A record with everything shown beside it: suggestions, check verdicts, responses, comments. */
export interface RecordDetails {
  record: DatasetRecord;
  suggestions: Suggestion[];
  checks: CheckVerdict[];
  responses: (RecordResponse & { username: string })[];
  comments: Comment[];
}

/**
 * Reads a record and what is shown beside it in one statement: each list comes back as a JSON
 * array from a subquery. Five statements were a fifth of the work of handing out a record, most of
 * it round trips to PostgreSQL. JSON columns are embedded as their text, so they are parsed exactly
 * as when read on their own (a JSON string value stays a string).
 */
export async function recordDetails(ctx: Ctx, recordId: number): Promise<RecordDetails> {
  const [details] = await recordDetailsOf(ctx, [recordId]);
  if (!details) throw notFound('record', recordId);
  return details;
}

/** `recordDetails` of many records in one statement (a page of the records list), in the order asked. */
export async function recordDetailsOf(ctx: Ctx, recordIds: number[]): Promise<RecordDetails[]> {
  if (recordIds.length === 0) return [];
  const sqlOf = adapterOf(ctx);
  const text = (column: string) => sqlOf.jsonAsText(column);
  const real = (column: string) => sqlOf.exactReal(column);
  const r = await sql<DetailsRow>`
    SELECT r.*,
      ${sqlOf.jsonRows(
        { question: sql`s.question`, value: text('s.value'), score: real('s.score'), agent: sql`s.agent` },
        sql`suggestions s WHERE s.record_id = r.id`,
        sql`s.id`,
      )} AS j_suggestions,
      ${sqlOf.jsonRows(
        { check: sql`c."check"`, passed: sql`c.passed`, score: real('c.score'), details: text('c.details') },
        sql`check_results c WHERE c.record_id = r.id`,
        sql`c.id`,
      )} AS j_checks,
      ${sqlOf.jsonRows(
        {
          id: sql`x.id`,
          record_id: sql`x.record_id`,
          user_id: sql`x.user_id`,
          round: sql`x.round`,
          values: text('x.values'),
          status: sql`x.status`,
          reason: sql`x.reason`,
          time_spent_ms: sql`x.time_spent_ms`,
          created_at: sql`x.created_at`,
          updated_at: sql`x.updated_at`,
          username: sql`u.username`,
        },
        sql`responses x JOIN users u ON u.id = x.user_id WHERE x.record_id = r.id`,
        sql`x.id`,
      )} AS j_responses,
      ${sqlOf.jsonRows(
        { id: sql`m.id`, username: sql`u.username`, body: sql`m.body`, created_at: sql`m.created_at` },
        sql`comments m JOIN users u ON u.id = m.user_id WHERE m.record_id = r.id`,
        sql`m.id`,
      )} AS j_comments
    FROM records r WHERE r.id IN (${sql.join(recordIds)})`.execute(ctx.db);
  const byId = new Map(r.rows.map((row) => [Number(row.id), row]));
  return recordIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [detailsOf(row)] : [];
  });
}

type DetailsRow = RecordRow & {
  j_suggestions: string;
  j_checks: string;
  j_responses: string;
  j_comments: string;
};

function detailsOf(row: DetailsRow): RecordDetails {
  const recordId = Number(row.id);
  const list = <T>(json: string) => readJson<T[]>(json);
  return {
    record: toRecord(row),
    suggestions: list<{ question: string; value: string; score: number | string | null; agent: string }>(
      row.j_suggestions,
    ).map((s) => ({
      recordId,
      question: s.question,
      value: readJson(s.value),
      score: s.score === null ? null : Number(s.score),
      agent: s.agent,
    })),
    checks: list<{ check: string; passed: unknown; score: number | string | null; details: string | null }>(
      row.j_checks,
    ).map((c) => ({
      check: c.check,
      passed: Number(c.passed) === 1 || c.passed === true,
      score: c.score === null ? null : Number(c.score),
      details: c.details === null ? null : readJson(c.details),
    })),
    responses: list<Parameters<typeof toResponse>[0] & { username: string }>(row.j_responses).map((x) => ({
      ...toResponse(x),
      username: x.username,
    })),
    comments: list<{ id: number; username: string; body: string; created_at: number }>(row.j_comments).map(
      (m) => ({ id: m.id, recordId, username: m.username, body: m.body, createdAt: m.created_at }),
    ),
  };
}
