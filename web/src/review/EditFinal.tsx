import { useLayoutEffect, useMemo, useState } from 'react';
import type { DatasetSettings, RecordView, ResponseView, Values } from '../api/types';
import { Key } from '../components/Key';
import { isTypingTarget, ownsEnter, useShortcuts } from '../keyboard/useShortcuts';
import { announceError } from '../live';
import { initialAnswers, missingRequired, questionTitle, submittedValues } from '../logic/answers';
import { QuestionForm } from '../questions/QuestionForm';
import { useQuestionForm } from '../questions/useQuestionForm';

/**
 * The questions form, pre-filled with a response, to write the final version. Enter saves, Escape
 * cancels; in a text box Escape leaves it (so Enter saves rather than adds a line), Ctrl+Enter saves.
 */
export function EditFinal({
  settings,
  record,
  from,
  busy,
  onSave,
  onCancel,
}: {
  settings: DatasetSettings;
  record: RecordView;
  from: ResponseView | null;
  busy: boolean;
  onSave: (values: Values, comment: string) => void;
  onCancel: () => void;
}) {
  const initial = useMemo(
    () =>
      initialAnswers(settings, {
        ...record,
        suggestions: [],
        response: from ? { ...from, status: 'submitted' } : null,
      }),
    [settings, record, from],
  );
  const form = useQuestionForm(settings.questions, initial.values);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string[]>([]);

  const save = () => {
    const lacking = missingRequired(settings.questions, form.values);
    setMissing(lacking.map((q) => q.name));
    if (lacking[0]) {
      announceError(`Answer “${questionTitle(lacking[0])}” first (required).`);
      form.focusQuestion(settings.questions.indexOf(lacking[0]));
      return;
    }
    onSave(submittedValues(settings.questions, form.values), comment.trim());
  };

  // Opened with `e`: the keys go on into the form (its first question), not to <body>.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the editor opens
  useLayoutEffect(() => form.focusQuestion(0), []);

  useShortcuts((e) => {
    if (isTypingTarget(e.target)) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        save();
      } else if (e.key === 'Escape') {
        // Out of the text box, back to its question: Enter then saves, a second Escape cancels.
        e.preventDefault();
        form.focusQuestion(form.active);
      }
      return;
    }
    if (e.key === 'Enter' && !ownsEnter(e.target)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (form.handleKey(e)) e.preventDefault();
  }, !busy);

  return (
    <section className="edit-final" aria-labelledby="edit-final-heading" data-testid="edit-final">
      <h2 id="edit-final-heading">
        Final version
        {from ? (
          <>
            {' '}
            (from <span dir="auto">{from.username}</span>)
          </>
        ) : null}
      </h2>
      <QuestionForm settings={settings} record={record} form={form} inlineSpans missing={missing} />
      <label>
        Comment (optional)
        <textarea rows={2} dir="auto" value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="dialog-buttons">
        <button
          type="button"
          className="primary"
          onClick={save}
          disabled={busy}
          data-testid="review-save-edit"
        >
          Save final version <Key>Enter</Key>
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel <Key>Esc</Key>
        </button>
      </div>
    </section>
  );
}
