import { Fragment, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { DatasetDetail, NextRecord, Round } from '../api/types';
import { DatasetTitle } from '../components/DatasetTitle';
import { ErrorAlert } from '../components/ErrorAlert';
import { announce, announceError } from '../live';
import { datasetPath } from '../logic/routes';
import { Link } from '../router';
import { canReview, useSession } from '../session';
import { useTitle } from '../useTitle';
import type { ReviewViewProps } from './ReviewFrame';

type State =
  | { kind: 'loading' }
  | { kind: 'record'; next: NextRecord; seq: number }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

/** Sends a decision on the shown record, announces `done`, then shows the next record. */
export type Act = (send: (recordId: number) => Promise<unknown>, done: string) => void;

/**
 * A reviewers' queue page (review, second review): one record at a time from `/next?round=…`,
 * the page states (not allowed, loading, error, nothing left), and `act` to decide and move on.
 */
export function ReviewQueuePage(props: {
  dataset: string;
  round: Exclude<Round, 'annotate'>;
  /** What the page does, before the dataset's name ("Review"); the heading and the window's title. */
  title: string;
  loading: string;
  empty: string;
  /** Where to go from "nothing left", besides the progress page. */
  elsewhere: { to: 'review' | 'second'; label: string };
  render: (view: ReviewViewProps & { act: Act }) => ReactNode;
}) {
  const { dataset, round } = props;
  useTitle(`${props.title} ${dataset}`);
  const title = <DatasetTitle what={props.title} dataset={dataset} />;
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
    Promise.all([api.dataset(dataset), api.next(dataset, round)])
      .then(([d, next]) => {
        if (!live) return;
        setDetail(d.dataset);
        show(next);
      })
      .catch((e) => live && setState({ kind: 'error', message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [dataset, round, show, allowed]);

  const recordId = state.kind === 'record' ? state.next.record.id : null;
  const act = useCallback<Act>(
    (send, done) => {
      if (recordId === null) return;
      setBusy(true);
      send(recordId)
        .then(() => {
          announce(done);
          return api.next(dataset, round);
        })
        .then(show)
        .catch((e) => {
          setBusy(false);
          announceError(errorMessage(e));
        });
    },
    [recordId, dataset, round, show],
  );

  if (!allowed)
    return (
      <section>
        {title}
        <p role="alert">This needs the reviewer, admin or owner role.</p>
      </section>
    );
  if (state.kind === 'error')
    return (
      <section>
        {title}
        <ErrorAlert message={state.message} />
      </section>
    );
  if (state.kind === 'loading' || !detail)
    return (
      <section aria-busy="true">
        {title}
        <p className="muted">{props.loading}</p>
      </section>
    );
  if (state.kind === 'empty')
    return (
      <section data-testid="nothing-left" className="nothing-left">
        {title}
        <p>{props.empty}</p>
        <ul className="link-list">
          <li>
            <Link to={datasetPath(dataset, props.elsewhere.to)}>{props.elsewhere.label}</Link>
          </li>
          <li>
            <Link to={datasetPath(dataset, 'progress')}>See the progress</Link>
          </li>
        </ul>
      </section>
    );
  return (
    // A new key per record: the record's view starts fresh (its form, its timers).
    <Fragment key={`${state.next.record.id}:${state.seq}`}>
      {props.render({ next: state.next, settings: detail.settings, dataset, busy, act })}
    </Fragment>
  );
}
