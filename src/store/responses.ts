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
