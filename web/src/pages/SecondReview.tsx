import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { DatasetDetail, NextRecord, SecondVerdict } from '../api/types';
import { announce, announceError } from '../live';
import { datasetPath } from '../logic/routes';
import { SecondReviewRecord } from '../review/SecondReviewRecord';
import { Link } from '../router';
import { canReview, useSession } from '../session';
import { useTitle } from '../useTitle';

type State =
  | { kind: 'loading' }
  | { kind: 'record'; next: NextRecord; seq: number }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

/** The second review: accepted records sampled for another reviewer, one at a time. */
export function SecondReviewPage({ dataset }: { dataset: string }) {
  useTitle(`Second review of ${dataset}`);
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
    Promise.all([api.dataset(dataset), api.next(dataset, 'second')])
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

  const recordId = state.kind === 'record' ? state.next.record.id : null;
  const onVerdict = useCallback(
    (verdict: SecondVerdict) => {
      if (recordId === null) return;
      setBusy(true);
      api
        .secondReview(recordId, verdict)
        .then(() => {
          announce(verdict.verdict === 'agree' ? 'Agreed' : 'Disputed: back to the review queue');
          return api.next(dataset, 'second');
        })
        .then(show)
        .catch((e) => {
          setBusy(false);
          announceError(errorMessage(e));
        });
    },
    [recordId, dataset, show],
  );

  const title = (
    <h1>
      Second review of <span dir="auto">{dataset}</span>
    </h1>
  );
  if (!allowed)
    return (
      <section>
        {title}
        <p role="alert">The second review needs the reviewer, admin or owner role.</p>
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
        <p className="muted">Loading the next record…</p>
      </section>
    );
  if (state.kind === 'empty')
    return (
      <section data-testid="nothing-left" className="nothing-left">
        {title}
        <p>Nothing waiting for a second review.</p>
        <ul className="link-list">
          <li>
            <Link to={datasetPath(dataset, 'review')}>Review</Link>
          </li>
          <li>
            <Link to={datasetPath(dataset, 'progress')}>See the progress</Link>
          </li>
        </ul>
      </section>
    );
  return (
    <SecondReviewRecord
      key={`${state.next.record.id}:${state.seq}`}
      settings={detail.settings}
      next={state.next}
      dataset={dataset}
      busy={busy}
      onVerdict={onVerdict}
    />
  );
}
