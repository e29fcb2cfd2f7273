import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type FocusActions, FocusRecord } from '../annotate/FocusRecord';
import { type Answered, countAnswer, type Tally } from '../annotate/tally';
import { ApiError, api, errorMessage } from '../api/client';
import type { DatasetDetail, NextRecord, Values } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { announce, announceError } from '../live';
import { submittedValues } from '../logic/answers';
import { datasetPath } from '../logic/routes';
import { Link } from '../router';
import { useSession } from '../session';
import { useTitle } from '../useTitle';

type State =
  | { kind: 'loading' }
  | { kind: 'record'; next: NextRecord; seq: number }
  | { kind: 'empty' }
  /** Paused on this dataset for low accuracy on gold records: the server says why. */
  | { kind: 'paused'; message: string }
  | { kind: 'error'; message: string; retry?: boolean };

/** /next refuses a paused annotator with the code `paused` and a message meant for them. */
const pausedMessage = (e: unknown): string | null =>
  e instanceof ApiError && e.code === 'paused' ? e.message : null;

/**
 * The focus view. Submit, discard and skip each run as one promise chain: the POST, then GET /next,
 * then the next record on screen; `window.__tandemTimings` gets the keypress-to-render time.
 */
export function AnnotatePage({ dataset }: { dataset: string }) {
  useTitle(`Annotate ${dataset}`);
  const { user } = useSession();
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [tally, setTally] = useState<Tally | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const seq = useRef(0);
  const pendingStart = useRef<number | null>(null);

  const show = useCallback((next: NextRecord | null) => {
    if (next) setState({ kind: 'record', next, seq: ++seq.current });
    else setState({ kind: 'empty' });
  }, []);

  useEffect(() => {
    let live = true;
    // Both requests at once; /next's refusal counts as a pause only when the dataset loaded.
    const next = api.next(dataset).then(
      (record) => ({ record }),
      (error: unknown) => ({ error }),
    );
    api
      .dataset(dataset)
      .then(async (d) => {
        const r = await next;
        if (!live) return;
        setDetail(d.dataset);
        if ('record' in r) return show(r.record);
        const paused = pausedMessage(r.error);
        setState(
          paused ? { kind: 'paused', message: paused } : { kind: 'error', message: errorMessage(r.error) },
        );
      })
      .catch((e) => live && setState({ kind: 'error', message: errorMessage(e) }));
    api
      .progress(dataset)
      .then(
        (p) =>
          live &&
          setTally({
            done: p.annotators.find((a) => a.username === user.username)?.submitted ?? 0,
            records: p.total,
            remaining: p.remainingResponses,
          }),
      )
      .catch(() => live && setTally(null));
    return () => {
      live = false;
    };
  }, [dataset, show, user.username]);

  /**
   * Queue a write, then load the next record: false (and the error shown) when the write failed.
   * Nothing renders between the keypress and the next record, so the requests are not held up.
   */
  const advance = useCallback(
    (write: () => Promise<unknown>, doneMessage: string, startedAt: number | null, answered: Answered) => {
      let written = false;
      const run = queue.current
        .catch(() => undefined)
        .then(write)
        .then(() => {
          written = true;
          return api.next(dataset);
        })
        .then((next) => {
          pendingStart.current = startedAt;
          show(next);
          setTally((t) => t && countAnswer(t, answered));
          announce(doneMessage);
          return true;
        })
        .catch((e) => {
          const message = errorMessage(e);
          const paused = written ? pausedMessage(e) : null;
          // Saved, and that answer (on a gold record) paused them: no error, just why.
          if (paused) {
            setState({ kind: 'paused', message: paused });
            announce(`${doneMessage}. ${paused}`);
            return true;
          }
          announceError(message);
          // Saved, but the next record did not come: say so and offer to ask again.
          if (written)
            setState({
              kind: 'error',
              message: `${doneMessage}, but the next record did not load: ${message}`,
              retry: true,
            });
          // A lost lease or a record someone else finished: move on rather than get stuck.
          else if (e instanceof ApiError && (e.status === 404 || e.status === 409))
            api.next(dataset).then(show, () => undefined);
          return written;
        });
      queue.current = run;
      return run;
    },
    [dataset, show],
  );

  const recordId = state.kind === 'record' ? state.next.record.id : null;
  const questions = detail?.settings.questions;

  const actions = useMemo<FocusActions>(
    () => ({
      submit: (values: Values, timeSpentMs: number, startedAt: number) =>
        advance(
          () =>
            api.respond(recordId!, {
              values: submittedValues(questions ?? [], values),
              status: 'submitted',
              timeSpentMs,
            }),
          'Submitted',
          startedAt,
          'submitted',
        ),
      discard: (reason: string, timeSpentMs: number) =>
        advance(
          () =>
            api.respond(recordId!, {
              values: {},
              status: 'discarded',
              ...(reason ? { reason } : {}),
              timeSpentMs,
            }),
          'Discarded',
          null,
          'discarded',
        ),
      skip: () => advance(() => api.skip(recordId!), 'Skipped', null, null),
      draft: (values: Values, timeSpentMs: number) => {
        const id = recordId!;
        const run = queue.current
          .catch(() => undefined)
          .then(() => api.respond(id, { values, status: 'draft', timeSpentMs }))
          .then(
            () => true,
            (e) => {
              announceError(`Draft not saved: ${errorMessage(e)}`);
              return false;
            },
          );
        queue.current = run;
        return run;
      },
      shown: () => {
        const start = pendingStart.current;
        pendingStart.current = null;
        if (start === null) return;
        performance.mark('tandem:next-shown');
        window.__tandemTimings = window.__tandemTimings ?? [];
        window.__tandemTimings.push({ submitToNextMs: Math.round((performance.now() - start) * 10) / 10 });
      },
    }),
    [advance, recordId, questions],
  );

  const checkAgain = () =>
    api.next(dataset).then(
      (next) => {
        show(next);
        if (!next) announce('Still nothing to annotate');
      },
      (e) => {
        const paused = pausedMessage(e);
        if (paused) setState({ kind: 'paused', message: paused });
        else announceError(errorMessage(e));
      },
    );

  if (state.kind === 'error')
    return (
      <section>
        <h1>Annotate {dataset}</h1>
        <ErrorAlert message={state.message} />
        {state.retry && (
          <button type="button" onClick={checkAgain}>
            Load the next record
          </button>
        )}
      </section>
    );
  if (state.kind === 'paused')
    return (
      <section data-testid="paused" className="nothing-left">
        <h1>Annotate {dataset}</h1>
        <h2>No records for you here for now</h2>
        <p dir="auto" data-testid="paused-message">
          {state.message}
        </p>
        <p>Your answers so far are kept. Ask an admin to look at them with you and resume you.</p>
        <p>
          <Link to="/">Back to the datasets</Link>
        </p>
      </section>
    );
  if (state.kind === 'loading' || !detail)
    return (
      <section aria-busy="true">
        <h1>Annotate {dataset}</h1>
        <p className="muted">Loading the next record…</p>
      </section>
    );
  if (state.kind === 'empty')
    return (
      <section data-testid="nothing-left" className="nothing-left">
        <h1>Annotate {dataset}</h1>
        <p>Nothing left to annotate in this dataset.</p>
        <p className="muted">A record a reviewer sends back to you shows up here.</p>
        <p>
          <button type="button" onClick={checkAgain} data-testid="check-again">
            Check again
          </button>{' '}
          <Link to={datasetPath(dataset, 'progress')}>See the progress</Link>
        </p>
      </section>
    );
  return (
    <FocusRecord
      key={`${state.next.record.id}:${state.seq}`}
      settings={detail.settings}
      next={state.next}
      dataset={dataset}
      tally={tally}
      actions={actions}
    />
  );
}
