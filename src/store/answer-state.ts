import { type Selectable, sql } from 'kysely';
import { notFound } from '../core/errors.js';
import type { DatasetRecord } from '../core/record.js';
import type { Ctx } from './context.js';
import { type AssignmentKind, clearAssignment } from './queue.js';
import { toRecord } from './records.js';
import type { ResponsesTable } from './schema.js';

/** What an answer is judged against: the record (locked), the user's hold on it, their earlier response. */
export interface AnswerState {
  record: DatasetRecord;
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
  if (ctx.dialect === 'postgres') q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('record', recordId);
  return {
    record: toRecord(row),
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
): Promise<{ status: 'submitted' | 'discarded'; values: unknown }[]> {
  const answers = sql<{ status: 'submitted' | 'discarded'; values: unknown }>`SELECT status, "values"
    FROM responses WHERE record_id = ${recordId} AND round = ${round} AND status <> 'draft'`;
  if (ctx.dialect === 'sqlite') {
    await clearAssignment(ctx, recordId, userId, round);
    return (await answers.execute(ctx.db)).rows;
  }
  const r = await sql<{ status: 'submitted' | 'discarded'; values: unknown }>`
    WITH released AS (
      DELETE FROM assignments WHERE record_id = ${recordId} AND user_id = ${userId} AND round = ${round}
        AND kind <> 'skipped'
    ) ${answers}`.execute(ctx.db);
  return r.rows;
}
