import { useId, useState } from 'react';
import { RequiredCommentDialog } from './RequiredCommentDialog';

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
  const groupId = useId();
  return (
    <RequiredCommentDialog
      title="Return to annotators"
      testId="return-dialog"
      missing="Say what to change: the comment is required."
      confirm="Return"
      refuse={() => (chosen.size ? null : 'Choose at least one annotator.')}
      onConfirm={(comment) =>
        onConfirm(
          usernames.filter((u) => chosen.has(u)),
          comment,
        )
      }
      onClose={onClose}
    >
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
    </RequiredCommentDialog>
  );
}
