import type SqliteDatabase from 'better-sqlite3';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Actor } from '../core/actor.js';
import { TandemError, usage } from '../core/errors.js';
import { adapterOf, type Ctx, rawSqlite } from './context.js';
import { readJson, readJsonOrNull, writeJson } from './dialect.js';
import { appendEvent } from './events.js';
import type { Database } from './schema.js';

/**
 * Releases: a row per version and one frozen row per record it contains. Written once, in the
 * transaction that makes the release, and never updated afterwards; there is no function here
 * that changes a finished release's records.
 */

export interface StoredRelease {
  id: number;
  datasetId: number;
  version: string;
  notes: string;
  createdBy: string;
  recordCount: number;
  createdAt: number;
  releaseHash: string | null;
  /** The manifest as the release stage wrote it; its shape belongs to that stage. */
  manifest: unknown;
  /**
   * Set once an erasure removed content from one of its records (migration 006); `by` and
   * `byVersion` name the first version made after that, which replaces it.
   */
  superseded: { at: number; reason: string | null; by: number | null; byVersion: string | null } | null;
}

/** One record as a release froze it. */
export interface FrozenRow {
  recordId: number;
  externalId: string;
  contentHash: string;
  split: string;
  rowHash: string;
  /** The snapshot as JSON text (already serialised by the caller). */
  snapshot: string;
}

/** A frozen row without its snapshot: what a diff compares first. */
export type FrozenKey = Omit<FrozenRow, 'snapshot'>;

type ReleaseRow = {
  id: number;
  dataset_id: number;
  version: string;
  notes: string;
  created_by: string;
  record_count: number;
  created_at: number;
  release_hash: string | null;
  manifest: unknown;
  superseded_at?: number | string | null;
  superseded_reason?: string | null;
  superseded_by?: number | string | null;
  superseded_by_version?: string | null;
};

const toRelease = (r: ReleaseRow): StoredRelease => ({
  id: Number(r.id),
  datasetId: Number(r.dataset_id),
  version: r.version,
  notes: r.notes,
  createdBy: r.created_by,
  recordCount: Number(r.record_count),
  createdAt: Number(r.created_at),
  releaseHash: r.release_hash,
  manifest: readJsonOrNull(r.manifest),
  superseded:
    r.superseded_at == null
      ? null
      : {
          at: Number(r.superseded_at),
          reason: r.superseded_reason ?? null,
          by: r.superseded_by == null ? null : Number(r.superseded_by),
          byVersion: r.superseded_by_version ?? null,
        },
});

/**
 * Starts a release: its row, with no records yet. Call inside the transaction that adds the
 * records and finishes it, so an interrupted release leaves nothing. A version the dataset
 * already has is a usage error (exit 2).
 */
export async function beginRelease(
  ctx: Ctx,
  r: { datasetId: number; version: string; notes: string; createdBy: Actor; createdAt: number },
): Promise<number> {
  const existing = await findRelease(ctx, r.datasetId, r.version);
  if (existing)
    throw usage(`release ${r.version} already exists (made ${new Date(existing.createdAt).toISOString()})`);
  const row = await ctx.db
    .insertInto('releases')
    .values({
      dataset_id: r.datasetId,
      version: r.version,
      notes: r.notes,
      created_by: r.createdBy,
      record_count: 0,
      created_at: r.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Sets what is known once every record is in: count, hash, manifest; logs the event. */
export async function finishRelease(
  ctx: Ctx,
  id: number,
  r: { datasetId: number; recordCount: number; releaseHash: string; manifest: unknown; actor: Actor },
): Promise<void> {
  await ctx.db
    .updateTable('releases')
    .set({ record_count: r.recordCount, release_hash: r.releaseHash, manifest: writeJson(r.manifest) })
    .where('id', '=', id)
    .execute();
  const rel = await ctx.db
    .selectFrom('releases')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  // Releases an erasure superseded and no version has replaced yet: this one does.
  const replaced = await ctx.db
    .updateTable('releases')
    .set({ superseded_by: id })
    .where('dataset_id', '=', r.datasetId)
    .where('id', '<>', id)
    .where('superseded_at', 'is not', null)
    .where('superseded_by', 'is', null)
    .returning('version')
    .execute();
  await appendEvent(ctx, {
    actor: r.actor,
    action: 'release.create',
    entityType: 'release',
    entityId: id,
    datasetId: r.datasetId,
    after: {
      version: rel.version,
      records: r.recordCount,
      releaseHash: r.releaseHash,
      ...(replaced.length ? { supersedes: replaced.map((x) => x.version).sort() } : {}),
    },
  });
}

const insertStatements = new WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement>();

/** Adds frozen rows to a release being made (inside its transaction). */
export async function addFrozenRows(ctx: Ctx, releaseId: number, rows: FrozenRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (!ctx.db.isTransaction)
    throw new TandemError('internal', 'release rows are written inside the release transaction');
  const raw = rawSqlite(ctx);
  if (raw) {
    let stmt = insertStatements.get(raw);
    if (!stmt) {
      stmt = raw.prepare(
        'INSERT INTO release_records (release_id, record_id, external_id, content_hash, split, row_hash, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      insertStatements.set(raw, stmt);
    }
    for (const r of rows)
      stmt.run(releaseId, r.recordId, r.externalId, r.contentHash, r.split, r.rowHash, r.snapshot);
    return;
  }
  if (adapterOf(ctx).name !== 'postgres')
    throw new TandemError('internal', 'SQLite store opened without its raw handle');
  // One statement per batch, the rows as one JSON parameter (as the records' bulk insert does).
  let payload = '[';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i > 0) payload += ',';
    payload += `{"record_id":${r.recordId},"external_id":${JSON.stringify(r.externalId)},"content_hash":${JSON.stringify(r.contentHash)},"split":${JSON.stringify(r.split)},"row_hash":${JSON.stringify(r.rowHash)},"snapshot":${r.snapshot}}`;
  }
  payload += ']';
  await sql`
    INSERT INTO release_records (release_id, record_id, external_id, content_hash, split, row_hash, snapshot)
    SELECT ${releaseId}, x.record_id, x.external_id, x.content_hash, x.split, x.row_hash, x.snapshot
    FROM jsonb_to_recordset(${payload}::jsonb)
      AS x(record_id bigint, external_id text, content_hash text, split text, row_hash text, snapshot jsonb)`.execute(
    ctx.db,
  );
}

/** The version that replaced a superseded release, read with it. */
const supersededByVersion = (eb: ExpressionBuilder<Database, 'releases'>) =>
  eb
    .selectFrom('releases as next')
    .select('next.version')
    .whereRef('next.id', '=', 'releases.superseded_by')
    .as('superseded_by_version');

export async function findRelease(
  ctx: Ctx,
  datasetId: number,
  version: string,
): Promise<StoredRelease | undefined> {
  const r = await ctx.db
    .selectFrom('releases')
    .selectAll('releases')
    .select(supersededByVersion)
    .where('dataset_id', '=', datasetId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r ? toRelease(r as ReleaseRow) : undefined;
}

/** A dataset's releases, oldest first. */
export async function listReleases(ctx: Ctx, datasetId: number): Promise<StoredRelease[]> {
  const rows = await ctx.db
    .selectFrom('releases')
    .selectAll('releases')
    .select(supersededByVersion)
    .where('dataset_id', '=', datasetId)
    .orderBy('id')
    .execute();
  return rows.map((r) => toRelease(r as ReleaseRow));
}

/**
 * A release's rows in record id order, a page at a time (keyset pagination): without snapshots
 * (`keys`) for diffs and split pins, with them for exports.
 */
export async function* streamFrozenKeys(
  ctx: Ctx,
  releaseId: number,
  batchSize = 10_000,
): AsyncGenerator<FrozenKey[]> {
  // Split names repeat on every row: one string each instead of one per row.
  const names = new Map<string, string>();
  let after = -1;
  for (;;) {
    const rows = await keyPage(ctx, releaseId, after, batchSize);
    if (rows.length === 0) return;
    const page = new Array<FrozenKey>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      let split = names.get(r[3]);
      if (split === undefined) {
        split = r[3];
        names.set(split, split);
      }
      page[i] = {
        recordId: Number(r[0]),
        externalId: r[1] ?? '',
        contentHash: r[2],
        split,
        rowHash: r[4] ?? '',
      };
    }
    after = page[page.length - 1]!.recordId;
    yield page;
    if (rows.length < batchSize) return;
  }
}

type KeyRow = [
  recordId: number | string,
  externalId: string | null,
  contentHash: string,
  split: string,
  rowHash: string | null,
];
type SnapshotRow = [...KeyRow, snapshot: unknown];

const KEY_COLUMNS = ['record_id', 'external_id', 'content_hash', 'split', 'row_hash'] as const;
const keyStatements = new WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement>();
const rowStatements = new WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement>();

function pageStatement(
  cache: WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement>,
  db: SqliteDatabase.Database,
  columns: string,
): SqliteDatabase.Statement {
  let stmt = cache.get(db);
  if (!stmt) {
    stmt = db
      .prepare(
        `SELECT ${columns} FROM release_records WHERE release_id = ? AND record_id > ? ORDER BY record_id LIMIT ?`,
      )
      .raw(true);
    cache.set(db, stmt);
  }
  return stmt;
}

/**
 * One page of a release in record id order. On SQLite a prepared statement in raw (array) mode: a
 * diff of two million-row releases reads two million keys, and the query builder's compile per
 * page and object per row were most of its time. Pages, not one open iterator, so the connection
 * stays free for the other release's cursor and the snapshot reads in between; the raw handle is
 * asked for on every page (another flow's transaction may have opened since).
 */
async function keyPage(ctx: Ctx, releaseId: number, after: number, size: number): Promise<KeyRow[]> {
  const raw = rawSqlite(ctx);
  if (raw)
    return pageStatement(keyStatements, raw, KEY_COLUMNS.join(', ')).all(releaseId, after, size) as KeyRow[];
  const rows = await ctx.db
    .selectFrom('release_records')
    .select([...KEY_COLUMNS])
    .where('release_id', '=', releaseId)
    .where('record_id', '>', after)
    .orderBy('record_id')
    .limit(size)
    .execute();
  return rows.map((r) => [r.record_id, r.external_id, r.content_hash, r.split, r.row_hash]);
}

async function snapshotPage(
  ctx: Ctx,
  releaseId: number,
  after: number,
  size: number,
  split: string | undefined,
): Promise<SnapshotRow[]> {
  const raw = rawSqlite(ctx);
  if (raw && split === undefined)
    return pageStatement(rowStatements, raw, `${KEY_COLUMNS.join(', ')}, snapshot`).all(
      releaseId,
      after,
      size,
    ) as SnapshotRow[];
  let q = ctx.db
    .selectFrom('release_records')
    .select([...KEY_COLUMNS, 'snapshot'])
    .where('release_id', '=', releaseId)
    .where('record_id', '>', after);
  if (split !== undefined) q = q.where('split', '=', split);
  const rows = await q.orderBy('record_id').limit(size).execute();
  return rows.map((r) => [r.record_id, r.external_id, r.content_hash, r.split, r.row_hash, r.snapshot]);
}

export interface FrozenRecord extends FrozenKey {
  snapshot: Record<string, unknown>;
}

const toFrozen = (r: {
  record_id: number;
  external_id: string | null;
  content_hash: string;
  split: string;
  row_hash: string | null;
  snapshot: unknown;
}): FrozenRecord => ({
  recordId: Number(r.record_id),
  externalId: r.external_id ?? '',
  contentHash: r.content_hash,
  split: r.split,
  rowHash: r.row_hash ?? '',
  snapshot: readJson(r.snapshot),
});

export async function* streamFrozenRecords(
  ctx: Ctx,
  releaseId: number,
  filter: { split?: string; batchSize?: number } = {},
): AsyncGenerator<FrozenRecord[]> {
  const size = filter.batchSize ?? 2000;
  let after = -1;
  for (;;) {
    const rows = await snapshotPage(ctx, releaseId, after, size, filter.split);
    if (rows.length === 0) return;
    const page = new Array<FrozenRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      page[i] = {
        recordId: Number(r[0]),
        externalId: r[1] ?? '',
        contentHash: r[2],
        split: r[3],
        rowHash: r[4] ?? '',
        snapshot: readJson(r[5]),
      };
    }
    after = page[page.length - 1]!.recordId;
    yield page;
    if (rows.length < size) return;
  }
}

/** Some records of a release, by record id. */
export async function frozenRecordsOf(
  ctx: Ctx,
  releaseId: number,
  recordIds: number[],
): Promise<FrozenRecord[]> {
  const out: FrozenRecord[] = [];
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('release_records')
      .select(['record_id', 'external_id', 'content_hash', 'split', 'row_hash', 'snapshot'])
      .where('release_id', '=', releaseId)
      .where('record_id', 'in', recordIds.slice(i, i + 500))
      .orderBy('record_id')
      .execute();
    out.push(...rows.map(toFrozen));
  }
  return out;
}

/** Records per split. */
export async function splitCounts(ctx: Ctx, releaseId: number): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('release_records')
    .select(['split', (eb) => eb.fn.countAll<number>().as('n')])
    .where('release_id', '=', releaseId)
    .groupBy('split')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.split, Number(r.n)]));
}

export const releasesRepository = {
  begin: beginRelease,
  addRows: addFrozenRows,
  finish: finishRelease,
  find: findRelease,
  list: listReleases,
  keys: streamFrozenKeys,
  rows: streamFrozenRecords,
  rowsOf: frozenRecordsOf,
  splitCounts,
};
