import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { Provenance, RecordStatus } from '../core/record.js';
import { type Ctx, rawSqlite } from './context.js';
import { readJson, readJsonOrNull } from './dialect.js';

/**
 * What making a release reads before it freezes anything: a light view of each candidate record
 * (no fields, no final values) to group, stratify, mix and gate, and the check results that say
 * which records are near-duplicates of which and which hold personal information.
 */

export interface CandidateRecord {
  id: number;
  externalId: string;
  status: RecordStatus;
  language: string | null;
  metadata: Record<string, unknown>;
  provenance: Provenance;
}

/** Candidates in id order, a page at a time (keyset), in the given statuses (all when empty). */
export async function* streamCandidates(
  ctx: Ctx,
  datasetId: number,
  statuses: RecordStatus[],
  batchSize = 5000,
): AsyncGenerator<CandidateRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await candidatePage(ctx, datasetId, statuses, after, batchSize);
    if (rows.length === 0) return;
    const page = new Array<CandidateRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      page[i] = {
        id: Number(r[0]),
        externalId: r[1],
        status: r[2] as RecordStatus,
        language: r[3],
        metadata: readJson(r[4]),
        provenance: readJson(r[5]),
      };
    }
    after = page[page.length - 1]!.id;
    yield page;
    if (rows.length < batchSize) return;
  }
}

type CandidateRow = [
  id: number | string,
  externalId: string,
  status: string,
  language: string | null,
  metadata: unknown,
  provenance: unknown,
];

const candidateStatements = new WeakMap<SqliteDatabase.Database, Map<number, SqliteDatabase.Statement>>();

/**
 * One page of candidates. On SQLite a prepared statement in raw (array) mode, as the release's own
 * pages: the planning pass reads every candidate of a million-record dataset, and the query
 * builder's compile per page and object per row were a tenth of a release's time.
 */
async function candidatePage(
  ctx: Ctx,
  datasetId: number,
  statuses: RecordStatus[],
  after: number,
  size: number,
): Promise<CandidateRow[]> {
  const raw = rawSqlite(ctx);
  if (raw) {
    let byCount = candidateStatements.get(raw);
    if (!byCount) {
      byCount = new Map();
      candidateStatements.set(raw, byCount);
    }
    let stmt = byCount.get(statuses.length);
    if (!stmt) {
      // As in streamRecords: filter rows read in id order rather than merge status ranges per page.
      const filter = statuses.length ? ` AND status || '' IN (${statuses.map(() => '?').join(', ')})` : '';
      stmt = raw
        .prepare(
          `SELECT id, external_id, status, language, metadata, provenance FROM records WHERE dataset_id = ? AND id > ?${filter} ORDER BY id LIMIT ?`,
        )
        .raw(true);
      byCount.set(statuses.length, stmt);
    }
    return stmt.all(datasetId, after, ...statuses, size) as CandidateRow[];
  }
  let q = ctx.db
    .selectFrom('records')
    .select(['id', 'external_id', 'status', 'language', 'metadata', 'provenance'])
    .where('dataset_id', '=', datasetId)
    .where('id', '>', after);
  // As in streamRecords: filter rows read in id order rather than merge status ranges per page.
  if (statuses.length > 0) q = q.where(sql<string>`status || ''`, 'in', statuses);
  const rows = await q.orderBy('id').limit(size).execute();
  return rows.map((r) => [r.id, r.external_id, r.status, r.language, r.metadata, r.provenance]);
}

export interface CheckVerdict {
  recordId: number;
  check: string;
  passed: boolean;
  details: unknown;
}

/** The results of the named checks on these records. */
export async function verdictsOf(ctx: Ctx, recordIds: number[], checks: string[]): Promise<CheckVerdict[]> {
  const out: CheckVerdict[] = [];
  for (let i = 0; i < recordIds.length; i += 1000) {
    const rows = await ctx.db
      .selectFrom('check_results')
      .select(['record_id', 'check', 'passed', 'details'])
      .where('record_id', 'in', recordIds.slice(i, i + 1000))
      .where('check', 'in', checks)
      .execute();
    for (const r of rows)
      out.push({
        recordId: Number(r.record_id),
        check: r.check,
        passed: Number(r.passed) === 1,
        details: readJsonOrNull(r.details),
      });
  }
  return out;
}

/** Per check: how many of the dataset's records it ran on and how many failed. */
export async function checkTotals(
  ctx: Ctx,
  datasetId: number,
): Promise<{ check: string; records: number; failed: number }[]> {
  const rows = await ctx.db
    .selectFrom('check_results')
    .innerJoin('records', 'records.id', 'check_results.record_id')
    .select([
      'check_results.check as check',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>(sql`CASE WHEN check_results.passed = 0 THEN 1 ELSE 0 END`).as('failed'),
    ])
    .where('records.dataset_id', '=', datasetId)
    .groupBy('check_results.check')
    .orderBy('check_results.check')
    .execute();
  return rows.map((r) => ({ check: r.check, records: Number(r.n), failed: Number(r.failed ?? 0) }));
}

/** The reasons people gave on these records: reviewers' comments and response reasons, oldest first. */
export async function reasonsFor(
  ctx: Ctx,
  recordIds: number[],
): Promise<{ recordId: number; by: string; text: string; at: number }[]> {
  const out: { recordId: number; by: string; text: string; at: number }[] = [];
  for (let i = 0; i < recordIds.length; i += 500) {
    const ids = recordIds.slice(i, i + 500);
    const comments = await ctx.db
      .selectFrom('comments')
      .innerJoin('users', 'users.id', 'comments.user_id')
      .select(['comments.record_id', 'users.username', 'comments.body', 'comments.created_at'])
      .where('comments.record_id', 'in', ids)
      .execute();
    for (const c of comments)
      out.push({ recordId: Number(c.record_id), by: c.username, text: c.body, at: Number(c.created_at) });
    const reasons = await ctx.db
      .selectFrom('responses')
      .innerJoin('users', 'users.id', 'responses.user_id')
      .select(['responses.record_id', 'users.username', 'responses.reason', 'responses.updated_at'])
      .where('responses.record_id', 'in', ids)
      .where('responses.reason', 'is not', null)
      .execute();
    for (const r of reasons)
      if (r.reason)
        out.push({ recordId: Number(r.record_id), by: r.username, text: r.reason, at: Number(r.updated_at) });
  }
  return out.sort((a, b) => a.at - b.at || a.recordId - b.recordId);
}

/** Reasons recorded in record events (retirement, erasure, corrections) in a time window. */
export async function eventReasonsFor(
  ctx: Ctx,
  recordIds: number[],
  window: { after: number; until: number },
): Promise<{ recordId: number; by: string; text: string; at: number; action: string }[]> {
  const out: { recordId: number; by: string; text: string; at: number; action: string }[] = [];
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('events')
      .select(['entity_id', 'actor', 'action', 'at', 'after'])
      .where('entity_type', '=', 'record')
      .where(
        'entity_id',
        'in',
        recordIds.slice(i, i + 500).map((id) => String(id)),
      )
      .where('at', '>', window.after)
      .where('at', '<=', window.until)
      .execute();
    for (const r of rows) {
      const after = readJsonOrNull<{ reason?: unknown }>(r.after);
      if (after && typeof after.reason === 'string' && after.reason)
        out.push({
          recordId: Number(r.entity_id),
          by: r.actor,
          text: after.reason,
          at: Number(r.at),
          action: r.action,
        });
    }
  }
  return out;
}

export const releaseInputsRepository = {
  eventReasons: eventReasonsFor,
  candidates: streamCandidates,
  verdicts: verdictsOf,
  checkTotals,
  reasons: reasonsFor,
  newestChange,
};

/** When the newest of a dataset's records in these statuses last changed (0 when there is none). */
export async function newestChange(ctx: Ctx, datasetId: number, statuses: string[]): Promise<number> {
  const r = await ctx.db
    .selectFrom('records')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('dataset_id', '=', datasetId)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return Number(r?.at ?? 0);
}
