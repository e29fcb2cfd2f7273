import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { own } from '../../../src/core/own.js';
import type { DatasetSettings, NextRecord, Values } from '../api/types';
import { Comments } from '../components/Comments';
import { DatasetTitle } from '../components/DatasetTitle';
import { Guidelines } from '../components/Guidelines';
import { Key } from '../components/Key';
import { RecordIdLabel } from '../components/RecordIdLabel';
import { RecordMeta } from '../components/RecordMeta';
import { RecordFields } from '../fields/RecordFields';
import { ShortcutsDialog } from '../keyboard/ShortcutsDialog';
import { isTypingTarget, ownsEnter, useShortcuts } from '../keyboard/useShortcuts';
import { announceError } from '../live';
import { initialAnswers, missingRequired, questionTitle } from '../logic/answers';
import { QuestionForm } from '../questions/QuestionForm';
import { SpanText } from '../questions/SpanText';
import { useQuestionForm } from '../questions/useQuestionForm';
import { DiscardDialog } from './DiscardDialog';
import type { Tally } from './tally';
import { useDraftAutosave } from './useDraftAutosave';
import { useTimeSpent } from './useTimeSpent';

export interface FocusActions {
  /** Each resolves true when it went through (the page then shows the next record). */
  submit: (values: Values, timeSpentMs: number, startedAt: number) => Promise<boolean>;
  discard: (reason: string, timeSpentMs: number) => Promise<boolean>;
  skip: () => Promise<boolean>;
  draft: (values: Values, timeSpentMs: number) => Promise<boolean>;
  /** Called once the record is in the DOM (the page measures submit-to-next with it). */
  shown: () => void;
}

/** One record in the focus view: fields left, guidelines and questions right, keyboard first. */
export function FocusRecord({
  settings,
  next,
  dataset,
  tally,
  actions,
}: {
  settings: DatasetSettings;
  next: NextRecord;
  dataset: string;
  tally: Tally | null;
  actions: FocusActions;
}) {
  const { record } = next;
  const initial = useMemo(() => initialAnswers(settings, record), [settings, record]);
  const form = useQuestionForm(settings.questions, initial.values);
  const time = useTimeSpent();
  const [dialog, setDialog] = useState<'discard' | 'help' | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const lang = record.language ?? undefined;
  // Leaving (a submit, discard or skip under way) is drawn straight on the DOM: a React render of
  // the whole record here would hold up the requests that bring the next one.
  const root = useRef<HTMLDivElement>(null);
  const leaving = useRef(false);
  const leave = (on: boolean) => {
    leaving.current = on;
    root.current?.classList.toggle('leaving', on);
    root.current?.setAttribute('aria-busy', String(on));
  };
  /** After a failed submit or discard: stay on this record and keep its time. */
  const stayWith = (ms: number) => (ok: boolean) => {
    if (ok) return;
    leave(false);
    time.giveBack(ms);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when this record first renders
  useLayoutEffect(() => actions.shown(), []);

  const draft = useDraftAutosave(form.changes, () => {
    const ms = time.take();
    actions.draft(form.values, ms).then((ok) => ok || time.giveBack(ms));
  });

  const submit = (startedAt: number) => {
    if (leaving.current) return;
    const lacking = missingRequired(settings.questions, form.values);
    setMissing(lacking.map((q) => q.name));
    if (lacking.length) {
      const first = lacking[0]!;
      announceError(`Answer “${questionTitle(first)}” first (required).`);
      form.focusQuestion(settings.questions.indexOf(first));
      return;
    }
    draft.cancel();
    performance.mark('tandem:submit');
    const ms = time.take();
    leave(true);
    actions.submit(form.values, ms, startedAt).then(stayWith(ms));
  };

  const discard = (reason: string) => {
    setDialog(null);
    if (leaving.current) return;
    draft.cancel();
    const ms = time.take();
    leave(true);
    actions.discard(reason, ms).then(stayWith(ms));
  };

  const skip = () => {
    if (leaving.current) return;
    draft.cancel();
    leave(true);
    actions.skip().then((ok) => ok || leave(false));
  };

  useShortcuts((e) => {
    const startedAt = performance.now();
    if (leaving.current) return;
    if (isTypingTarget(e.target)) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit(startedAt);
      } else if (e.key === 'Escape' && (e.target as HTMLElement).closest('.question-form')) {
        e.preventDefault();
        form.focusQuestion(form.active);
      }
      return;
    }
    if (e.key === 'Enter') {
      if (ownsEnter(e.target) || e.shiftKey || e.altKey) return;
      e.preventDefault();
      submit(startedAt);
      return;
    }
    if (form.handleKey(e)) {
      e.preventDefault();
      setMissing([]);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Backspace') {
      e.preventDefault();
      setDialog('discard');
    } else if (e.key === 's' || e.key === 'S') {
      e.preventDefault();
      skip();
    } else if (e.key === '?') {
      e.preventDefault();
      setDialog('help');
    }
  }, dialog === null);

  const spanOverride = (fieldName: string) => {
    const text = own(record.fields, fieldName);
    const taggers = settings.questions.flatMap((q, i) =>
      q.type === 'span' && q.field === fieldName ? [{ q, i }] : [],
    );
    if (!taggers.length || typeof text !== 'string') return undefined;
    return taggers.map(({ q, i }) => (
      <SpanText
        key={q.name}
        question={q}
        text={text}
        value={own(form.values, q.name)}
        onChange={(v) => form.setValue(q.name, v)}
        lang={lang}
        label={`${questionTitle(q)}: text to tag`}
        onActivate={() => form.setActive(i)}
      />
    ));
  };

  return (
    <div ref={root} className="focus" data-testid="record" data-record-id={record.id}>
      <div className="focus-bar">
        <DatasetTitle what="Annotate" dataset={dataset} />
        <p className="focus-status">
          {tally && (
            <span data-testid="done-count">
              {tally.done} done of {tally.records} · {tally.remaining} answer
              {tally.remaining === 1 ? '' : 's'} still needed
            </span>
          )}
          <RecordIdLabel externalId={record.externalId} />
        </p>
        <div className="focus-buttons">
          <button type="button" onClick={() => setDialog('help')} aria-keyshortcuts="?">
            Shortcuts <Key>?</Key>
          </button>
          <button type="button" onClick={skip} aria-keyshortcuts="s" data-testid="skip">
            Skip <Key>s</Key>
          </button>
          <button
            type="button"
            onClick={() => setDialog('discard')}
            aria-keyshortcuts="Backspace"
            data-testid="discard"
          >
            Discard <Key>⌫</Key>
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => submit(performance.now())}
            aria-keyshortcuts="Enter"
            data-testid="submit"
          >
            Submit <Key>Enter</Key>
          </button>
        </div>
      </div>
      <div className="focus-layout">
        <section className="record-pane" aria-labelledby="record-heading">
          <h2 id="record-heading" className="visually-hidden">
            Record
          </h2>
          <RecordMeta record={record} />
          <RecordFields settings={settings} record={record} override={spanOverride} />
        </section>
        <section className="form-pane" aria-labelledby="questions-heading">
          <h2 id="questions-heading" className="visually-hidden">
            Questions
          </h2>
          <Guidelines source={settings.guidelines} />
          {record.comments.length > 0 && <Comments comments={record.comments} />}
          <QuestionForm
            settings={settings}
            record={record}
            form={form}
            suggested={initial.suggested}
            missing={missing}
          />
          <button type="button" className="primary wide" onClick={() => submit(performance.now())}>
            Submit
          </button>
        </section>
      </div>
      {dialog === 'discard' && <DiscardDialog onConfirm={discard} onClose={() => setDialog(null)} />}
      {dialog === 'help' && <ShortcutsDialog mode="annotate" onClose={() => setDialog(null)} />}
    </div>
  );
}
