import { useState } from 'react';
import type { DatasetSettings, NextRecord, SecondVerdict } from '../api/types';
import { Comments } from '../components/Comments';
import { Key } from '../components/Key';
import { ShortcutsDialog } from '../keyboard/ShortcutsDialog';
import { isTypingTarget, useShortcuts } from '../keyboard/useShortcuts';
import { FinalValues } from './FinalValues';
import { ResponsesTable } from './ResponsesTable';
import { DisagreeDialog } from './ReviewDialogs';
import { ReviewFrame } from './ReviewFrame';

/** An accepted record sampled for a second look: its fields, final values and answers; agree or disagree. */
export function SecondReviewRecord({
  settings,
  next,
  dataset,
  busy,
  onVerdict,
}: {
  settings: DatasetSettings;
  next: NextRecord;
  dataset: string;
  busy: boolean;
  onVerdict: (verdict: SecondVerdict) => void;
}) {
  const { record } = next;
  const responses = record.responses ?? [];
  const [mode, setMode] = useState<'choose' | 'disagree' | 'help'>('choose');

  useShortcuts(
    (e) => {
      if (isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'a') {
        e.preventDefault();
        onVerdict({ verdict: 'agree' });
      } else if (e.key === 'd') {
        e.preventDefault();
        setMode('disagree');
      } else if (e.key === '?') {
        e.preventDefault();
        setMode('help');
      }
    },
    !busy && mode === 'choose',
  );

  return (
    <ReviewFrame
      title={
        <>
          Second review of <span dir="auto">{dataset}</span>
        </>
      }
      record={record}
      settings={settings}
      busy={busy}
      decisionLabel="Decision and answers"
      onHelp={() => setMode('help')}
      dialogs={
        <>
          {mode === 'disagree' && (
            <DisagreeDialog
              onClose={() => setMode('choose')}
              onConfirm={(comment) => {
                setMode('choose');
                onVerdict({ verdict: 'disagree', comment });
              }}
            />
          )}
          {mode === 'help' && <ShortcutsDialog mode="second" onClose={() => setMode('choose')} />}
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
