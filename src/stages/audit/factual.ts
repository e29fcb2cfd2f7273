import type { Actor } from '../../core/actor.js';
import { badInput } from '../../core/errors.js';
import type { AuditRow } from '../../store/audit-reads.js';
import type { AuditItem, AuditVerdict, StoredAudit } from '../../store/audits.js';
import type { Store } from '../../store/store.js';
import { type FactualResults, factualResults } from './factual-estimate.js';
import type { FactualSample } from './factual-sample.js';

/** The factual audit's queue: verdicts in, estimates refreshed and stored with each one. */

export const VERDICTS = ['correct', 'incorrect', 'unsure'] as const;

function factualOf(audit: StoredAudit): FactualSample {
  if (audit.kind !== 'factual' || !audit.sample)
    throw badInput(`audit ${audit.id} is a ${audit.kind} audit, not a factual one`);
  return audit.sample as FactualSample;
}

/** Recomputes a factual audit's estimates from its verdicts and stores them (done once none is pending). */
export async function refreshFactual(store: Store, auditId: number): Promise<FactualResults> {
  return store.transaction(async (tx) => {
    const audit = await tx.audits.get(auditId);
    const results = factualResults(factualOf(audit), await tx.audits.items(auditId));
    await tx.audits.setResults(auditId, results, results.pending === 0 ? 'done' : 'open');
    return results;
  });
}

export interface VerdictInput {
  verdict: AuditVerdict;
  note?: string | null;
  wrongClaims?: string[];
}

const MAX_NOTE = 4000;
const MAX_CLAIMS = 50;

/** An auditor's verdict on a sampled record; the audit's estimates are refreshed in the same transaction. */
export async function recordVerdict(
  store: Store,
  auditId: number,
  recordId: number,
  input: VerdictInput,
  auditor: Actor,
): Promise<{ item: AuditItem; results: FactualResults }> {
  if (!(VERDICTS as readonly string[]).includes(input.verdict))
    throw badInput(`verdict must be one of ${VERDICTS.join(', ')}, got '${input.verdict}'`);
  const note = input.note?.trim() ? input.note.trim().slice(0, MAX_NOTE) : null;
  const claims = (input.wrongClaims ?? [])
    .map((c) => c.trim().slice(0, 1000))
    .filter(Boolean)
    .slice(0, MAX_CLAIMS);
  return store.transaction(async (tx) => {
    factualOf(await tx.audits.get(auditId));
    const item = await tx.audits.setVerdict(auditId, recordId, {
      verdict: input.verdict,
      note,
      wrongClaims: input.verdict === 'incorrect' ? claims : [],
      auditor,
    });
    return { item, results: await refreshFactual(tx, auditId) };
  });
}

export interface QueueEntry extends AuditItem {
  record: Pick<AuditRow, 'id' | 'externalId' | 'fields' | 'metadata' | 'language' | 'status'> | null;
}

/** A factual audit's sampled records with their verdicts and content, in queue order. */
export async function factualQueue(
  store: Store,
  auditId: number,
): Promise<{ audit: StoredAudit; entries: QueueEntry[] }> {
  const audit = await store.audits.get(auditId);
  factualOf(audit);
  const items = await store.audits.items(auditId);
  const rows = new Map(
    (
      await store.auditReads.rowsOf(
        audit.datasetId,
        items.map((i) => i.recordId),
      )
    ).map((r) => [r.id, r]),
  );
  return {
    audit,
    entries: items.map((it) => {
      const r = rows.get(it.recordId);
      return {
        ...it,
        record: r
          ? {
              id: r.id,
              externalId: r.externalId,
              fields: r.fields,
              metadata: r.metadata,
              language: r.language,
              status: r.status,
            }
          : null,
      };
    }),
  };
}
