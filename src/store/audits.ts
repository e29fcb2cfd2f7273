import type { Actor } from '../core/actor.js';
import { badInput, notFound } from '../core/errors.js';
import { type Ctx, inTransaction, now } from './context.js';
import { readJsonOrNull, writeJson } from './dialect.js';
import { appendEvent } from './events.js';

/** Stored audits and the factual audit's queue (migration 007, docs/audits.md). */

export type AuditStatus = 'open' | 'done';
export type AuditVerdict = 'correct' | 'incorrect' | 'unsure';

export interface NewAudit {
  datasetId: number;
  kind: string;
  releaseVersion: string | null;
  params: unknown;
  sample?: unknown;
  results?: unknown;
  status: AuditStatus;
  createdBy: Actor;
}

export interface StoredAudit {
  id: number;
  datasetId: number;
  kind: string;
  releaseVersion: string | null;
  params: unknown;
  sample: unknown;
  results: unknown;
  status: AuditStatus;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface AuditItem {
  recordId: number;
  stratum: string;
  position: number;
  verdict: AuditVerdict | null;
  note: string | null;
  wrongClaims: string[];
  auditor: string | null;
  at: number | null;
}

type AuditRowDb = {
  id: number;
  dataset_id: number;
  kind: string;
  release_version: string | null;
  params: unknown;
  sample: unknown;
  results: unknown;
  status: string;
  created_by: string;
  created_at: number;
  updated_at: number;
};

const toAudit = (r: AuditRowDb): StoredAudit => ({
  id: Number(r.id),
  datasetId: Number(r.dataset_id),
  kind: r.kind,
  releaseVersion: r.release_version,
  params: readJsonOrNull(r.params),
  sample: readJsonOrNull(r.sample),
  results: readJsonOrNull(r.results),
  status: r.status as AuditStatus,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/**
 * Stores an audit and, for a factual audit, its queue of sampled records, in one transaction:
 * either all of it is stored or nothing is.
 */
export async function createAudit(
  ctx: Ctx,
  audit: NewAudit,
  items: { recordId: number; stratum: string }[] = [],
): Promise<StoredAudit> {
  return inTransaction(ctx, async (tx) => {
    const t = now();
    const row = await tx.db
      .insertInto('audits')
      .values({
        dataset_id: audit.datasetId,
        kind: audit.kind,
        release_version: audit.releaseVersion,
        params: writeJson(audit.params),
        sample: audit.sample === undefined ? null : writeJson(audit.sample),
        results: audit.results === undefined ? null : writeJson(audit.results),
        status: audit.status,
        created_by: audit.createdBy,
        created_at: t,
        updated_at: t,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    for (let i = 0; i < items.length; i += 500)
      await tx.db
        .insertInto('audit_items')
        .values(
          items.slice(i, i + 500).map((it, k) => ({
            audit_id: id,
            record_id: it.recordId,
            stratum: it.stratum,
            position: i + k,
          })),
        )
        .execute();
    await appendEvent(tx, {
      actor: audit.createdBy,
      action: 'audit.create',
      entityType: 'dataset',
      entityId: audit.datasetId,
      datasetId: audit.datasetId,
      after: { audit: id, kind: audit.kind, release: audit.releaseVersion, items: items.length },
    });
    return getAudit(tx, id);
  });
}

export async function getAudit(ctx: Ctx, id: number): Promise<StoredAudit> {
  const r = await ctx.db.selectFrom('audits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('audit', id);
  return toAudit(r);
}

/** A dataset's audits (or every audit), newest first; optionally of some kinds only. */
export async function listAudits(
  ctx: Ctx,
  filter: { datasetId?: number; kinds?: string[]; limit?: number } = {},
): Promise<StoredAudit[]> {
  let q = ctx.db.selectFrom('audits').selectAll();
  if (filter.datasetId !== undefined) q = q.where('dataset_id', '=', filter.datasetId);
  if (filter.kinds?.length) q = q.where('kind', 'in', filter.kinds);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map(toAudit);
}

export async function setAuditResults(
  ctx: Ctx,
  id: number,
  results: unknown,
  status: AuditStatus,
): Promise<void> {
  await ctx.db
    .updateTable('audits')
    .set({ results: writeJson(results), status, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

type ItemRowDb = {
  record_id: number;
  stratum: string;
  position: number;
  verdict: string | null;
  note: string | null;
  wrong_claims: unknown;
  auditor: string | null;
  at: number | null;
};

const toItem = (r: ItemRowDb): AuditItem => ({
  recordId: Number(r.record_id),
  stratum: r.stratum,
  position: Number(r.position),
  verdict: r.verdict as AuditVerdict | null,
  note: r.note,
  wrongClaims: readJsonOrNull<string[]>(r.wrong_claims) ?? [],
  auditor: r.auditor,
  at: r.at === null ? null : Number(r.at),
});

/** A factual audit's queue in sample order. */
export async function auditItems(ctx: Ctx, auditId: number): Promise<AuditItem[]> {
  const rows = await ctx.db
    .selectFrom('audit_items')
    .select(['record_id', 'stratum', 'position', 'verdict', 'note', 'wrong_claims', 'auditor', 'at'])
    .where('audit_id', '=', auditId)
    .orderBy('position')
    .execute();
  return rows.map(toItem);
}

/** Records a verdict on a sampled record (a later verdict replaces an earlier one, and says who). */
export async function setVerdict(
  ctx: Ctx,
  auditId: number,
  recordId: number,
  v: { verdict: AuditVerdict; note: string | null; wrongClaims: string[]; auditor: Actor },
): Promise<AuditItem> {
  return inTransaction(ctx, async (tx) => {
    const audit = await getAudit(tx, auditId);
    const before = await tx.db
      .selectFrom('audit_items')
      .select(['record_id', 'stratum', 'position', 'verdict', 'note', 'wrong_claims', 'auditor', 'at'])
      .where('audit_id', '=', auditId)
      .where('record_id', '=', recordId)
      .executeTakeFirst();
    if (!before) throw badInput(`record ${recordId} is not in the sample of audit ${auditId}`);
    await tx.db
      .updateTable('audit_items')
      .set({
        verdict: v.verdict,
        note: v.note,
        wrong_claims: writeJson(v.wrongClaims),
        auditor: v.auditor,
        at: now(),
      })
      .where('audit_id', '=', auditId)
      .where('record_id', '=', recordId)
      .execute();
    await appendEvent(tx, {
      actor: v.auditor,
      action: 'audit.verdict',
      entityType: 'record',
      entityId: recordId,
      datasetId: audit.datasetId,
      before: before.verdict === null ? undefined : { verdict: before.verdict, note: before.note },
      after: { audit: auditId, verdict: v.verdict, note: v.note, wrongClaims: v.wrongClaims },
    });
    const after = await tx.db
      .selectFrom('audit_items')
      .select(['record_id', 'stratum', 'position', 'verdict', 'note', 'wrong_claims', 'auditor', 'at'])
      .where('audit_id', '=', auditId)
      .where('record_id', '=', recordId)
      .executeTakeFirstOrThrow();
    return toItem(after);
  });
}

export const auditsRepository = {
  create: createAudit,
  get: getAudit,
  list: listAudits,
  setResults: setAuditResults,
  items: auditItems,
  setVerdict,
};
