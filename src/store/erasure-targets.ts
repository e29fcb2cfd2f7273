import { type Expression, type SqlBool, sql } from 'kysely';
import type { AffectedRelease, ErasureCounts, ErasureSelector } from '../core/erasure.js';
import { needlesOf } from '../core/erasure.js';
import type { Provenance, RecordStatus } from '../core/record.js';
import { adapterOf, type Ctx } from './context.js';
import { readJson, readJsonOrNull } from './dialect.js';

/**
 * What an erasure touches: the records a selector picks, the strings taken from them to find copies
 * elsewhere (the model response cache, dataset events, jobs), and how many rows each place holds.
 * The same predicates serve the preview (counts) and the erasure itself (writes), so what is shown
 * before confirmation is what is erased.
 */

/** Ids per IN list: well under SQLite's and PostgreSQL's parameter limits. */
export const CHUNK = 500;

export function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A LIKE pattern for a string as it appears inside stored JSON text (escaped as JSON escapes it). */
export function jsonLikePattern(text: string): string {
  // Long values: their first 2,000 characters find the same rows, under SQLite's pattern limit.
  const escaped = JSON.stringify(text.slice(0, 2000)).slice(1, -1);
  return `%${escaped.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A case-insensitive substring test of a column's text (a JSON column as its JSON text): LIKE on
 * SQLite (folds ASCII letters only), ILIKE on PostgreSQL. A full scan: erasure is rare, and must not
 * depend on an index being current.
 */
function textContains(ctx: Ctx, column: string, pattern: string): Expression<SqlBool> {
  return adapterOf(ctx).name === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)}::text ILIKE ${pattern} ESCAPE '\\'`
    : sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}

/** Any of the needles inside the column's text (JSON or plain text). */
export function containsAny(ctx: Ctx, column: string, needles: string[]): Expression<SqlBool> {
  if (needles.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    needles.map((n) => textContains(ctx, column, jsonLikePattern(n))),
    sql` OR `,
  )})`;
}

export interface TargetRecord {
  id: number;
  status: RecordStatus;
}

/** Records of the dataset the selector picks, erased ones included (the caller decides about them). */
export async function selectTargets(
  ctx: Ctx,
  datasetId: number,
  selector: ErasureSelector,
): Promise<TargetRecord[]> {
  const a = adapterOf(ctx);
  let where: Expression<SqlBool>;
  switch (selector.kind) {
    case 'record':
      if (selector.recordIds.length === 0) return [];
      where = sql<SqlBool>`r.id IN (${sql.join(selector.recordIds)})`;
      break;
    case 'where': {
      if (selector.in === 'external_id') {
        where = sql<SqlBool>`r.external_id = ${selector.value}`;
        break;
      }
      const column = selector.in === 'fields' ? 'r.fields' : 'r.metadata';
      const n = Number(selector.value);
      const asText = a.jsonKeyEquals(column, selector.field, selector.value);
      where =
        selector.value.trim() !== '' && Number.isFinite(n)
          ? sql<SqlBool>`(${asText} OR ${a.jsonKeyEquals(column, selector.field, n)})`
          : asText;
      break;
    }
    case 'match': {
      const p = jsonLikePattern(selector.text);
      const plain = `%${selector.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where = sql<SqlBool>`(${sql.join(
        [
          textContains(ctx, 'r.fields', p),
          textContains(ctx, 'r.metadata', p),
          sql<SqlBool>`(r.final_values IS NOT NULL AND ${textContains(ctx, 'r.final_values', p)})`,
          sql<SqlBool>`EXISTS (SELECT 1 FROM responses x WHERE x.record_id = r.id AND ${textContains(ctx, 'x.values', p)})`,
          sql<SqlBool>`EXISTS (SELECT 1 FROM suggestions x WHERE x.record_id = r.id AND ${textContains(ctx, 'x.value', p)})`,
          sql<SqlBool>`EXISTS (SELECT 1 FROM comments x WHERE x.record_id = r.id AND ${textContains(ctx, 'x.body', plain)})`,
        ],
        sql` OR `,
      )})`;
      break;
    }
  }
  const rows = await sql<{ id: number; status: string }>`
    SELECT r.id, r.status FROM records r WHERE r.dataset_id = ${datasetId} AND ${where} ORDER BY r.id`.execute(
    ctx.db,
  );
  return rows.rows.map((r) => ({ id: Number(r.id), status: r.status as RecordStatus }));
}

/** What the erasure of these records reaches beyond their own rows. */
export interface Reach {
  responseIds: number[];
  /** Model response cache keys named in the records' provenance (their prompt hashes). */
  cacheKeys: string[];
  /** Strings to look for in the cache, the dataset's events and jobs (never stored). */
  needles: string[];
}

/** At most this many strings are looked for: each is a LIKE over the cache, events and jobs. */
const MAX_NEEDLES = 200;

export async function reachOf(ctx: Ctx, recordIds: number[], matchText?: string): Promise<Reach> {
  const responseIds: number[] = [];
  const cacheKeys = new Set<string>();
  const found = new Set<string>();
  for (const ids of chunks(recordIds)) {
    const records = await ctx.db
      .selectFrom('records')
      .select(['fields', 'metadata', 'final_values', 'provenance'])
      .where('id', 'in', ids)
      .execute();
    for (const r of records) {
      needlesOf(readJson(r.fields), found);
      needlesOf(readJson(r.metadata), found);
      const finals = readJsonOrNull<Record<string, { value: unknown }>>(r.final_values);
      for (const f of Object.values(finals ?? {})) needlesOf(f?.value, found);
      const p = readJson<Provenance>(r.provenance);
      if (p?.origin === 'synthetic') {
        if (p.promptHash) cacheKeys.add(p.promptHash);
        for (const c of p.calls ?? []) cacheKeys.add(c.promptHash);
      }
    }
    const responses = await ctx.db
      .selectFrom('responses')
      .select(['id', 'values'])
      .where('record_id', 'in', ids)
      .execute();
    for (const r of responses) {
      responseIds.push(Number(r.id));
      needlesOf(readJson(r.values), found);
    }
    const comments = await ctx.db
      .selectFrom('comments')
      .select('body')
      .where('record_id', 'in', ids)
      .execute();
    for (const c of comments) needlesOf(c.body, found);
  }
  // The text asked for first, then the longest: a long value's rows are the likeliest copies.
  const derived = [...found].sort((x, y) => y.length - x.length);
  const needles = [...new Set([...(matchText ? [matchText] : []), ...derived])].slice(0, MAX_NEEDLES);
  return { responseIds, cacheKeys: [...cacheKeys], needles };
}

/** Events that hold content of these records: theirs, their responses', and the dataset's that quote it. */
export function eventsWhere(
  ctx: Ctx,
  datasetId: number,
  recordIds: number[],
  reach: Reach,
): Expression<SqlBool> {
  const ids = (list: number[]) => (list.length ? sql.join(list.map(String)) : sql`NULL`);
  const parts: Expression<SqlBool>[] = [];
  for (const c of chunks(recordIds))
    parts.push(sql<SqlBool>`(entity_type = 'record' AND entity_id IN (${ids(c)}))`);
  for (const c of chunks(reach.responseIds))
    parts.push(sql<SqlBool>`(entity_type = 'response' AND entity_id IN (${ids(c)}))`);
  if (reach.needles.length)
    parts.push(
      sql<SqlBool>`(dataset_id = ${datasetId} AND ((before IS NOT NULL AND ${containsAny(ctx, 'before', reach.needles)}) OR (after IS NOT NULL AND ${containsAny(ctx, 'after', reach.needles)})))`,
    );
  // Events already scrubbed (both payloads null) are not counted again.
  return parts.length
    ? sql<SqlBool>`((${sql.join(parts, sql` OR `)}) AND (before IS NOT NULL OR after IS NOT NULL))`
    : sql<SqlBool>`1 = 0`;
}

export function cacheWhere(ctx: Ctx, reach: Reach): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  for (const c of chunks(reach.cacheKeys)) parts.push(sql<SqlBool>`key IN (${sql.join(c)})`);
  if (reach.needles.length) parts.push(containsAny(ctx, 'response', reach.needles));
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : sql<SqlBool>`1 = 0`;
}

export function jobsWhere(ctx: Ctx, reach: Reach): Expression<SqlBool> {
  if (!reach.needles.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${containsAny(ctx, 'payload', reach.needles)} OR (result IS NOT NULL AND ${containsAny(ctx, 'result', reach.needles)}))`;
}

type RecordTable =
  | 'responses'
  | 'suggestions'
  | 'check_results'
  | 'comments'
  | 'assignments'
  | 'release_records';

async function countByRecords(ctx: Ctx, table: RecordTable, recordIds: number[]): Promise<number> {
  let n = 0;
  for (const ids of chunks(recordIds)) {
    const r = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE record_id IN (${sql.join(ids)})`.execute(ctx.db);
    n += Number(r.rows[0]?.n ?? 0);
  }
  return n;
}

async function countWhere(ctx: Ctx, table: 'events' | 'llm_cache' | 'jobs', where: Expression<SqlBool>) {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(
    ctx.db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Rows each place holds for these records: the preview shown before an erasure. */
export async function countReach(
  ctx: Ctx,
  datasetId: number,
  recordIds: number[],
  reach: Reach,
): Promise<ErasureCounts> {
  return {
    records: recordIds.length,
    responses: await countByRecords(ctx, 'responses', recordIds),
    suggestions: await countByRecords(ctx, 'suggestions', recordIds),
    checkResults: await countByRecords(ctx, 'check_results', recordIds),
    comments: await countByRecords(ctx, 'comments', recordIds),
    assignments: await countByRecords(ctx, 'assignments', recordIds),
    events: await countWhere(ctx, 'events', eventsWhere(ctx, datasetId, recordIds, reach)),
    llmCache: await countWhere(ctx, 'llm_cache', cacheWhere(ctx, reach)),
    jobs: await countWhere(ctx, 'jobs', jobsWhere(ctx, reach)),
    releaseRecords: await countByRecords(ctx, 'release_records', recordIds),
  };
}

/** Releases holding any of these records. */
export async function releasesHolding(ctx: Ctx, recordIds: number[]): Promise<AffectedRelease[]> {
  const out = new Map<number, AffectedRelease>();
  for (const ids of chunks(recordIds)) {
    const rows = await ctx.db
      .selectFrom('releases as rel')
      .innerJoin('release_records as rr', 'rr.release_id', 'rel.id')
      .select(['rel.id', 'rel.version'])
      .where('rr.record_id', 'in', ids)
      .distinct()
      .execute();
    for (const r of rows) out.set(Number(r.id), { id: Number(r.id), version: r.version });
  }
  return [...out.values()].sort((x, y) => x.id - y.id);
}
