import { useState } from 'react';
import type { CommentView, ReviewAction, Values } from '../api/types';
import { Comments } from '../components/Comments';
import { Key } from '../components/Key';
import { RadioGroup } from '../components/RadioGroup';
import { ShortcutsDialog } from '../keyboard/ShortcutsDialog';
import { ownsEnter, useKeyMap } from '../keyboard/useShortcuts';
import { announceError } from '../live';
import { positionKey } from '../logic/keys';
import { EditFinal } from './EditFinal';
import { RequiredCommentDialog } from './RequiredCommentDialog';
import { ResponsesTable } from './ResponsesTable';
import { ReturnDialog } from './ReturnDialog';
import { ReviewFrame, type ReviewViewProps } from './ReviewFrame';

type Mode = 'choose' | 'edit' | 'return' | 'reject' | 'help';

/** One record to review: the fields, every response side by side, and the reviewer's decision. */
export function ReviewRecord({
  onAction,
  ...view
}: ReviewViewProps & { onAction: (action: ReviewAction) => void }) {
  const { settings, busy } = view;
  const { record } = view.next;
  const responses = record.responses ?? [];
  const submitted = responses.filter((r) => r.status === 'submitted');
  const [chosen, setChosen] = useState<number | null>(submitted[0]?.id ?? null);
  const [mode, setMode] = useState<Mode>('choose');
  const [comments, setComments] = useState<CommentView[]>(record.comments);
  const chosenResponse = responses.find((r) => r.id === chosen) ?? null;
  const usernames = [...new Set(responses.map((r) => r.username))];
  const back = () => setMode('choose');
  /** A dialog's decision: close it, then send. */
  const decide = (action: ReviewAction) => {
    back();
    onAction(action);
  };

  const accept = () => {
    if (chosenResponse?.status !== 'submitted') {
      announceError('Choose a submitted response to accept (keys 1–9).');
      return;
    }
    onAction({ action: 'accept', responseId: chosenResponse.id });
  };

  /** A focused button or link keeps its own Enter; anywhere else, Enter accepts. */
  const acceptOnEnter = (e: KeyboardEvent) => (ownsEnter(e.target) ? false : accept());

  useKeyMap(
    {
      // 1–9 choose a response, as the radio group shows next to each.
      ...Object.fromEntries(responses.slice(0, 9).map((r, i) => [String(i + 1), () => setChosen(r.id)])),
      Enter: acceptOnEnter,
      e: () => setMode('edit'),
      r: () => setMode('return'),
      x: () => setMode('reject'),
      '?': () => setMode('help'),
    },
    !busy && mode === 'choose',
  );

  return (
    <ReviewFrame
      {...view}
      title="Review"
      status={
        <span>
          {submitted.length} submitted of {responses.length} responses
        </span>
      }
      guidelines
      decisionLabel="Responses and decision"
      onHelp={() => setMode('help')}
      dialogs={
        <>
          {mode === 'return' && (
            <ReturnDialog
              usernames={usernames}
              onClose={back}
              onConfirm={(names, comment) => decide({ action: 'return', usernames: names, comment })}
            />
          )}
          {mode === 'reject' && (
            <RequiredCommentDialog
              title="Reject this record"
              testId="reject-dialog"
              missing="Say why: the comment is required."
              confirm="Reject"
              danger
              onClose={back}
              onConfirm={(comment) => decide({ action: 'reject', comment })}
            />
          )}
          {mode === 'help' && <ShortcutsDialog mode="review" onClose={back} />}
        </>
      }
    >
      <h2 id="responses-heading">Responses</h2>
      {responses.length === 0 ? (
        <p className="muted">No responses yet.</p>
      ) : (
        <>
          <span id="choose-label" className="sub-label">
            Chosen response
          </span>
          <RadioGroup
            labelledBy="choose-label"
            value={chosen ?? undefined}
            onChange={setChosen}
            items={responses.map((r, i) => ({
              value: r.id,
              label: `${r.username} (${r.status})`,
              shortcut: i < 9 ? positionKey(i) : undefined,
            }))}
          />
          <ResponsesTable settings={settings} record={record} responses={responses} chosen={chosen} />
        </>
      )}
      {mode === 'edit' ? (
        <EditFinal
          settings={settings}
          record={record}
          from={chosenResponse}
          busy={busy}
          onCancel={back}
          onSave={(values: Values, comment: string) =>
            onAction({ action: 'edit', values, ...(comment ? { comment } : {}) })
          }
        />
      ) : (
        <div className="review-actions">
          <button
            type="button"
            className="primary"
            onClick={accept}
            disabled={busy || !chosenResponse}
            data-testid="review-accept"
          >
            Accept {chosenResponse ? <span dir="auto">{chosenResponse.username}</span> : 'response'}
            <Key>Enter</Key>
          </button>
          <button type="button" onClick={() => setMode('edit')} disabled={busy} data-testid="review-edit">
            Edit final <Key>e</Key>
          </button>
          <button type="button" onClick={() => setMode('return')} disabled={busy} data-testid="review-return">
            Return <Key>r</Key>
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setMode('reject')}
            disabled={busy}
            data-testid="review-reject"
          >
            Reject <Key>x</Key>
          </button>
        </div>
      )}
      <Comments comments={comments} recordId={record.id} onAdded={(c) => setComments((cs) => [...cs, c])} />
    </ReviewFrame>
  );
}
