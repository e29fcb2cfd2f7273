import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { QaReport } from '../api/types';
import { LoadStatus } from '../components/LoadStatus';
import { announce, announceError } from '../live';
import { formatCount } from '../logic/format';
import { isAdmin, useSession } from '../session';
import { QaAnnotators } from './QaAnnotators';
import { QaDisputed } from './QaDisputed';
import { QaQuestions } from './QaQuestions';
import { QaSecondReview } from './QaSecondReview';

/**
 * The dataset's quality report (GET /qa): agreement per question, annotators' accuracy on gold and
 * consensus, the most disputed records, the second review. Reviewers, admins and owners only —
 * the page does not render it for annotators, whom the server would refuse.
 */
export function QualitySection({ dataset }: { dataset: string }) {
  const { user } = useSession();
  const [report, setReport] = useState<QaReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resuming, setResuming] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api
        .qa(dataset)
        .then((r) => {
          setReport(r);
          setError(null);
        })
        .catch((e) => setError(errorMessage(e))),
    [dataset],
  );
  useEffect(() => {
    load();
  }, [load]);

  const resume = (username: string) => {
    setResuming(username);
    api
      .resume(dataset, [username])
      .then(() => {
        announce(`${username} may take records again`);
        return load();
      })
      .catch((e) => announceError(errorMessage(e)))
      .finally(() => setResuming(null));
  };

  return (
    <section aria-labelledby="quality-heading" data-testid="qa-section" className="quality">
      <h2 id="quality-heading">Quality</h2>
      <LoadStatus error={error} loaded={!!report} loading="Loading the quality report…" />
      {report && (
        <>
          <p className="muted">
            {formatCount(report.answered)} of {formatCount(report.records)} records answered. Intervals are
            95%; gold records count only towards accuracy on gold.
          </p>
          <QaQuestions questions={report.questions} />
          <QaAnnotators
            annotators={report.annotators}
            onResume={isAdmin(user.role) ? resume : undefined}
            resuming={resuming}
          />
          <QaDisputed dataset={dataset} disputed={report.disputed} />
          <QaSecondReview dataset={dataset} summary={report.secondReview} />
        </>
      )}
    </section>
  );
}
