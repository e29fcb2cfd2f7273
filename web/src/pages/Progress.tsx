import { lazy, Suspense, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Progress } from '../api/types';
import { formatTime } from '../components/Comments';
import { formatCount, formatDuration } from '../logic/format';
import { QualitySection } from '../quality/QualitySection';
import { canReview, useSession } from '../session';
import { STATUS_LABEL, STATUSES } from '../status';
import { useTitle } from '../useTitle';

// The charts (and the chart library they load) are fetched only on this page, after the numbers.
const ProgressCharts = lazy(() => import('../progress/ProgressCharts'));

export function ProgressPage({ dataset }: { dataset: string }) {
  useTitle(`Progress of ${dataset}`);
  const { user } = useSession();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .progress(dataset)
      .then(setProgress)
      .catch((e) => setError(errorMessage(e)));
  }, [dataset]);

  return (
    <section className="progress-page">
      <h1>
        Progress of <span dir="auto">{dataset}</span>
      </h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!progress && !error && <p className="muted">Loading…</p>}
      {progress && (
        <>
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">Totals</h2>
            <dl className="totals" data-testid="progress-totals">
              <div>
                <dt>Records</dt>
                <dd>{formatCount(progress.total)}</dd>
              </div>
              {STATUSES.map((s) => (
                <div key={s}>
                  <dt>{STATUS_LABEL[s]}</dt>
                  <dd>{formatCount(progress.byStatus[s])}</dd>
                </div>
              ))}
              <div>
                <dt>Responses per record</dt>
                <dd>{progress.responsesPerRecord}</dd>
              </div>
              <div>
                <dt>Remaining responses</dt>
                <dd data-testid="remaining-responses">{formatCount(progress.remainingResponses)}</dd>
              </div>
              <div>
                <dt>Awaiting review</dt>
                <dd data-testid="awaiting-review">{formatCount(progress.awaitingReview)}</dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="annotators-heading">
            <h2 id="annotators-heading">Annotators</h2>
            {progress.annotators.length === 0 ? (
              <p className="muted">No responses yet.</p>
            ) : (
              <div className="table-wrap">
                <table className="data-table" data-testid="progress-table">
                  <caption className="visually-hidden">Work per annotator</caption>
                  <thead>
                    <tr>
                      <th scope="col">Annotator</th>
                      <th scope="col" className="num">
                        Submitted
                      </th>
                      <th scope="col" className="num">
                        Discarded
                      </th>
                      <th scope="col" className="num">
                        Drafts
                      </th>
                      <th scope="col" className="num">
                        Skipped
                      </th>
                      <th scope="col" className="num">
                        Median time
                      </th>
                      <th scope="col" className="num">
                        Mean time
                      </th>
                      <th scope="col">Last activity</th>
                    </tr>
                  </thead>
                  <tbody>
                    {progress.annotators.map((a) => (
                      <tr key={a.username}>
                        <th scope="row" dir="auto">
                          {a.username}
                        </th>
                        <td className="num">{formatCount(a.submitted)}</td>
                        <td className="num">{formatCount(a.discarded)}</td>
                        <td className="num">{formatCount(a.drafts)}</td>
                        <td className="num">{formatCount(a.skipped)}</td>
                        <td className="num">{formatDuration(a.medianTimeMs)}</td>
                        <td className="num">{formatDuration(a.meanTimeMs)}</td>
                        <td>{formatTime(a.lastAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {canReview(user.role) && <QualitySection dataset={dataset} />}
          <section aria-labelledby="charts-heading">
            <h2 id="charts-heading">Charts</h2>
            <p className="muted">The tables above hold the same numbers.</p>
            <Suspense fallback={<p className="muted">Loading charts…</p>}>
              <ProgressCharts progress={progress} />
            </Suspense>
          </section>
        </>
      )}
    </section>
  );
}
