import type { QaReport } from '../api/types';
import { formatCount } from '../logic/format';
import { formatInterval, formatShare } from '../logic/qa';
import { datasetPath } from '../logic/routes';
import { Link } from '../router';

/** What the sampled second review says about accepted records: checked, disputed, estimated error rate. */
export function QaSecondReview({ dataset, summary }: { dataset: string; summary: QaReport['secondReview'] }) {
  return (
    <section aria-labelledby="qa-second-heading" data-testid="qa-second-review">
      <h3 id="qa-second-heading">Second review</h3>
      <dl className="totals">
        <div>
          <dt>Checked by a second reviewer</dt>
          <dd data-testid="second-reviewed">{formatCount(summary.reviewed)}</dd>
        </div>
        <div>
          <dt>Disputed</dt>
          <dd data-testid="second-disagreed">{formatCount(summary.disagreed)}</dd>
        </div>
        <div>
          <dt>Estimated error rate of accepted records</dt>
          <dd data-testid="second-error-rate">
            {summary.errorRate === null
              ? '—'
              : `${formatShare(summary.errorRate)} ${formatInterval(summary.interval, 'share')}`}
          </dd>
        </div>
      </dl>
      <p>
        <Link to={datasetPath(dataset, 'second')}>Open the second review</Link>
      </p>
    </section>
  );
}
