import { useId, useState } from 'react';
import type { DatasetSettings } from '../api/types';
import { questionTitle } from '../logic/answers';

export type BulkAction =
  | { kind: 'status'; status: 'accepted' | 'rejected' }
  | { kind: 'label'; question: string; value: string }
  | { kind: 'assign'; usernames: string[] };

/** What to do with the selected rows. Accept/reject need a reviewer; assigning needs an admin. */
export function BulkBar({
  count,
  settings,
  canDecide,
  canAssign,
  busy,
  onAction,
  onClear,
}: {
  count: number;
  settings: DatasetSettings;
  canDecide: boolean;
  canAssign: boolean;
  busy: boolean;
  onAction: (a: BulkAction) => void;
  onClear: () => void;
}) {
  const labelQuestions = settings.questions.flatMap((q) => (q.type === 'label' ? [q] : []));
  const [question, setQuestion] = useState(labelQuestions[0]?.name ?? '');
  const q = labelQuestions.find((x) => x.name === question);
  const [value, setValue] = useState('');
  const [users, setUsers] = useState('');
  const id = useId();
  const disabled = busy || count === 0;

  return (
    <fieldset className="bulk-bar">
      <legend className="visually-hidden">Bulk actions on the selected records</legend>
      <span className="bulk-count" aria-live="polite">
        {count} selected
      </span>
      {canDecide && (
        <>
          <button
            type="button"
            disabled={disabled}
            onClick={() => onAction({ kind: 'status', status: 'accepted' })}
          >
            Accept selected
          </button>
          <button
            type="button"
            className="danger"
            disabled={disabled}
            onClick={() => onAction({ kind: 'status', status: 'rejected' })}
          >
            Reject selected
          </button>
        </>
      )}
      {labelQuestions.length > 0 && (
        <span className="bulk-label">
          {labelQuestions.length > 1 && (
            <label htmlFor={`${id}-q`}>
              Question
              <select id={`${id}-q`} value={question} onChange={(e) => setQuestion(e.target.value)}>
                {labelQuestions.map((x) => (
                  <option key={x.name} value={x.name}>
                    {questionTitle(x)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label htmlFor={`${id}-v`}>
            {labelQuestions.length > 1 ? 'Label' : `Label (${questionTitle(labelQuestions[0]!)})`}
            <select id={`${id}-v`} value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">Choose…</option>
              {q?.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.text ?? o.value}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={disabled || !q || !value}
            onClick={() => q && value && onAction({ kind: 'label', question: q.name, value })}
          >
            Label selected
          </button>
        </span>
      )}
      {canAssign && (
        <span className="bulk-assign">
          <label htmlFor={`${id}-u`}>
            Assign to (user names, comma separated)
            <input id={`${id}-u`} value={users} onChange={(e) => setUsers(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={disabled || !users.trim()}
            onClick={() =>
              onAction({
                kind: 'assign',
                usernames: users
                  .split(',')
                  .map((u) => u.trim())
                  .filter(Boolean),
              })
            }
          >
            Assign selected
          </button>
        </span>
      )}
      <button type="button" className="link-button" disabled={count === 0} onClick={onClear}>
        Clear selection
      </button>
    </fieldset>
  );
}
