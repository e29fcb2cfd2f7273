import type { StoredAudit } from '../../store/audits.js';
import type { Store } from '../../store/store.js';
import type { FactualResults } from './factual-estimate.js';

/**
 * The release gate (`tandem release … --require-audit factual,representation`): for each kind asked
 * for, the newest audit of the dataset made at or after `since` (e.g. the newest record's update
 * time, so an audit older than the records it would vouch for does not count). A representation
 * audit passes by existing; a factual one must be complete, and rejected by no acceptance plan.
 */

export type GateCheck =
  | { kind: string; status: 'passed'; audit: number; at: number; summary: string }
  | { kind: string; status: 'missing'; reason: string }
  | { kind: string; status: 'failed'; audit: number; at: number; reason: string };

export interface GateResult {
  passed: boolean;
  checks: GateCheck[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function judge(kind: string, a: StoredAudit): GateCheck {
  if (kind !== 'factual')
    return { kind, status: 'passed', audit: a.id, at: a.createdAt, summary: `${kind} audit ${a.id}` };
  const r = a.results as FactualResults | null;
  if (a.status !== 'done' || !r)
    return {
      kind,
      status: 'failed',
      audit: a.id,
      at: a.createdAt,
      reason: `factual audit ${a.id} is not finished (${r?.pending ?? 'all'} records without a verdict)`,
    };
  if (r.plan?.decision === 'rejected')
    return {
      kind,
      status: 'failed',
      audit: a.id,
      at: a.createdAt,
      reason: `factual audit ${a.id}: rejected by ISO 2859-1 (${r.plan.nonconforming} incorrect, Re ${r.plan.reject})`,
    };
  const rate = r.errorRate
    ? `error rate ${pct(r.errorRate.estimate)} [${pct(r.errorRate.lo)}, ${pct(r.errorRate.hi)}]`
    : 'no estimate';
  return {
    kind,
    status: 'passed',
    audit: a.id,
    at: a.createdAt,
    summary: `factual audit ${a.id}: ${rate}${r.plan ? `, ${r.plan.decision} (AQL ${r.plan.aql})` : ''}`,
  };
}

export async function auditGate(
  store: Store,
  dataset: string,
  kinds: readonly string[],
  since: number,
  release?: string,
): Promise<GateResult> {
  const d = await store.datasets.get(dataset);
  const audits = await store.audits.list({ datasetId: d.id, kinds: [...kinds] });
  const checks = kinds.map((kind): GateCheck => {
    const fresh = audits.filter(
      (a) =>
        a.kind === kind &&
        a.createdAt >= since &&
        (release === undefined || a.releaseVersion === null || a.releaseVersion === release),
    );
    if (fresh.length === 0) {
      const older = audits.find((a) => a.kind === kind);
      return {
        kind,
        status: 'missing',
        reason: older
          ? `the newest ${kind} audit (${older.id}, ${new Date(older.createdAt).toISOString()}) is older than the records (${new Date(since).toISOString()})`
          : `dataset '${dataset}' has no ${kind} audit`,
      };
    }
    // The newest finished one passes if any does; else report the newest.
    const verdicts = fresh.map((a) => judge(kind, a));
    return verdicts.find((v) => v.status === 'passed') ?? verdicts[0]!;
  });
  return { passed: checks.every((c) => c.status === 'passed'), checks };
}
