import { lazy, Suspense, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Progress } from '../api/types';
import { formatTime } from '../components/Comments';
import { DatasetTitle } from '../components/DatasetTitle';
import { DataTable } from '../components/DataTable';
import { LoadStatus } from '../components/LoadStatus';
import { StatList } from '../components/StatList';
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
      <DatasetTitle what="Progress of" dataset={dataset} />
      <LoadStatus error={error} loaded={!!progress} />
      {progress && (
        <>
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">Totals</h2>
            <StatList
              testId="progress-totals"
              stats={[
                { label: 'Records', value: formatCount(progress.total) },
                ...STATUSES.map((s) => ({
                  label: STATUS_LABEL[s],
                  value: formatCount(progress.byStatus[s]),
                })),
                { label: 'Responses per record', value: progress.responsesPerRecord },
                {
                  label: 'Remaining responses',
                  value: formatCount(progress.remainingResponses),
                  testId: 'remaining-responses',
                },
                {
                  label: 'Awaiting review',
                  value: formatCount(progress.awaitingReview),
                  testId: 'awaiting-review',
                },
              ]}
            />
          </section>
          <section aria-labelledby="annotators-heading">
            <h2 id="annotators-heading">Annotators</h2>
            {progress.annotators.length === 0 ? (
              <p className="muted">No responses yet.</p>
            ) : (
              <DataTable
                caption="Work per annotator"
                testId="progress-table"
                rows={progress.annotators}
                rowKey={(a) => a.username}
                columns={[
                  { header: 'Annotator', cell: (a) => a.username },
                  { header: 'Submitted', num: true, cell: (a) => formatCount(a.submitted) },
                  { header: 'Discarded', num: true, cell: (a) => formatCount(a.discarded) },
                  { header: 'Drafts', num: true, cell: (a) => formatCount(a.drafts) },
                  { header: 'Skipped', num: true, cell: (a) => formatCount(a.skipped) },
                  { header: 'Median time', num: true, cell: (a) => formatDuration(a.medianTimeMs) },
                  { header: 'Mean time', num: true, cell: (a) => formatDuration(a.meanTimeMs) },
                  { header: 'Last activity', cell: (a) => formatTime(a.lastAt) },
                ]}
              />
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
