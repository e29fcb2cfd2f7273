import { sql } from 'kysely';
import type { RecordStatus } from '../core/record.js';
import type { Ctx } from './context.js';
import { readJson, readJsonOrNull } from './dialect.js';

/**
 * What audits read of a dataset: each record with its check verdicts, a page at a time in id order
 * (keyset pages, flat memory), and which records a release holds.
 */

export interface AuditCheck {
  check: string;
  passed: boolean;
  score: number | null;
  details: unknown;
}

/**
 * What audits read of a record's provenance: where it came from, and a synthetic record's sampler
 * values. Only these two are read from the stored provenance (by the database, not parsed here):
 * a synthetic record's provenance also lists every model call that made it.
 */
export type AuditProvenance =
  | { origin: 'synthetic'; samplerValues: Record<string, unknown> }
  | { origin: 'imported' | 'human' };

export interface AuditRow {
  id: number;
  externalId: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  provenance: AuditProvenance;
  language: string | null;
  status: RecordStatus;
  /** How much the record's answers disagreed (0 … 1), once its last answer arrived; else null. */
  disagreement: number | null;
  gold: boolean;
  checks: AuditCheck[];
}

const COLUMNS = [
  'id',
  'external_id',
  'fields',
  'metadata',
  'language',
  'status',
  'disagreement',
  sql<number>`CASE WHEN gold_values IS NULL THEN 0 ELSE 1 END`.as('gold'),
] as const;

function recordsOf(ctx: Ctx, datasetId: number) {
  const [origin, samplerValues] =
    ctx.dialect === 'sqlite'
      ? [
          sql<string>`json_extract(provenance, '$.origin')`,
          sql<unknown>`CASE WHEN json_extract(provenance, '$.origin') = 'synthetic' THEN json_extract(provenance, '$.samplerValues') END`,
        ]
      : [
          sql<string>`provenance ->> 'origin'`,
          sql<unknown>`CASE WHEN provenance ->> 'origin' = 'synthetic' THEN provenance -> 'samplerValues' END`,
        ];
  return ctx.db
    .selectFrom('records')
    .select([...COLUMNS, origin.as('origin'), samplerValues.as('sampler_values')])
    .where('dataset_id', '=', datasetId);
}
type Row = Awaited<ReturnType<ReturnType<typeof recordsOf>['execute']>>[number];

/** The rows with their verdicts, read by record-id range (`(record_id, check)` is indexed). */
async function withChecks(
  ctx: Ctx,
  rows: Row[],
  read: 'range' | 'ids',
  ids?: ReadonlySet<number>,
): Promise<AuditRow[]> {
  if (rows.length === 0) return [];
  let q = ctx.db.selectFrom('check_results').select(['record_id', 'check', 'passed', 'score', 'details']);
  // A page of consecutive records reads one range; scattered ones (a sample) read by id.
  if (read === 'range') q = q.where('record_id', '>=', rows[0]!.id).where('record_id', '<=', rows.at(-1)!.id);
  else
    q = q.where(
      'record_id',
      'in',
      rows.map((r) => r.id),
    );
  const checks = await q.execute();
  const byRecord = new Map<number, AuditCheck[]>();
  for (const c of checks) {
    const id = Number(c.record_id);
    let list = byRecord.get(id);
    if (!list) {
      list = [];
      byRecord.set(id, list);
    }
    list.push({
      check: c.check,
      passed: Number(c.passed) === 1,
      score: c.score === null ? null : Number(c.score),
      details: c.details === null ? null : readJson(c.details),
    });
  }
  const out: AuditRow[] = [];
  for (const r of rows) {
    if (ids && !ids.has(r.id)) continue;
    out.push({
      id: r.id,
      externalId: r.external_id,
      fields: readJson(r.fields),
      metadata: readJson(r.metadata),
      provenance:
        r.origin === 'synthetic'
          ? {
              origin: 'synthetic',
              samplerValues: readJsonOrNull<Record<string, unknown>>(r.sampler_values) ?? {},
            }
          : { origin: r.origin as 'imported' | 'human' },
      language: r.language,
      status: r.status as RecordStatus,
      disagreement: r.disagreement === null ? null : Number(r.disagreement),
      gold: Number(r.gold) === 1,
      checks: byRecord.get(r.id) ?? [],
    });
  }
  return out;
}

/**
 * Streams a dataset's records with their check results, `batchSize` records a page; with `ids`,
 * only those records (a release's).
 */
export async function* streamAuditRows(
  ctx: Ctx,
  datasetId: number,
  options: { batchSize?: number; ids?: ReadonlySet<number> } = {},
): AsyncGenerator<AuditRow[]> {
  // A page is live while it is tallied: at 5,000 records the young generation's collections kept
  // copying it (1M-record report: 12.9 s, 364 MB); at 1,000 they seldom meet it (10.0 s, 209 MB).
  const size = options.batchSize ?? 1000;
  let after = 0;
  for (;;) {
    const rows = await recordsOf(ctx, datasetId).where('id', '>', after).orderBy('id').limit(size).execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const page = await withChecks(ctx, rows, 'range', options.ids);
    if (page.length > 0) yield page;
    if (rows.length < size) return;
  }
}

/** The audit rows of these records of the dataset (a factual audit's sample), in the order given. */
export async function auditRowsOf(ctx: Ctx, datasetId: number, ids: number[]): Promise<AuditRow[]> {
  const found = new Map<number, AuditRow>();
  const sorted = [...ids].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 500) {
    const rows = await recordsOf(ctx, datasetId)
      .where('id', 'in', sorted.slice(i, i + 500))
      .execute();
    for (const r of await withChecks(ctx, rows, 'ids')) found.set(r.id, r);
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

/**
 * The ids of the records in a dataset's release `version`, or undefined when the store holds no
 * release records for it (releases are made by their own stage; an audit only reads them).
 */
export async function auditRecordIdsOfRelease(
  ctx: Ctx,
  datasetId: number,
  version: string,
): Promise<Set<number> | undefined> {
  const rows = await ctx.db
    .selectFrom('release_records')
    .innerJoin('releases', 'releases.id', 'release_records.release_id')
    .select('release_records.record_id')
    .where('releases.dataset_id', '=', datasetId)
    .where('releases.version', '=', version)
    .execute();
  return rows.length === 0 ? undefined : new Set(rows.map((r) => Number(r.record_id)));
}
