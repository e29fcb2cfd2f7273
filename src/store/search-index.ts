import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { adapterOf, type Ctx, inTransaction } from './context.js';

/**
 * The record search index (migration 008): documents for indexed records, and the pending list of
 * records whose document is missing or stale. Writers only add ids to the pending list (a trigger
 * does it); `indexPending` turns them into documents later, off the import's path.
 */

/** Records not yet searchable through the index, overall or in one dataset. */
export async function pendingCount(ctx: Ctx, datasetId?: number): Promise<number> {
  const q =
    datasetId === undefined
      ? sql<{ n: number }>`SELECT count(*) AS n FROM search_pending`
      : sql<{ n: number }>`SELECT count(*) AS n FROM search_pending p JOIN records r ON r.id = p.record_id
          WHERE r.dataset_id = ${datasetId}`;
  return Number((await q.execute(ctx.db)).rows[0]?.n ?? 0);
}

/**
 * Indexes up to `limit` pending records, oldest first, in one transaction; returns how many pending
 * ids it took (0: nothing left). On PostgreSQL several indexers share the list (SKIP LOCKED); an id
 * whose record was deleted meanwhile is simply dropped.
 */
export async function indexPending(ctx: Ctx, limit = 2_000): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const a = adapterOf(tx);
    if (a.name === 'postgres') {
      const taken = await sql<{ record_id: string }>`
        DELETE FROM search_pending WHERE record_id IN (
          SELECT record_id FROM search_pending ORDER BY record_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING record_id`.execute(tx.db);
      const ids = taken.rows.map((r) => Number(r.record_id));
      if (ids.length === 0) return 0;
      await sql`
        INSERT INTO record_search (record_id, dataset_id, doc)
        SELECT r.id, r.dataset_id, ${a.searchDocument('r.fields')} FROM records r WHERE r.id = ANY(${ids}::bigint[])
        ON CONFLICT (record_id) DO UPDATE SET dataset_id = EXCLUDED.dataset_id, doc = EXCLUDED.doc`.execute(
        tx.db,
      );
      return ids.length;
    }
    const taken = await sql<{ record_id: number }>`
      SELECT record_id FROM search_pending ORDER BY record_id LIMIT ${limit}`.execute(tx.db);
    const ids = taken.rows.map((r) => r.record_id);
    if (ids.length === 0) return 0;
    const first = ids[0]!;
    const last = ids[ids.length - 1]!;
    // A range over the pending list's own order: one statement per step, not one per id.
    const window = sql`(SELECT record_id FROM search_pending WHERE record_id BETWEEN ${first} AND ${last})`;
    await sql`DELETE FROM record_search WHERE rowid IN ${window}`.execute(tx.db);
    await sql`
      INSERT INTO record_search (rowid, doc, dataset_id)
      SELECT r.id, ${a.searchDocument('r.fields')}, r.dataset_id FROM records r WHERE r.id IN ${window}`.execute(
      tx.db,
    );
    await sql`DELETE FROM search_pending WHERE record_id BETWEEN ${first} AND ${last}`.execute(tx.db);
    return ids.length;
  });
}

/** A backlog this large changes the tables' sizes enough to plan searches on stale statistics. */
export const ANALYZE_AFTER = 10_000;

/**
 * Fresh statistics for search after a large backlog was indexed: the planner otherwise keeps
 * planning for a pending list that is gone and an index table it saw empty (a rare word took 134 ms
 * instead of a few). PostgreSQL only; SQLite's planner reads no such statistics here.
 */
export async function analyzeSearch(ctx: Ctx): Promise<void> {
  if (adapterOf(ctx).name !== 'postgres') return;
  await sql`ANALYZE search_pending`.execute(ctx.db);
  await sql`ANALYZE record_search`.execute(ctx.db);
  await sql`ANALYZE records`.execute(ctx.db);
}

/** Indexes every pending record; `onBatch` hears the running total. */
export async function indexAllPending(
  ctx: Ctx,
  options: { batch?: number; onBatch?: (indexed: number) => void } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await indexPending(ctx, options.batch);
    if (n === 0) {
      if (total >= ANALYZE_AFTER) await analyzeSearch(ctx);
      return total;
    }
    total += n;
    options.onBatch?.(total);
  }
}

/**
 * A filter on `r` (records) for a case-insensitive substring of any field's text: indexed records
 * through the index (unless their document is stale), pending ones by reading their fields. One
 * `IN` over a small set of ids, so the planner starts from the matches, not from the dataset.
 */
export function textMatches(ctx: Ctx, datasetId: number, text: string): RawBuilder<SqlBool> {
  const a = adapterOf(ctx);
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = a.name === 'postgres' ? sql`ILIKE` : sql`LIKE`;
  const fieldsText = a.name === 'postgres' ? sql`pr.fields::text` : sql`pr.fields`;
  // The stored JSON holds the text verbatim unless JSON escapes a character of the query: then it is
  // a cheap first test, and the document (built per record, costlier) decides.
  const verbatim = ![...text].some((c) => c === '"' || c === '\\' || c < ' ');
  const pendingMatch = verbatim
    ? sql`${fieldsText} ${like} ${pattern} ESCAPE '\\' AND ${a.searchDocument('pr.fields')} ${like} ${pattern} ESCAPE '\\'`
    : sql`${a.searchDocument('pr.fields')} ${like} ${pattern} ESCAPE '\\'`;
  // The scalar subquery is evaluated per pending id (an index lookup), whatever the statistics say:
  // right after the indexer empties the list, they may still describe it as large.
  return sql<SqlBool>`r.id IN (
    SELECT m.id FROM (${a.indexedMatches(datasetId, pattern, text)}) AS m
      WHERE NOT EXISTS (SELECT 1 FROM search_pending sp WHERE sp.record_id = m.id)
    UNION ALL
    SELECT sp.record_id FROM search_pending sp
      WHERE (SELECT ${pendingMatch} FROM records pr WHERE pr.id = sp.record_id AND pr.dataset_id = ${datasetId}))`;
}
