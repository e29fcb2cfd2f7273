import { type Selectable, sql } from 'kysely';
import type { ComparedAnswer } from '../core/answer-compare.js';
import { notFound } from '../core/errors.js';
import type { SecondReviewState } from '../core/lifecycle.js';
import type { DatasetRecord } from '../core/record.js';
import type { AssignmentKind } from '../core/rounds.js';
import { clearAssignment } from './assignments.js';
import { adapterOf, type Ctx } from './context.js';
import { readJson } from './dialect.js';
import type { LockedRecord } from './record-lifecycle.js';
import { toRecord } from './records.js';
import type { ResponsesTable } from './schema.js';

/** What an answer is judged against: the record (locked), the user's hold on it, their earlier response. */
export interface AnswerState {
  record: DatasetRecord;
  /** What the lifecycle rules read, from the same row. */
  state: LockedRecord;
  held: { kind: AssignmentKind; expiresAt: number | null } | undefined;
  existing: Selectable<ResponsesTable> | undefined;
}

/**
 * Locks a record for an answer and reads, in the same statement, the user's assignment and
 * response in the round. (Three reads before; each a round trip on PostgreSQL.) SQLite's write
 * transaction already holds the lock.
 */
export async function lockForAnswer(
  ctx: Ctx,
  recordId: number,
  userId: number,
  round: number,
): Promise<AnswerState> {
  let q = ctx.db
    .selectFrom('records as r')
    .leftJoin('assignments as a', (j) =>
      j.onRef('a.record_id', '=', 'r.id').on('a.user_id', '=', userId).on('a.round', '=', round),
    )
    .leftJoin('responses as x', (j) =>
      j.onRef('x.record_id', '=', 'r.id').on('x.user_id', '=', userId).on('x.round', '=', round),
    )
    .selectAll('r')
    .select([
      'a.kind as a_kind',
      'a.expires_at as a_expires_at',
      'x.id as x_id',
      'x.values as x_values',
      'x.status as x_status',
      'x.reason as x_reason',
      'x.time_spent_ms as x_time_spent_ms',
      'x.created_at as x_created_at',
      'x.updated_at as x_updated_at',
    ])
    .where('r.id', '=', recordId);
  if (adapterOf(ctx).locksRows) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('record', recordId);
  const record = toRecord(row);
  return {
    record,
    state: {
      id: record.id,
      datasetId: record.datasetId,
      status: record.status,
      version: record.version,
      gold: record.gold === true,
      openSlots: row.open_slots === null ? null : Number(row.open_slots),
      secondReview: row.second_review as SecondReviewState | null,
      decidedBy: row.decided_by === null ? null : Number(row.decided_by),
      finalValues: record.finalValues,
    },
    held:
      row.a_kind === null ? undefined : { kind: row.a_kind as AssignmentKind, expiresAt: row.a_expires_at },
    existing:
      row.x_id === null
        ? undefined
        : {
            id: row.x_id,
            record_id: recordId,
            user_id: userId,
            round,
            values: row.x_values,
            status: row.x_status as string,
            reason: row.x_reason,
            time_spent_ms: row.x_time_spent_ms as number,
            created_at: row.x_created_at as number,
            updated_at: row.x_updated_at as number,
          },
  };
}

/**
 * Ends the user's hold on a record in a round and reads the record's final answers (submitted or
 * discarded) in it: what an answer does after it is saved. One statement on PostgreSQL.
 */
export async function releaseAndReadAnswers(
  ctx: Ctx,
  recordId: number,
  userId: number,
  round: number,
): Promise<ComparedAnswer[]> {
  const answers = sql<{ status: 'submitted' | 'discarded'; values: unknown }>`SELECT status, "values"
    FROM responses WHERE record_id = ${recordId} AND round = ${round} AND status <> 'draft'`;
  if (!adapterOf(ctx).roundTrips) {
    await clearAssignment(ctx, recordId, userId, round);
    return parsed((await answers.execute(ctx.db)).rows);
  }
  const r = await sql<{ status: 'submitted' | 'discarded'; values: unknown }>`
    WITH released AS (
      DELETE FROM assignments WHERE record_id = ${recordId} AND user_id = ${userId} AND round = ${round}
        AND kind <> 'skipped'
    ) ${answers}`.execute(ctx.db);
  return parsed(r.rows);
}

const parsed = (rows: { status: 'submitted' | 'discarded'; values: unknown }[]): ComparedAnswer[] =>
  rows.map((x) => ({ status: x.status, values: readJson<Record<string, unknown>>(x.values) }));

/** An annotator's answer: the record locked with the user's hold and response, and what follows a submission. */
export const answerStateRepository = { lockForAnswer, releaseAndReadAnswers };
