import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../components/Dialog';

/** Send the record back to (some of) its annotators with a comment saying what to fix. */
export function ReturnDialog({
  usernames,
  onConfirm,
  onClose,
}: {
  usernames: string[];
  onConfirm: (usernames: string[], comment: string) => void;
  onClose: () => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(usernames));
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const groupId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen.size) return setError('Choose at least one annotator.');
    if (!comment.trim()) return setError('Say what to change: the comment is required.');
    onConfirm(
      usernames.filter((u) => chosen.has(u)),
      comment.trim(),
    );
  };
  return (
    <Dialog title="Return to annotators" onClose={onClose} testId="return-dialog">
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend id={groupId}>Annotators</legend>
          {usernames.map((u) => (
            <label key={u} className="checkbox-option">
              <input
                type="checkbox"
                checked={chosen.has(u)}
                onChange={() => {
                  const next = new Set(chosen);
                  if (next.has(u)) next.delete(u);
                  else next.add(u);
                  setChosen(next);
                }}
              />
              <span dir="auto">{u}</span>
            </label>
          ))}
        </fieldset>
        <CommentField value={comment} onChange={setComment} autoFocus />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="primary">
            Return
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RejectDialog(props: { onConfirm: (comment: string) => void; onClose: () => void }) {
  return (
    <RequiredCommentDialog
      {...props}
      title="Reject this record"
      testId="reject-dialog"
      missing="Say why: the comment is required."
      confirm="Reject"
    />
  );
}

/** A second reviewer disputes an accepted record: what is wrong with it is required. */
export function DisagreeDialog(props: { onConfirm: (comment: string) => void; onClose: () => void }) {
  return (
    <RequiredCommentDialog
      {...props}
      title="Disagree with the final values"
      testId="disagree-dialog"
      intro="The record goes back to the review queue, first in line, with your comment."
      missing="Say what is wrong: the comment is required."
      confirm="Disagree"
      enterSends
    />
  );
}

/** A dialog that asks for a comment before a destructive decision, and refuses an empty one. */
function RequiredCommentDialog({
  title,
  testId,
  intro,
  missing,
  confirm,
  enterSends,
  onConfirm,
  onClose,
}: {
  title: string;
  testId: string;
  intro?: string;
  missing: string;
  confirm: string;
  enterSends?: boolean;
  onConfirm: (comment: string) => void;
  onClose: () => void;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return setError(missing);
    onConfirm(comment.trim());
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      {intro && <p>{intro}</p>}
      <form onSubmit={submit} noValidate>
        <CommentField value={comment} onChange={setComment} autoFocus enterSends={enterSends ?? false} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" className="danger">
            {confirm}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A required comment; Ctrl+Enter sends the form (with `enterSends`, Enter does and Shift+Enter breaks the line). */
function CommentField({
  value,
  onChange,
  autoFocus,
  enterSends = false,
}: {
  value: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
  enterSends?: boolean;
}) {
  const hintId = useId();
  return (
    <label>
      Comment (required)
      <textarea
        data-autofocus={autoFocus ? '' : undefined}
        required
        rows={3}
        dir="auto"
        value={value}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
          if (e.ctrlKey || e.metaKey || (enterSends && !e.shiftKey && !e.altKey)) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
      />
      <span id={hintId} className="hint">
        {enterSends ? 'Enter sends; Shift+Enter starts a new line.' : 'Ctrl+Enter sends.'}
      </span>
    </label>
  );
}
