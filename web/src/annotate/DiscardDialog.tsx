import { useId, useState } from 'react';
import { FormDialog } from '../components/FormDialog';

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
  return (
    <FormDialog
      title="Discard this record?"
      testId="discard-dialog"
      confirm="Discard"
      danger
      onSubmit={() => onConfirm(reason.trim())}
      onClose={onClose}
    >
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
    </FormDialog>
  );
}
