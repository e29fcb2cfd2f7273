/**
 * The app's announcements: one polite live region ("Submitted", "Saved") and one assertive one
 * (errors). Both are visible as a small status bar too, so sighted users get the same news.
 */
import { useEffect, useState } from 'react';

type Message = { text: string; error: boolean; n: number };
let listener: ((m: Message) => void) | null = null;
let counter = 0;

export function announce(text: string): void {
  listener?.({ text, error: false, n: ++counter });
}

export function announceError(text: string): void {
  listener?.({ text, error: true, n: ++counter });
}

/** Takes down a shown error: it was about a record or a form that is gone now. */
export function clearErrors(): void {
  listener?.({ text: '', error: true, n: ++counter });
}

export function LiveRegion() {
  const [polite, setPolite] = useFleeting(4000);
  const [assertive, setAssertive] = useFleeting(8000);
  useEffect(() => {
    listener = (m) => {
      if (m.error) return setAssertive(m.text ? m : null);
      // News that something went through: an older error ("answer … first") no longer holds.
      setPolite(m);
      setAssertive(null);
    };
    return () => {
      listener = null;
    };
  }, [setPolite, setAssertive]);
  return (
    <div className="live">
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="live-status">
        {polite && (
          <span key={polite.n} className="toast">
            {polite.text}
          </span>
        )}
      </div>
      <div role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-error">
        {assertive && (
          <span key={assertive.n} className="toast toast-error">
            {assertive.text}
          </span>
        )}
      </div>
    </div>
  );
}

/** A message shown until `ms` after it arrives (a newer one starts the wait again). */
function useFleeting(ms: number) {
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    if (!message) return;
    const t = window.setTimeout(() => setMessage(null), ms);
    return () => window.clearTimeout(t);
  }, [message, ms]);
  return [message, setMessage] as const;
}
