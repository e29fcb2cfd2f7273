import { api } from '../api/client';
import type { ReviewAction } from '../api/types';
import { ReviewQueuePage } from '../review/ReviewQueuePage';
import { ReviewRecord } from '../review/ReviewRecord';
import { useTitle } from '../useTitle';

const DONE: Record<ReviewAction['action'], string> = {
  accept: 'Accepted',
  edit: 'Final version saved',
  return: 'Returned to annotators',
  reject: 'Rejected',
};

export function ReviewPage({ dataset }: { dataset: string }) {
  useTitle(`Review ${dataset}`);
  return (
    <ReviewQueuePage
      dataset={dataset}
      round="review"
      title={
        <h1>
          Review <span dir="auto">{dataset}</span>
        </h1>
      }
      loading="Loading the next record to review…"
      empty="Nothing left to review in this dataset."
      elsewhere={{ to: 'second', label: 'Second review of accepted records' }}
      render={({ next, settings, busy, act }) => (
        <ReviewRecord
          settings={settings}
          next={next}
          dataset={dataset}
          busy={busy}
          onAction={(action) => act((id) => api.review(id, action), DONE[action.action])}
        />
      )}
    />
  );
}
