import { useState } from 'react';
import type { SecondVerdict } from '../api/types';
import { Comments } from '../components/Comments';
import { Key } from '../components/Key';
import { ShortcutsDialog } from '../keyboard/ShortcutsDialog';
import { useKeyMap } from '../keyboard/useShortcuts';
import { FinalValues } from './FinalValues';
import { RequiredCommentDialog } from './RequiredCommentDialog';
import { ResponsesTable } from './ResponsesTable';
import { ReviewFrame, type ReviewViewProps } from './ReviewFrame';

/** An accepted record sampled for a second look: its fields, final values and answers; agree or disagree. */
export function SecondReviewRecord({
  onVerdict,
  ...view
}: ReviewViewProps & { onVerdict: (verdict: SecondVerdict) => void }) {
  const { settings, busy } = view;
  const { record } = view.next;
  const responses = record.responses ?? [];
  const [mode, setMode] = useState<'choose' | 'disagree' | 'help'>('choose');
  const back = () => setMode('choose');

  useKeyMap(
    {
      a: () => onVerdict({ verdict: 'agree' }),
      d: () => setMode('disagree'),
      '?': () => setMode('help'),
    },
    !busy && mode === 'choose',
  );

  return (
    <ReviewFrame
      {...view}
      title="Second review of"
      decisionLabel="Decision and answers"
      onHelp={() => setMode('help')}
      dialogs={
        <>
          {mode === 'disagree' && (
            <RequiredCommentDialog
              title="Disagree with the final values"
              testId="disagree-dialog"
              intro="The record goes back to the review queue, first in line, with your comment."
              missing="Say what is wrong: the comment is required."
              confirm="Disagree"
              danger
              enterSends
              onClose={back}
              onConfirm={(comment) => {
                back();
                onVerdict({ verdict: 'disagree', comment });
              }}
            />
          )}
          {mode === 'help' && <ShortcutsDialog mode="second" onClose={back} />}
        </>
      }
    >
      <FinalValues settings={settings} record={record} headingLevel={2} testId="second-final-values" />
      <div className="review-actions">
        <button
          type="button"
          className="primary"
          onClick={() => onVerdict({ verdict: 'agree' })}
          disabled={busy}
          aria-keyshortcuts="a"
          data-testid="second-agree"
        >
          Agree <Key>a</Key>
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setMode('disagree')}
          disabled={busy}
          aria-keyshortcuts="d"
          data-testid="second-disagree"
        >
          Disagree <Key>d</Key>
        </button>
      </div>
      <h2>Responses</h2>
      {responses.length === 0 ? (
        <p className="muted">No responses.</p>
      ) : (
        <ResponsesTable settings={settings} record={record} responses={responses} chosen={null} />
      )}
      <Comments comments={record.comments} />
    </ReviewFrame>
  );
}
