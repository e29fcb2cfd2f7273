import type { AnnotatorQa } from '../api/types';
import { formatCount, formatDuration } from '../logic/format';
import { rateText } from '../logic/qa';

/**
 * Per annotator: accuracy on gold and agreement with the others' consensus, each with its interval;
 * flagged and paused annotators say so in words, not only in colour. Admins can resume a paused one.
 */
export function QaAnnotators({
  annotators,
  onResume,
  resuming,
}: {
  annotators: AnnotatorQa[];
  onResume: ((username: string) => void) | undefined;
  resuming: string | null;
}) {
  return (
    <section aria-labelledby="qa-annotators-heading">
      <h3 id="qa-annotators-heading">Annotators</h3>
      {annotators.length === 0 ? (
        <p className="muted">No answers yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">
              Accuracy on gold records and agreement with the consensus, per annotator, with 95% intervals
            </caption>
            <thead>
              <tr>
                <th scope="col">Annotator</th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col" className="num">
                  Discarded
                </th>
                <th scope="col" className="num">
                  Median time
                </th>
                <th scope="col">Accuracy on gold</th>
                <th scope="col">Agrees with consensus</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {annotators.map((a) => (
                <tr
                  key={a.username}
                  data-testid={`qa-annotator-${a.username}`}
                  className={a.gold?.flagged || a.paused ? 'flagged' : undefined}
                >
                  <th scope="row" dir="auto">
                    {a.username}
                  </th>
                  <td className="num">{formatCount(a.records)}</td>
                  <td className="num">{formatCount(a.discarded)}</td>
                  <td className="num">{formatDuration(a.medianTimeMs)}</td>
                  <td data-testid="qa-gold">
                    {a.gold ? rateText(a.gold.accuracy, a.gold.interval, a.gold.compared) : '—'}
                    {a.gold?.flagged && (
                      <>
                        {' '}
                        <span className="badge badge-disagree">Flagged: clearly below the bar</span>
                      </>
                    )}
                  </td>
                  <td data-testid="qa-consensus">
                    {rateText(a.consensus.rate, a.consensus.interval, a.consensus.compared)}
                  </td>
                  <td data-testid="qa-paused">
                    {a.paused ? (
                      <>
                        <span className="badge badge-disagree">Paused</span>{' '}
                        <span dir="auto">{a.paused}</span>
                        {onResume && (
                          <>
                            {' '}
                            <button
                              type="button"
                              onClick={() => onResume(a.username)}
                              disabled={resuming !== null}
                              aria-label={`Resume ${a.username}`}
                              data-testid={`qa-resume-${a.username}`}
                            >
                              {resuming === a.username ? 'Resuming…' : 'Resume'}
                            </button>
                          </>
                        )}
                      </>
                    ) : (
                      <span className="muted">working</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
