/** The audit API's answers as the app reads them (src/server/routes/audits.ts, docs/audits.md). */

export type AuditVerdict = 'correct' | 'incorrect' | 'unsure';

export interface AuditSummary {
  id: number;
  kind: string;
  status: 'open' | 'done';
  release: string | null;
  createdBy: string;
  createdAt: number;
}

export interface AuditList {
  audits: AuditSummary[];
}

export interface Estimate {
  estimate: number;
  lo: number;
  hi: number;
  confidence: number;
}

export interface FactualResults {
  kind: 'factual';
  sampled: number;
  audited: number;
  incorrect: number;
  unsure: number;
  pending: number;
  strata: {
    key: string;
    size: number;
    sampled: number;
    audited: number;
    incorrect: number;
    errorRate: Estimate | null;
  }[];
  errorRate: Estimate | null;
  ppi: (Estimate & { lambda: number }) | null;
  judge: { n: number; accuracy: Estimate | null } | null;
  plan: {
    aql: number;
    sampleSize: number;
    accept: number;
    reject: number;
    decision: string;
    nonconforming: number;
  } | null;
  notes: string[];
}

export interface AuditDetail extends AuditSummary {
  params: unknown;
  results: unknown;
}

/** An audit's charts, each an SVG image served at `…/audits/:id/charts/:index`. */
export interface AuditChartList {
  charts: { index: number; title: string }[];
}

export interface QueueEntry {
  recordId: number;
  stratum: string;
  verdict: AuditVerdict | null;
  note: string | null;
  wrongClaims: string[];
  auditor: string | null;
  record: { id: number; externalId: string; fields: Record<string, unknown>; language: string | null } | null;
}

export interface AuditQueue {
  audit: AuditSummary;
  entries: QueueEntry[];
}

export interface AuditVerdictBody {
  verdict: AuditVerdict;
  note?: string | null;
  wrongClaims?: string[];
}

export interface AuditVerdictResult {
  item: QueueEntry;
  results: FactualResults;
}
