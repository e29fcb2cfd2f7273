import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { AuditCharts } from '../audits/AuditCharts';
import type { AuditSummary, AuditVerdict, Estimate, FactualResults, QueueEntry } from '../audits/types';
import { DatasetTitle } from '../components/DatasetTitle';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadStatus } from '../components/LoadStatus';
import { useTitle } from '../useTitle';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const est = (e: Estimate | null | undefined) => (e ? `${pct(e.estimate)} [${pct(e.lo)}, ${pct(e.hi)}]` : '–');

/**
 * A dataset's audits; each opens on its charts (the report's views), and a factual audit also on its
 * queue, where auditors mark sampled records. Record text is shown as text.
 */
export function AuditsPage({ dataset }: { dataset: string }) {
  useTitle(`Audits of ${dataset}`);
  const [audits, setAudits] = useState<AuditSummary[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .audits(dataset)
      .then((r) => setAudits(r.audits))
      .catch((e) => setError(errorMessage(e)));
  }, [dataset]);
  return (
    <section className="audits-page">
      <DatasetTitle what="Audits of" dataset={dataset} />
      <LoadStatus error={error} loaded={!!audits} />
      {audits && audits.length === 0 && (
        <p className="muted">No audits yet: run `tandem audit factual --dataset {dataset} --sample N`.</p>
      )}
      {audits && audits.length > 0 && (
        <table data-testid="audits-table">
          <thead>
            <tr>
              <th>Audit</th>
              <th>Kind</th>
              <th>Status</th>
              <th>Release</th>
              <th>By</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {audits.map((a) => (
              <tr key={a.id}>
                <td>
                  <button type="button" onClick={() => setOpen(a.id)} aria-pressed={open === a.id}>
                    Audit {a.id}
                  </button>
                </td>
                <td>{a.kind}</td>
                <td>{a.status}</td>
                <td>{a.release ?? '–'}</td>
                <td>{a.createdBy}</td>
                <td>{new Date(a.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== null && (
        <AuditView key={open} dataset={dataset} audit={audits?.find((a) => a.id === open) ?? null} />
      )}
    </section>
  );
}

function AuditView({ dataset, audit }: { dataset: string; audit: AuditSummary | null }) {
  // Bumped by each verdict, so the charts show the estimate it changed.
  const [version, setVersion] = useState(0);
  if (!audit) return null;
  return (
    <section aria-labelledby="audit-heading" data-testid="audit-view">
      <h2 id="audit-heading">
        Audit {audit.id}: {audit.kind}
      </h2>
      <AuditCharts key={version} dataset={dataset} audit={audit.id} version={version} />
      {audit.kind === 'factual' && (
        <FactualQueue dataset={dataset} audit={audit.id} onVerdict={() => setVersion((v) => v + 1)} />
      )}
    </section>
  );
}

function FactualQueue({
  dataset,
  audit,
  onVerdict,
}: {
  dataset: string;
  audit: number;
  onVerdict: () => void;
}) {
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [results, setResults] = useState<FactualResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [claims, setClaims] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api
      .auditQueue(dataset, audit)
      .then((q) => setEntries(q.entries))
      .catch((e) => setError(errorMessage(e)));
    api
      .audit(dataset, audit)
      .then((a) => setResults(a.results as FactualResults))
      .catch((e) => setError(errorMessage(e)));
  }, [dataset, audit]);
  const current = entries?.find((e) => e.verdict === null) ?? null;
  const mark = useCallback(
    async (verdict: AuditVerdict) => {
      if (!current) return;
      setBusy(true);
      try {
        const wrongClaims = claims
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean);
        const r = await api.auditVerdict(dataset, audit, current.recordId, {
          verdict,
          note: note || null,
          wrongClaims,
        });
        setResults(r.results);
        onVerdict();
        setEntries(
          (list) =>
            list?.map((e) => (e.recordId === current.recordId ? { ...e, ...r.item, record: e.record } : e)) ??
            null,
        );
        setNote('');
        setClaims('');
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [current, claims, note, dataset, audit, onVerdict],
  );
  return (
    <section aria-labelledby="queue-heading" data-testid="audit-queue">
      <h3 id="queue-heading">Queue of factual audit {audit}</h3>
      {error && <ErrorAlert message={error} />}
      {results && (
        <p data-testid="audit-estimate">
          {results.audited} of {results.sampled} audited, {results.incorrect} incorrect. Error rate{' '}
          {est(results.errorRate)}
          {results.ppi ? `; with the judge (PPI) ${est(results.ppi)}` : ''}
          {results.plan ? `; ISO 2859-1: ${results.plan.decision}` : ''}
        </p>
      )}
      {entries && !current && <p className="muted">Every sampled record has a verdict.</p>}
      {current && (
        <article aria-label="Record to audit">
          <p className="muted">
            Record {current.record?.externalId ?? current.recordId} · {current.stratum} ·{' '}
            {entries!.filter((e) => e.verdict !== null).length + 1} of {entries!.length}
          </p>
          {current.record &&
            Object.entries(current.record.fields).map(([name, value]) => (
              <div key={name}>
                <h3>{name}</h3>
                <pre className="audit-field">
                  {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
                </pre>
              </div>
            ))}
          <label>
            Note
            <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
          </label>
          <label>
            Wrong claims (one per line)
            <textarea value={claims} onChange={(e) => setClaims(e.target.value)} />
          </label>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => mark('correct')}>
              Correct
            </button>
            <button type="button" disabled={busy} onClick={() => mark('incorrect')}>
              Incorrect
            </button>
            <button type="button" disabled={busy} onClick={() => mark('unsure')}>
              Unsure
            </button>
          </div>
        </article>
      )}
    </section>
  );
}
