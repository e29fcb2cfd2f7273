import { api } from '../api/client';
import { ReviewQueuePage } from '../review/ReviewQueuePage';
import { SecondReviewRecord } from '../review/SecondReviewRecord';

/** The second review: accepted records sampled for another reviewer, one at a time. */
export function SecondReviewPage({ dataset }: { dataset: string }) {
  return (
    <ReviewQueuePage
      dataset={dataset}
      round="second"
      title="Second review of"
      loading="Loading the next record…"
      empty="Nothing waiting for a second review."
      elsewhere={{ to: 'review', label: 'Review' }}
      render={({ act, ...view }) => (
        <SecondReviewRecord
          {...view}
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
