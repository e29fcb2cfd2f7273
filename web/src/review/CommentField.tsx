import { useId } from 'react';

/** A required comment; Ctrl+Enter sends the form (with `enterSends`, Enter does and Shift+Enter breaks the line). */
export function CommentField({
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
