import type { Selectable } from 'kysely';
import type { Actor } from '../core/actor.js';
import type { RecordResponse, ResponseStatus } from '../core/annotation.js';
import { type Ctx, inTransaction, now } from './context.js';
import { readJson, writeJson } from './dialect.js';
import { appendEvent } from './events.js';
import type { ResponsesTable } from './schema.js';

export interface ResponseInput {
  recordId: number;
  userId: number;
  round?: number;
  values: Record<string, unknown>;
  status: ResponseStatus;
  reason?: string | null;
  timeSpentMs?: number;
  /** The record's dataset, when the caller has it (saves a query; the event names the dataset). */
  datasetId?: number;
}

export const toResponse = (r: Selectable<ResponsesTable>): RecordResponse => ({
  id: r.id,
  recordId: r.record_id,
  userId: r.user_id,
  round: r.round,
  values: readJson(r.values),
  status: r.status as ResponseStatus,
  reason: r.reason,
  timeSpentMs: r.time_spent_ms,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * One response per record, user and round: a later save replaces the earlier one (drafts become
 * submissions) and time spent accumulates. Values must already be validated against the settings.
 */
export async function saveResponse(
  ctx: Ctx,
  input: ResponseInput,
  actor: Actor,
  /** The user's response in this round as the caller already read it, in this transaction. */
  known?: { existing: Selectable<ResponsesTable> | undefined },
): Promise<RecordResponse> {
  return inTransaction(ctx, async (tx) => {
    const round = input.round ?? 1;
    const existing = known
      ? known.existing
      : await tx.db
          .selectFrom('responses')
          .selectAll()
          .where('record_id', '=', input.recordId)
          .where('user_id', '=', input.userId)
          .where('round', '=', round)
          .executeTakeFirst();
    const t = now();
    let row: Selectable<ResponsesTable>;
    if (existing) {
      row = await tx.db
        .updateTable('responses')
        .set({
          values: writeJson(input.values),
          status: input.status,
          reason: input.reason ?? null,
          time_spent_ms: existing.time_spent_ms + (input.timeSpentMs ?? 0),
          updated_at: t,
        })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      row = await tx.db
        .insertInto('responses')
        .values({
          record_id: input.recordId,
          user_id: input.userId,
          round,
          values: writeJson(input.values),
          status: input.status,
          reason: input.reason ?? null,
          time_spent_ms: input.timeSpentMs ?? 0,
          created_at: t,
          updated_at: t,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const record =
      input.datasetId !== undefined
        ? { dataset_id: input.datasetId }
        : await tx.db
            .selectFrom('records')
            .select('dataset_id')
            .where('id', '=', input.recordId)
            .executeTakeFirst();
    await appendEvent(tx, {
      actor,
      action: existing ? 'response.update' : 'response.create',
      entityType: 'response',
      entityId: row.id,
      datasetId: record?.dataset_id ?? null,
      before: existing ? { values: readJson(existing.values), status: existing.status } : undefined,
      after: { values: input.values, status: input.status, reason: input.reason ?? null },
    });
    return toResponse(row);
  });
}

/** Responses of many records at once, keyed by record id (for exports and review screens). */
export async function responsesFor(
  ctx: Ctx,
  recordIds: number[],
): Promise<Map<number, (RecordResponse & { username: string })[]>> {
  const out = new Map<number, (RecordResponse & { username: string })[]>();
  if (recordIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('responses')
    .innerJoin('users', 'users.id', 'responses.user_id')
    .selectAll('responses')
    .select('users.username')
    .where('responses.record_id', 'in', recordIds)
    .orderBy('responses.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    list.push({ ...toResponse(r), username: r.username });
    out.set(r.record_id, list);
  }
  return out;
}

/** One response of a record, by id: what a reviewer accepts. */
export async function responseOf(
  ctx: Ctx,
  responseId: number,
  recordId: number,
): Promise<{ values: Record<string, unknown>; status: ResponseStatus } | undefined> {
  const r = await ctx.db
    .selectFrom('responses')
    .select(['values', 'status'])
    .where('id', '=', responseId)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return r ? { values: readJson(r.values), status: r.status as ResponseStatus } : undefined;
}

/** Of these user names, the users who answered a record in a round (any status). */
export async function answerersNamed(
  ctx: Ctx,
  recordId: number,
  round: number,
  usernames: string[],
): Promise<{ id: number; username: string }[]> {
  if (usernames.length === 0) return [];
  return ctx.db
    .selectFrom('responses')
    .innerJoin('users', 'users.id', 'responses.user_id')
    .select(['users.id', 'users.username'])
    .where('responses.record_id', '=', recordId)
    .where('responses.round', '=', round)
    .where('users.username', 'in', usernames)
    .execute();
}

/** These users' answers to a record become drafts again: kept, editable, no longer counted. */
export async function reopenAsDrafts(
  ctx: Ctx,
  recordId: number,
  round: number,
  userIds: number[],
): Promise<void> {
  if (userIds.length === 0) return;
  await ctx.db
    .updateTable('responses')
    .set({ status: 'draft', updated_at: now() })
    .where('record_id', '=', recordId)
    .where('user_id', 'in', userIds)
    .where('round', '=', round)
    .execute();
}

/** A record's final answers in a round: submitted or discarded, drafts aside. */
export async function countFinalAnswers(ctx: Ctx, recordId: number, round: number): Promise<number> {
  const r = await ctx.db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_id', '=', recordId)
    .where('round', '=', round)
    .where('status', '<>', 'draft')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether a user gave a final answer (submitted or discarded) to a record in a round. */
export async function answeredBy(
  ctx: Ctx,
  recordId: number,
  userId: number,
  round: number,
): Promise<boolean> {
  const r = await ctx.db
    .selectFrom('responses')
    .select('id')
    .where('record_id', '=', recordId)
    .where('user_id', '=', userId)
    .where('round', '=', round)
    .where('status', '<>', 'draft')
    .executeTakeFirst();
  return r !== undefined;
}

/** Answers, their records and who gave them. */
export const responsesRepository = {
  save: saveResponse,
  forRecords: responsesFor,
  get: responseOf,
  answerersNamed,
  reopenAsDrafts,
  countFinal: countFinalAnswers,
  answeredBy,
};
