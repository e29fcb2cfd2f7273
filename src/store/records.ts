import { conflict, notFound } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import type { DatasetRecord, FinalValues, Provenance, RecordStatus } from '../core/record.js';
import { type Ctx, inTransaction, now } from './context.js';
import { readJson, readJsonOrNull, writeJson } from './dialect.js';
import { type Actor, appendEvent } from './events.js';
import type { Selectable } from 'kysely';
import type { RecordsTable } from './schema.js';

export interface NewRecord {
  externalId: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  provenance: Provenance;
  contentHash: string;
  language?: string | null;
  status?: RecordStatus;
}

export interface InsertResult {
  inserted: number;
  /** Rows whose external id the dataset already held: the import is idempotent. */
  skipped: number;
  firstId: number | null;
  lastId: number | null;
}

// Stays under SQLite's 32,766 bound parameters (11 per row) and keeps statements a manageable size.
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts a batch of records, skipping those whose external id the dataset already has, and logs
 * one event for the batch (a per-row event would double the write volume of large imports; each
 * record's provenance already names its source line).
 */
export async function insertRecords(
  ctx: Ctx,
  datasetId: number,
  rows: NewRecord[],
  actor: Actor,
  source: Record<string, unknown> = {},
): Promise<InsertResult> {
  if (rows.length === 0) return { inserted: 0, skipped: 0, firstId: null, lastId: null };
  return inTransaction(ctx, async (tx) => {
    const t = now();
    let inserted = 0;
    let firstId: number | null = null;
    let lastId: number | null = null;
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const values = rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
        dataset_id: datasetId,
        external_id: r.externalId,
        fields: writeJson(r.fields),
        metadata: writeJson(r.metadata),
        provenance: writeJson(r.provenance),
        content_hash: r.contentHash,
        language: r.language ?? null,
        status: r.status ?? 'new',
        version: 1,
        created_at: t,
        updated_at: t,
      }));
      const ids = await tx.db
        .insertInto('records')
        .values(values)
        .onConflict((oc) => oc.columns(['dataset_id', 'external_id']).doNothing())
        .returning('id')
        .execute();
      inserted += ids.length;
      for (const { id } of ids) {
        if (firstId === null || id < firstId) firstId = id;
        if (lastId === null || id > lastId) lastId = id;
      }
    }
    if (inserted > 0) {
      await appendEvent(tx, {
        actor,
        action: 'records.insert',
        entityType: 'dataset',
        entityId: datasetId,
        datasetId,
        after: { ...source, inserted, firstId, lastId },
      });
    }
    return { inserted, skipped: rows.length - inserted, firstId, lastId };
  });
}

type RecordRow = Selectable<RecordsTable>;

export function toRecord(r: RecordRow): DatasetRecord {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    externalId: r.external_id,
    fields: readJson(r.fields),
    metadata: readJson(r.metadata),
    provenance: readJson(r.provenance),
    contentHash: r.content_hash,
    language: r.language,
    status: r.status as RecordStatus,
    finalValues: readJsonOrNull<FinalValues>(r.final_values),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getRecord(ctx: Ctx, id: number): Promise<DatasetRecord> {
  const row = await ctx.db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('record', id);
  return toRecord(row);
}

export async function findRecordByExternalId(
  ctx: Ctx,
  datasetId: number,
  externalId: string,
): Promise<DatasetRecord | undefined> {
  const row = await ctx.db
    .selectFrom('records')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export interface RecordPatch {
  fields?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  status?: RecordStatus;
  finalValues?: FinalValues | null;
  language?: string | null;
}

/**
 * Optimistic locking: the update applies only if the record is still at `expectedVersion`;
 * otherwise a conflict error tells the caller to reload. The event holds only the changed keys.
 */
export async function updateRecord(
  ctx: Ctx,
  id: number,
  expectedVersion: number,
  patch: RecordPatch,
  actor: Actor,
): Promise<DatasetRecord> {
  return inTransaction(ctx, async (tx) => {
    const current = await getRecord(tx, id);
    if (current.version !== expectedVersion) {
      throw conflict(`record ${id} was changed by someone else (version ${current.version}, expected ${expectedVersion})`, {
        currentVersion: current.version,
      });
    }
    const t = now();
    const set: Record<string, unknown> = { version: expectedVersion + 1, updated_at: t };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (patch.fields !== undefined) {
      set.fields = writeJson(patch.fields);
      set.content_hash = contentHash(patch.fields);
      before.fields = current.fields;
      after.fields = patch.fields;
    }
    if (patch.metadata !== undefined) {
      set.metadata = writeJson(patch.metadata);
      before.metadata = current.metadata;
      after.metadata = patch.metadata;
    }
    if (patch.status !== undefined) {
      set.status = patch.status;
      before.status = current.status;
      after.status = patch.status;
    }
    if (patch.finalValues !== undefined) {
      set.final_values = patch.finalValues === null ? null : writeJson(patch.finalValues);
      before.finalValues = current.finalValues;
      after.finalValues = patch.finalValues;
    }
    if (patch.language !== undefined) {
      set.language = patch.language;
      before.language = current.language;
      after.language = patch.language;
    }
    const res = await tx.db
      .updateTable('records')
      .set(set)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw conflict(`record ${id} was changed by someone else; reload and try again`);
    }
    await appendEvent(tx, {
      actor,
      action: 'record.update',
      entityType: 'record',
      entityId: id,
      datasetId: current.datasetId,
      before,
      after,
    });
    return getRecord(tx, id);
  });
}

export async function deleteRecord(ctx: Ctx, id: number, actor: Actor): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const current = await getRecord(tx, id);
    await tx.db.deleteFrom('records').where('id', '=', id).execute();
    await appendEvent(tx, {
      actor,
      action: 'record.delete',
      entityType: 'record',
      entityId: id,
      datasetId: current.datasetId,
      before: current,
    });
  });
}

export interface RecordFilter {
  status?: RecordStatus[];
  /** Page size of the underlying keyset queries. */
  batchSize?: number;
}

/**
 * Streams a dataset's records in id order, a page at a time (keyset pagination), so memory stays
 * flat and no long-lived cursor or transaction is held.
 */
export async function* streamRecords(ctx: Ctx, datasetId: number, filter: RecordFilter = {}): AsyncGenerator<DatasetRecord[]> {
  const size = filter.batchSize ?? 2000;
  let after = 0;
  for (;;) {
    let q = ctx.db.selectFrom('records').selectAll().where('dataset_id', '=', datasetId).where('id', '>', after);
    if (filter.status?.length) q = q.where('status', 'in', filter.status);
    const rows = await q.orderBy('id').limit(size).execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map(toRecord);
    if (rows.length < size) return;
  }
}

export async function countRecords(ctx: Ctx, datasetId: number, status?: RecordStatus[]): Promise<number> {
  let q = ctx.db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dataset_id', '=', datasetId);
  if (status?.length) q = q.where('status', 'in', status);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}
