import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { LineageView } from '../api/types';
import { formatTime } from '../components/Comments';
import { DiffView } from '../components/DiffView';
import { LoadStatus } from '../components/LoadStatus';
import { diffParts, sourceLines } from '../logic/lineage';

/**
 * A record's lineage, read when the section is opened: source, checks, answers, the decision with
 * its corrections, how final values were reached, releases, and the tombstone of an erasure. What
 * an annotator may not see the server leaves out (null), and the panel says nothing of it.
 */
export function LineagePanel({ id, startOpen = false }: { id: number; startOpen?: boolean }) {
  const [open, setOpen] = useState(startOpen);
  const [lineage, setLineage] = useState<LineageView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setLineage(null);
    setError(null);
    if (!open) return;
    let live = true;
    api
      .lineage(id)
      .then((r) => live && setLineage(r.lineage))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id, open]);

  return (
    <details
      className="lineage"
      data-testid="lineage"
      open={startOpen}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Lineage</summary>
      {open && <LoadStatus error={error} loaded={!!lineage} />}
      {lineage && <LineageBody lineage={lineage} />}
    </details>
  );
}

function LineageBody({ lineage: l }: { lineage: LineageView }) {
  return (
    <div className="lineage-body">
      {l.erasure && (
        <p className="lineage-erased" role="note">
          Erased {formatTime(l.erasure.at)} by <span dir="auto">{l.erasure.actor}</span>:{' '}
          <span dir="auto">{l.erasure.reason}</span>
        </p>
      )}
      <h3>Source</h3>
      <ul>
        {sourceLines(l.source).map((line) => (
          <li key={line} dir="auto">
            {line}
          </li>
        ))}
      </ul>
      <h3>Checks</h3>
      {l.checks.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {l.checks.map((c) => (
            <li key={c.check}>
              {c.check}: {c.passed ? 'passed' : 'failed'}
              {c.score !== null && ` (${c.score})`}
            </li>
          ))}
        </ul>
      )}
      <h3>Answers</h3>
      {l.answers.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {l.answers.map((a) => (
            <li key={a.id}>
              <span dir="auto">{a.username}</span> · round {a.round} · {a.status}
            </li>
          ))}
        </ul>
      )}
      {l.decision && (
        <>
          <h3>Decision</h3>
          <p>
            {l.decision.status}
            {l.decision.decidedBy && (
              <>
                {' '}
                by <span dir="auto">{l.decision.decidedBy}</span>
              </>
            )}
            {l.decision.secondReview && ` · second review ${l.decision.secondReview}`}
          </p>
          {l.decision.aggregation.length > 0 && (
            <ul>
              {l.decision.aggregation.map((a) => (
                <li key={a.question}>
                  {a.question}: {a.method}
                  {a.confidence !== null && ` · confidence ${a.confidence.toFixed(2)}`}
                </li>
              ))}
            </ul>
          )}
          {l.decision.corrections.map((c) => (
            <div key={`${c.question}-${c.turn ?? ''}`}>
              <h4>
                Correction of {c.field}
                {c.turn !== undefined && `, turn ${c.turn + 1}`}
              </h4>
              <DiffView parts={diffParts(c.parts)} label={`Correction of ${c.field}`} />
            </div>
          ))}
        </>
      )}
      {l.releases && (
        <>
          <h3>Releases</h3>
          {l.releases.length === 0 ? (
            <p className="muted">In no release yet.</p>
          ) : (
            <ul>
              {l.releases.map((r) => (
                <li key={r.id}>
                  {r.version} · {r.split}
                  {r.supersededAt !== null &&
                    ` · superseded${r.supersededBy ? ` by ${r.supersededBy}` : ''} (${r.supersededReason ?? ''})`}
                  {r.erased && ' · erased from it'}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
