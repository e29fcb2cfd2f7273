import type { QaReport } from '../api/types';
import { StatList } from '../components/StatList';
import { formatCount } from '../logic/format';
import { formatInterval, formatShare } from '../logic/qa';
import { datasetPath } from '../logic/routes';
import { Link } from '../router';

/** What the sampled second review says about accepted records: checked, disputed, estimated error rate. */
export function QaSecondReview({ dataset, summary }: { dataset: string; summary: QaReport['secondReview'] }) {
  return (
    <section aria-labelledby="qa-second-heading" data-testid="qa-second-review">
      <h3 id="qa-second-heading">Second review</h3>
      <StatList
        stats={[
          {
            label: 'Checked by a second reviewer',
            value: formatCount(summary.reviewed),
            testId: 'second-reviewed',
          },
          { label: 'Disputed', value: formatCount(summary.disagreed), testId: 'second-disagreed' },
          {
            label: 'Estimated error rate of accepted records',
            testId: 'second-error-rate',
            value:
              summary.errorRate === null
                ? '—'
                : `${formatShare(summary.errorRate)} ${formatInterval(summary.interval, 'share')}`,
          },
        ]}
      />
      <p>
        <Link to={datasetPath(dataset, 'second')}>Open the second review</Link>
      </p>
    </section>
  );
}
