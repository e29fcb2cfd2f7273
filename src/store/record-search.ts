import { type Expression, type SqlBool, sql } from 'kysely';
import type { DatasetRecord, RecordStatus } from '../core/record.js';
import { adapterOf, type Ctx } from './context.js';
import type { RecordLens } from './datasets.js';
import { toRecord } from './records.js';
import { textMatches } from './search-index.js';

export interface RecordQuery {
  status?: RecordStatus[];
  /** Case-insensitive substring of any field's text. */
  text?: string;
  /** Metadata equalities; numbers compare as numbers. */
  metadata?: { key: string; value: string | number }[];
  /** Records with (or without) a failed result of this check. */
  check?: { name: string; failed: boolean };
  language?: string;
  /** `annotator`: a gold record is listed, and filtered, as one waiting for answers (`new`). */
  lens?: RecordLens;
  /** Keyset cursor: records after this id (the "next page" of a list being read through). */
  after?: number;
  /** Or skip this many matching records: jump straight to page N (offset (N−1)·limit). */
  offset?: number;
  limit: number;
}

export interface RecordPage {
  records: DatasetRecord[];
  next: number | null;
  total: number;
  /** How many matching records come before this page's first (its 0-based position). */
  offset: number;
}

/**
 * One page of a dataset's records that match every filter, in id order, with the total that match.
 * Text search matches the fields' string and number values (case-insensitive for ASCII on SQLite,
 * for every script on PostgreSQL) through the search index of migration 008: a trigram index on
 * both stores, plus a scan of the records the background indexer has not reached yet.
 */
export async function searchRecords(ctx: Ctx, datasetId: number, q: RecordQuery): Promise<RecordPage> {
  const sqlOf = adapterOf(ctx);
  const filters: Expression<SqlBool>[] = [sql<SqlBool>`r.dataset_id = ${datasetId}`];
  const status =
    q.lens === 'annotator'
      ? sql`(CASE WHEN r.gold_values IS NULL THEN r.status ELSE 'new' END)`
      : sql`r.status`;
  if (q.status?.length) filters.push(sql<SqlBool>`${status} IN (${sql.join(q.status)})`);
  if (q.language) filters.push(sql<SqlBool>`r.language = ${q.language}`);
  if (q.text) filters.push(textMatches(ctx, datasetId, q.text));
  for (const m of q.metadata ?? []) filters.push(sqlOf.jsonKeyEquals('r.metadata', m.key, m.value));
  if (q.check) {
    const failed = sql`EXISTS (SELECT 1 FROM check_results c WHERE c.record_id = r.id AND c."check" = ${q.check.name} AND c.passed = 0)`;
    filters.push(q.check.failed ? sql<SqlBool>`${failed}` : sql<SqlBool>`NOT ${failed}`);
  }
  const where = sql.join(filters, sql` AND `);
  const count = async (extra: Expression<SqlBool>) =>
    Number(
      (
        await sql<{ n: number }>`SELECT count(*) AS n FROM records r WHERE ${where} AND ${extra}`.execute(
          ctx.db,
        )
      ).rows[0]?.n ?? 0,
    );
  const total = await count(sql<SqlBool>`1 = 1`);
  const after = q.after ?? 0;
  // A page by position reads past `offset` matching rows (the index on (dataset_id, id) keeps that
  // cheap for the pages people jump to); a cursor page counts the rows before it to say where it is.
  const offset = q.offset ?? (after > 0 ? await count(sql<SqlBool>`r.id <= ${after}`) : 0);
  const rows = await sql<Parameters<typeof toRecord>[0]>`
    SELECT r.* FROM records r WHERE ${where} AND r.id > ${after} ORDER BY r.id
    LIMIT ${q.limit + 1} OFFSET ${q.offset ?? 0}`.execute(ctx.db);
  const page = rows.rows.slice(0, q.limit).map(toRecord);
  return {
    records: page,
    next: rows.rows.length > q.limit ? page[page.length - 1]!.id : null,
    total,
    offset,
  };
}
