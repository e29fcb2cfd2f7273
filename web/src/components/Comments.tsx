import { type FormEvent, useId, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { CommentView } from '../api/types';
import { announce } from '../live';
import { ErrorAlert } from './ErrorAlert';

export function formatTime(ms: number | null | undefined): string {
  if (!ms) return '—';
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleString();
}

/** A record's comments, oldest first; with `recordId`, also a box to add one. Written by people, not in the record's language necessarily, so no `lang`. */
export function Comments({
  comments,
  recordId,
  onAdded,
}: {
  comments: CommentView[];
  recordId?: number;
  onAdded?: (c: CommentView) => void;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const inputId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!recordId || !body.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { comment } = await api.comment(recordId, body.trim());
      setBody('');
      onAdded?.(comment);
      announce('Comment added');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!comments.length && !recordId) return null;
  return (
    <section className="comments" aria-labelledby={headingId} data-testid="comments">
      <h3 id={headingId}>Comments ({comments.length})</h3>
      {comments.length > 0 && (
        <ul className="comment-list">
          {comments.map((c) => (
            <li key={c.id} className="comment">
              <div className="comment-meta">
                <strong dir="auto">{c.username}</strong> · <time>{formatTime(c.createdAt)}</time>
              </div>
              <div className="text-block" dir="auto">
                {c.body.length > 20_000 ? `${c.body.slice(0, 20_000)}…` : c.body}
              </div>
            </li>
          ))}
        </ul>
      )}
      {recordId !== undefined && (
        <form onSubmit={submit} className="comment-form">
          <label htmlFor={inputId}>Add a comment</label>
          <textarea
            id={inputId}
            value={body}
            rows={2}
            dir="auto"
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <ErrorAlert message={error} />
          <button type="submit" disabled={busy || !body.trim()}>
            Add comment
          </button>
        </form>
      )}
    </section>
  );
}
