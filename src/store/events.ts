import type { Actor } from '../core/actor.js';
import type { Ctx } from './context.js';
import { now } from './context.js';
import { readJsonOrNull, writeJson } from './dialect.js';

export interface NewEvent {
  actor: Actor;
  action: string;
  entityType: 'dataset' | 'record' | 'response' | 'user' | 'suggestion' | 'release' | 'job';
  entityId: string | number;
  datasetId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface StoredEvent extends NewEvent {
  id: number;
  at: number;
}

/** Appends to the audit log. Call it in the same transaction as the mutation it describes. */
export async function appendEvent(ctx: Ctx, e: NewEvent): Promise<void> {
  await ctx.db
    .insertInto('events')
    .values({
      at: now(),
      actor: e.actor,
      action: e.action,
      entity_type: e.entityType,
      entity_id: String(e.entityId),
      dataset_id: e.datasetId ?? null,
      before: e.before === undefined ? null : writeJson(e.before),
      after: e.after === undefined ? null : writeJson(e.after),
    })
    .execute();
}

export async function listEvents(
  ctx: Ctx,
  filter: { entityType?: string; entityId?: string | number; datasetId?: number; limit?: number } = {},
): Promise<StoredEvent[]> {
  let q = ctx.db.selectFrom('events').selectAll();
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', String(filter.entityId));
  if (filter.datasetId !== undefined) q = q.where('dataset_id', '=', filter.datasetId);
  const rows = await q
    .orderBy('id')
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type as NewEvent['entityType'],
    entityId: r.entity_id,
    datasetId: r.dataset_id,
    before: readJsonOrNull(r.before),
    after: readJsonOrNull(r.after),
  }));
}

export const eventsRepository = { append: appendEvent, list: listEvents };
