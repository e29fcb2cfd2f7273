import { api } from '../api/client';
import type { ReviewAction } from '../api/types';
import { ReviewQueuePage } from '../review/ReviewQueuePage';
import { ReviewRecord } from '../review/ReviewRecord';

const DONE: Record<ReviewAction['action'], string> = {
  accept: 'Accepted',
  edit: 'Final version saved',
  return: 'Returned to annotators',
  reject: 'Rejected',
};

export function ReviewPage({ dataset }: { dataset: string }) {
  return (
    <ReviewQueuePage
      dataset={dataset}
      round="review"
      title="Review"
      loading="Loading the next record to review…"
      empty="Nothing left to review in this dataset."
      elsewhere={{ to: 'second', label: 'Second review of accepted records' }}
      render={({ act, ...view }) => (
        <ReviewRecord
          {...view}
          onAction={(action) => act((id) => api.review(id, action), DONE[action.action])}
        />
      )}
    />
  );
}
