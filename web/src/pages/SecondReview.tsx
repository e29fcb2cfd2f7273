import { api } from '../api/client';
import { ReviewQueuePage } from '../review/ReviewQueuePage';
import { SecondReviewRecord } from '../review/SecondReviewRecord';
import { useTitle } from '../useTitle';

/** The second review: accepted records sampled for another reviewer, one at a time. */
export function SecondReviewPage({ dataset }: { dataset: string }) {
  useTitle(`Second review of ${dataset}`);
  return (
    <ReviewQueuePage
      dataset={dataset}
      round="second"
      title={
        <h1>
          Second review of <span dir="auto">{dataset}</span>
        </h1>
      }
      loading="Loading the next record…"
      empty="Nothing waiting for a second review."
      elsewhere={{ to: 'review', label: 'Review' }}
      render={({ next, settings, busy, act }) => (
        <SecondReviewRecord
          settings={settings}
          next={next}
          dataset={dataset}
          busy={busy}
          onVerdict={(verdict) =>
            act(
              (id) => api.secondReview(id, verdict),
              verdict.verdict === 'agree' ? 'Agreed' : 'Disputed: back to the review queue',
            )
          }
        />
      )}
    />
  );
}
