import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorAlert } from './ErrorAlert';

/**
 * A dialog that asks for something before an action: the fields, why the form was refused (when
 * it was), then the action's button and Cancel. Enter in a field (Ctrl+Enter in a text area) submits,
 * Escape cancels. The
 * caller checks the fields in `onSubmit` and says what is wrong through `error`; the browser's own
 * validation is off, so every refusal reads the same and reaches screen readers as an alert.
 */
export function FormDialog({
  title,
  testId,
  intro,
  confirm,
  danger = false,
  error = null,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  intro?: string;
  /** The action's button. */
  confirm: string;
  /** The action destroys or undoes work (its button says so in colour). */
  danger?: boolean;
  error?: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      {intro && <p>{intro}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
        onKeyDown={(e) => {
          // Ctrl+Enter (⌘+Enter) sends from anywhere in the form, a text area too, as in the focus view.
          if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.nativeEvent.isComposing) return;
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }}
      >
        {children}
        <ErrorAlert message={error} />
        <div className="dialog-buttons">
          <button type="submit" className={danger ? 'danger' : 'primary'}>
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
