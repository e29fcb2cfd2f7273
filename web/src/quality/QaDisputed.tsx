import type { QaReport } from '../api/types';
import { datasetPath } from '../logic/routes';
import { Link } from '../router';
import { STATUS_LABEL } from '../status';

/** The records whose answers disagree most: the head of the reviewers' queue, each opening in the records page. */
export function QaDisputed({ dataset, disputed }: { dataset: string; disputed: QaReport['disputed'] }) {
  return (
    <section aria-labelledby="qa-disputed-heading" data-testid="qa-disputed">
      <h3 id="qa-disputed-heading">Most disputed records</h3>
      {disputed.length === 0 ? (
        <p className="muted">No record's answers disagree.</p>
      ) : (
        <ol className="disputed-list">
          {disputed.map((r) => (
            <li key={r.id} data-record-id={r.id}>
              <Link
                to={`${datasetPath(dataset, 'records')}?open=${r.id}`}
                aria-label={`Open record ${r.externalId}`}
              >
                <code dir="auto">{r.externalId}</code>
              </Link>{' '}
              <span className="muted">
                disagreement {r.disagreement.toFixed(2)} · {STATUS_LABEL[r.status] ?? r.status}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
