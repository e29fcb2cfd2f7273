import type SqliteDatabase from 'better-sqlite3';
import { type Selectable, sql } from 'kysely';
import type { Actor } from '../core/actor.js';
import { conflict, notFound, TandemError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { transition } from '../core/lifecycle.js';
import type { DatasetRecord, FinalValues, Provenance, RecordStatus } from '../core/record.js';
import { adapterOf, type Ctx, inTransaction, now, rawSqlite } from './context.js';
import { readJson, readJsonOrNull, writeJson } from './dialect.js';
import { appendEvent } from './events.js';
import { lockState } from './record-lifecycle.js';
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

/** A record ready for the store: JSON columns already serialised (possibly on another thread). */
export interface EncodedRecord {
  externalId: string;
  fields: string;
  metadata: string;
  provenance: string;
  contentHash: string;
  language: string | null;
  status?: RecordStatus;
}

export function encodeRecord(r: NewRecord): EncodedRecord {
  return {
    externalId: r.externalId,
    fields: writeJson(r.fields),
    metadata: writeJson(r.metadata),
    provenance: writeJson(r.provenance),
    contentHash: r.contentHash,
    language: r.language ?? null,
    ...(r.status ? { status: r.status } : {}),
  };
}

export interface InsertResult {
  inserted: number;
  /** Rows whose external id the dataset already held: the import is idempotent. */
  skipped: number;
  firstId: number | null;
  lastId: number | null;
}

/**
 * Inserts a batch of records, skipping those whose external id the dataset already has, and logs
 * one event for the batch (a per-row event would double the write volume of large imports; each
 * record's provenance already names its source line).
 */
export function insertRecords(
  ctx: Ctx,
  datasetId: number,
  rows: NewRecord[],
  actor: Actor,
  source: Record<string, unknown> = {},
): Promise<InsertResult> {
  return insertEncodedRecords(ctx, datasetId, rows.map(encodeRecord), actor, source);
}

/** `insertRecords` for rows already encoded, the import's hot path. */
export async function insertEncodedRecords(
  ctx: Ctx,
  datasetId: number,
  rows: EncodedRecord[],
  actor: Actor,
  source: Record<string, unknown> = {},
): Promise<InsertResult> {
  if (rows.length === 0) return { inserted: 0, skipped: 0, firstId: null, lastId: null };
  return inTransaction(ctx, async (tx) => {
    const t = now();
    let inserted = 0;
    let firstId: number | null = null;
    let lastId: number | null = null;
    const note = (id: number) => {
      inserted++;
      if (firstId === null || id < firstId) firstId = id;
      if (lastId === null || id > lastId) lastId = id;
    };
    const raw = rawSqlite(tx);
    if (raw) {
      // One prepared single-row statement, reused: SQLite does its best work this way, and it skips
      // compiling a 5,000-parameter statement per batch. Runs inside tx's open transaction.
      const stmt = sqliteInsert(raw);
      for (const r of rows) {
        const info = stmt.run(
          datasetId,
          r.externalId,
          r.fields,
          r.metadata,
          r.provenance,
          r.contentHash,
          r.language ?? null,
          r.status ?? 'new',
          t,
          t,
        );
        if (info.changes === 1) note(Number(info.lastInsertRowid));
      }
    } else if (adapterOf(tx).name === 'postgres') {
      for (const id of await postgresInsert(tx, datasetId, rows, t)) note(id);
    } else {
      throw new TandemError('internal', 'SQLite store opened without its raw handle');
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

const insertStatements = new WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement>();

function sqliteInsert(db: SqliteDatabase.Database): SqliteDatabase.Statement {
  let stmt = insertStatements.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `INSERT INTO records (dataset_id, external_id, fields, metadata, provenance, content_hash, language, status, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (dataset_id, external_id) DO NOTHING`,
    );
    insertStatements.set(db, stmt);
  }
  return stmt;
}

/**
 * PostgreSQL bulk path: the whole batch travels as one JSON parameter that the server unpacks with
 * jsonb_to_recordset: one parse, no per-row parameters to bind, no double-escaped JSON strings.
 */
async function postgresInsert(
  tx: Ctx,
  datasetId: number,
  rows: EncodedRecord[],
  t: number,
): Promise<number[]> {
  // The JSON columns are already JSON text, so the payload is assembled, not re-serialised.
  let payload = '[';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i > 0) payload += ',';
    payload += `{"external_id":${JSON.stringify(r.externalId)},"fields":${r.fields},"metadata":${r.metadata},"provenance":${r.provenance},"content_hash":${JSON.stringify(r.contentHash)},"language":${JSON.stringify(r.language)},"status":${JSON.stringify(r.status ?? 'new')}}`;
  }
  payload += ']';
  const result = await sql<{ id: number }>`
    INSERT INTO records (dataset_id, external_id, fields, metadata, provenance, content_hash, language, status, version, created_at, updated_at)
    SELECT ${datasetId}, x.external_id, x.fields, x.metadata, x.provenance, x.content_hash, x.language, x.status, 1, ${t}, ${t}
    FROM jsonb_to_recordset(${payload}::jsonb)
      AS x(external_id text, fields jsonb, metadata jsonb, provenance jsonb, content_hash text, language text, status text)
    ON CONFLICT (dataset_id, external_id) DO NOTHING
    RETURNING id`.execute(tx.db);
  return result.rows.map((r) => Number(r.id));
}

export type RecordRow = Selectable<RecordsTable>;

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
    ...(r.gold_values != null ? { gold: true } : {}),
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

/** A correction of a record's content in place. Status and decisions change through the lifecycle. */
export interface RecordPatch {
  fields?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
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
    transition(await lockState(tx, id), { type: 'content_edited' });
    const current = await getRecord(tx, id);
    if (current.version !== expectedVersion) {
      throw conflict(
        `record ${id} was changed by someone else (version ${current.version}, expected ${expectedVersion})`,
        {
          currentVersion: current.version,
        },
      );
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

export interface RecordFilter {
  status?: RecordStatus[];
  /** Page size of the underlying keyset queries. */
  batchSize?: number;
  /** Only ids in this inclusive range (a shard of a queued check run). */
  ids?: { from: number; to: number };
}

/**
 * Streams a dataset's records in id order, a page at a time (keyset pagination), so memory stays
 * flat and no long-lived cursor or transaction is held.
 */
export async function* streamRecords(
  ctx: Ctx,
  datasetId: number,
  filter: RecordFilter = {},
): AsyncGenerator<DatasetRecord[]> {
  const size = filter.batchSize ?? 2000;
  let after = filter.ids ? filter.ids.from - 1 : 0;
  const statuses = filter.status ?? [];
  for (;;) {
    let q = ctx.db
      .selectFrom('records')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .where('id', '>', after);
    if (filter.ids) q = q.where('id', '<=', filter.ids.to);
    if (statuses.length === 1) q = q.where('status', '=', statuses[0]!);
    // Several statuses: filter rows read in id order rather than let the planner merge status ranges
    // and sort them on every page (quadratic over a large dataset). `status || ''` hides the column
    // from index selection on both SQLite and PostgreSQL.
    else if (statuses.length > 1) q = q.where(sql<string>`status || ''`, 'in', statuses);
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

/** Of these ids, those of records in the dataset. */
export async function recordIdsIn(ctx: Ctx, datasetId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('records')
    .select('id')
    .where('dataset_id', '=', datasetId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}
