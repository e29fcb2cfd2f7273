import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { DatasetDetail, NextRecord, ReviewAction } from '../api/types';
import { announce, announceError } from '../live';
import { datasetPath } from '../logic/routes';
import { ReviewRecord } from '../review/ReviewRecord';
import { Link } from '../router';
import { canReview, useSession } from '../session';
import { useTitle } from '../useTitle';

type State =
  | { kind: 'loading' }
  | { kind: 'record'; next: NextRecord; seq: number }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

const DONE: Record<ReviewAction['action'], string> = {
  accept: 'Accepted',
  edit: 'Final version saved',
  return: 'Returned to annotators',
  reject: 'Rejected',
};

export function ReviewPage({ dataset }: { dataset: string }) {
  useTitle(`Review ${dataset}`);
  const { user } = useSession();
  const allowed = canReview(user.role);
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  const show = useCallback((next: NextRecord | null) => {
    setState(next ? { kind: 'record', next, seq: ++seq.current } : { kind: 'empty' });
    setBusy(false);
  }, []);

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    Promise.all([api.dataset(dataset), api.next(dataset, 'review')])
      .then(([d, next]) => {
        if (!live) return;
        setDetail(d.dataset);
        show(next);
      })
      .catch((e) => live && setState({ kind: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [dataset, show, allowed]);

  const onAction = useCallback(
    (action: ReviewAction) => {
      if (state.kind !== 'record') return;
      setBusy(true);
      api
        .review(state.next.record.id, action)
        .then(() => {
          announce(DONE[action.action]);
          return api.next(dataset, 'review');
        })
        .then(show)
        .catch((e) => {
          setBusy(false);
          announceError(errorMessage(e));
        });
    },
    [state, dataset, show],
  );

  const title = (
    <h1>
      Review <span dir="auto">{dataset}</span>
    </h1>
  );
  if (!allowed)
    return (
      <section>
        {title}
        <p role="alert">Reviewing needs the reviewer, admin or owner role.</p>
      </section>
    );
  if (state.kind === 'error')
    return (
      <section>
        {title}
        <p role="alert" className="error">
          {state.message}
        </p>
      </section>
    );
  if (state.kind === 'loading' || !detail)
    return (
      <section aria-busy="true">
        {title}
        <p className="muted">Loading the next record to review…</p>
      </section>
    );
  if (state.kind === 'empty')
    return (
      <section data-testid="nothing-left" className="nothing-left">
        {title}
        <p>Nothing left to review in this dataset.</p>
        <ul className="link-list">
          <li>
            <Link to={datasetPath(dataset, 'second')}>Second review of accepted records</Link>
          </li>
          <li>
            <Link to={datasetPath(dataset, 'progress')}>See the progress</Link>
          </li>
        </ul>
      </section>
    );
  return (
    <ReviewRecord
      key={`${state.next.record.id}:${state.seq}`}
      settings={detail.settings}
      next={state.next}
      dataset={dataset}
      busy={busy}
      onAction={onAction}
    />
  );
}
