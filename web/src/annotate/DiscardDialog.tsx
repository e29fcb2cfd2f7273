import { type FormEvent, useId, useState } from 'react';
import { Dialog } from '../components/Dialog';

const COMMON_REASONS = [
  'Not in a language I know',
  'Unreadable or broken',
  'Off-topic',
  'Duplicate',
  'Unsafe content',
];

/** Why a record is being discarded. Enter confirms, Escape cancels. */
export function DiscardDialog({
  onConfirm,
  onClose,
}: {
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const listId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(reason.trim());
  };
  return (
    <Dialog title="Discard this record?" onClose={onClose} testId="discard-dialog">
      <form onSubmit={submit}>
        <label>
          Reason
          <input
            data-autofocus
            name="reason"
            list={listId}
            value={reason}
            dir="auto"
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. Not in a language I know"
          />
        </label>
        <datalist id={listId}>
          {COMMON_REASONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <div className="dialog-buttons">
          <button type="submit" className="danger">
            Discard
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
