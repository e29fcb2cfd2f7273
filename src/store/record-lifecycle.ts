import { sql } from 'kysely';
import type { Actor } from '../core/actor.js';
import { conflict, notFound } from '../core/errors.js';
import {
  type LifecycleEvent,
  type RecordChange,
  type RecordState,
  type SecondReviewState,
  statusesAllowing,
  statusesChangedBy,
  transition,
} from '../core/lifecycle.js';
import type { FinalValues, RecordStatus } from '../core/record.js';
import { adapterOf, type Ctx, inTransaction, now } from './context.js';
import { readJsonOrNull, writeJson } from './dialect.js';
import { appendEvent } from './events.js';
import { fullUntil } from './slots.js';

/**
 * The only writer of a record's lifecycle columns — status, open slots, the queue's `full_until`
 * hint, disagreement, decision, second review, final and gold values. The rules are
 * `core/lifecycle.ts`; this module reads the state they need and writes what they decide, in one
 * UPDATE per record (on PostgreSQL every row version rewrites all of `records`' indexes).
 */

/** A record's lifecycle state with what a write of it needs: where it is, its version, its decision. */
export interface LockedRecord extends RecordState {
  datasetId: number;
  version: number;
  finalValues: FinalValues | null;
}

/** Reads a record's lifecycle state, locking its row until the transaction ends (PostgreSQL). */
export async function lockState(ctx: Ctx, recordId: number): Promise<LockedRecord> {
  let q = ctx.db
    .selectFrom('records')
    .select([
      'id',
      'dataset_id',
      'status',
      'version',
      'open_slots',
      'second_review',
      'decided_by',
      'final_values',
      sql<number>`CASE WHEN gold_values IS NULL THEN 0 ELSE 1 END`.as('gold'),
    ])
    .where('id', '=', recordId);
  if (adapterOf(ctx).locksRows) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('record', recordId);
  return {
    id: r.id,
    datasetId: r.dataset_id,
    status: r.status as RecordStatus,
    version: r.version,
    gold: Number(r.gold) === 1,
    openSlots: r.open_slots === null ? null : Number(r.open_slots),
    secondReview: r.second_review as SecondReviewState | null,
    decidedBy: r.decided_by === null ? null : Number(r.decided_by),
    finalValues: readJsonOrNull<FinalValues>(r.final_values),
  };
}

/** What the event log says about a change: nothing, the changed status and final values, or an event of its own. */
export type ChangeLog =
  | { kind: 'none' }
  | { kind: 'changes' }
  | { kind: 'event'; action: string; before?: unknown; after?: unknown };

export interface ApplyOptions {
  actor: Actor;
  log: ChangeLog;
  /** Optimistic locking: apply only if the record is still at this version, else a conflict. */
  expectedVersion?: number;
  at?: number;
}

/** The record as the writer needs it: which row, and the values a `changes` log compares. */
export type ChangeTarget = Pick<LockedRecord, 'id' | 'datasetId' | 'status'> & {
  finalValues?: FinalValues | null;
};

/** Writes a change `transition` decided. No-op changes write nothing. */
export async function applyChange(
  ctx: Ctx,
  target: ChangeTarget,
  change: RecordChange,
  o: ApplyOptions,
): Promise<void> {
  const t = o.at ?? now();
  const set = columnsOf(target.id, change, t);
  if (Object.keys(set).length > 0 || change.bumpsVersion || o.expectedVersion !== undefined)
    await write(ctx, target.id, set, change.bumpsVersion, t, o.expectedVersion);
  await log(ctx, target, change, o);
}

async function write(
  ctx: Ctx,
  id: number,
  set: Record<string, unknown>,
  bumpsVersion: boolean,
  t: number,
  expectedVersion: number | undefined,
): Promise<void> {
  let q = ctx.db
    .updateTable('records')
    .set((eb) => ({
      ...set,
      ...(bumpsVersion ? { version: eb('version', '+', 1), updated_at: t } : {}),
    }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const r = await q.executeTakeFirst();
  if (expectedVersion !== undefined && Number(r.numUpdatedRows) !== 1)
    throw conflict(`record ${id} was changed by someone else; reload and try again`);
}

/** `transition` and `applyChange` in one: the rules decide, the store writes. Returns the change. */
export async function transitionRecord(
  ctx: Ctx,
  state: LockedRecord,
  event: LifecycleEvent,
  o: ApplyOptions,
): Promise<RecordChange> {
  const change = transition(state, event);
  await applyChange(ctx, state, change, o);
  return change;
}

/**
 * After checks: records with a failed check become `flagged`, the others `checked`, where the
 * lifecycle lets checks move them (never past a person's decision). The version goes up, so an
 * annotator's stale save of such a record is caught; one event per call records the change.
 */
export async function applyCheckVerdicts(
  ctx: Ctx,
  datasetId: number,
  flagged: number[],
  checked: number[],
  actor: Actor,
): Promise<{ flagged: number; checked: number }> {
  return inTransaction(ctx, async (tx) => {
    const t = now();
    const move = async (ids: number[], failed: boolean) => {
      const from = statusesChangedBy({ type: 'checked', failed });
      const status = failed ? 'flagged' : 'checked';
      let n = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const r = await tx.db
          .updateTable('records')
          .set((eb) => ({ status, version: eb('version', '+', 1), updated_at: t }))
          .where('dataset_id', '=', datasetId)
          .where('id', 'in', ids.slice(i, i + 500))
          .where('status', 'in', from)
          .executeTakeFirst();
        n += Number(r.numUpdatedRows);
      }
      return n;
    };
    const result = { flagged: await move(flagged, true), checked: await move(checked, false) };
    if (result.flagged + result.checked > 0) {
      await appendEvent(tx, {
        actor,
        action: 'records.checked',
        entityType: 'dataset',
        entityId: datasetId,
        datasetId,
        after: result,
      });
    }
    return result;
  });
}

/**
 * Makes records of a dataset gold (their known answers become their final values), where the
 * lifecycle allows it; one event per call.
 */
export async function applyGold(
  ctx: Ctx,
  datasetId: number,
  items: { recordId: number; goldValues: Record<string, unknown>; finalValues: FinalValues }[],
  actor: Actor,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const t = now();
    for (const item of items) {
      const event = { type: 'gold_set', goldValues: item.goldValues, finalValues: item.finalValues } as const;
      const change = transition(
        {
          id: item.recordId,
          status: 'new',
          gold: false,
          openSlots: null,
          secondReview: null,
          decidedBy: null,
        },
        event,
      );
      await tx.db
        .updateTable('records')
        .set((eb) => ({
          ...columnsOf(item.recordId, change, t),
          version: eb('version', '+', 1),
          updated_at: t,
        }))
        .where('id', '=', item.recordId)
        .where('dataset_id', '=', datasetId)
        .where('status', 'in', statusesAllowing(event))
        .execute();
    }
    await appendEvent(tx, {
      actor,
      action: 'dataset.gold',
      entityType: 'dataset',
      entityId: datasetId,
      datasetId,
      after: { records: items.length },
    });
  });
}

/** The columns a change sets (the version and timestamp aside). */
function columnsOf(recordId: number, c: RecordChange, t: number): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (c.status !== undefined) set.status = c.status;
  if (c.openSlots !== undefined) set.open_slots = c.openSlots;
  if (c.fullUntil === 'clear') set.full_until = null;
  // The hint against the new open slots (a NULL open count is the whole overlap: never full here).
  else if (c.fullUntil === 'recount') set.full_until = fullUntil(recordId, c.openSlots ?? 0, t);
  if (c.disagreement !== undefined) set.disagreement = c.disagreement;
  if (c.decidedBy !== undefined) set.decided_by = c.decidedBy;
  if (c.secondReview !== undefined) set.second_review = c.secondReview;
  if (c.finalValues !== undefined)
    set.final_values = c.finalValues === null ? null : writeJson(c.finalValues);
  if (c.goldValues !== undefined) set.gold_values = writeJson(c.goldValues);
  return set;
}

async function log(ctx: Ctx, target: ChangeTarget, change: RecordChange, o: ApplyOptions): Promise<void> {
  const entry = {
    actor: o.actor,
    entityType: 'record' as const,
    entityId: target.id,
    datasetId: target.datasetId,
  };
  if (o.log.kind === 'event') {
    await appendEvent(ctx, { ...entry, action: o.log.action, before: o.log.before, after: o.log.after });
    return;
  }
  if (o.log.kind === 'none') return;
  // The changed keys before and after, as a record edit logs them.
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (change.status !== undefined) {
    before.status = target.status;
    after.status = change.status;
  }
  if (change.finalValues !== undefined) {
    before.finalValues = target.finalValues ?? null;
    after.finalValues = change.finalValues;
  }
  if (Object.keys(after).length) await appendEvent(ctx, { ...entry, action: 'record.update', before, after });
}

export const recordLifecycleRepository = {
  lockState,
  apply: applyChange,
  transition: transitionRecord,
  applyCheckVerdicts,
  applyGold,
};
