import type { RecordView } from '../api/types';
import { excerpt } from '../logic/format';

const show = (v: unknown) => excerpt(typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)), 300);

/** A record's metadata and check results, folded away by default. */
export function RecordMeta({ record }: { record: RecordView }) {
  const meta = Object.entries(record.metadata ?? {});
  const failing = record.checks.filter((c) => !c.passed);
  return (
    <div className="record-meta">
      {failing.length > 0 && (
        <p className="checks">
          <span className="sub-label">Failed checks:</span>{' '}
          {failing.map((c) => (
            <span key={c.check} className="badge badge-warn" title={c.details ? show(c.details) : undefined}>
              {c.check}
              {c.score !== null && ` ${c.score.toFixed(2)}`}
            </span>
          ))}
        </p>
      )}
      {meta.length > 0 && (
        <details>
          <summary>Metadata ({meta.length})</summary>
          <dl className="meta-list">
            {meta.map(([k, v]) => (
              <div key={k}>
                <dt dir="auto">{k}</dt>
                <dd dir="auto">{show(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}
