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

export function LiveRegion() {
  const [polite, setPolite] = useState<Message | null>(null);
  const [assertive, setAssertive] = useState<Message | null>(null);
  useEffect(() => {
    listener = (m) => (m.error ? setAssertive(m) : setPolite(m));
    return () => {
      listener = null;
    };
  }, []);
  useEffect(() => {
    if (!polite) return;
    const t = window.setTimeout(() => setPolite(null), 4000);
    return () => window.clearTimeout(t);
  }, [polite]);
  useEffect(() => {
    if (!assertive) return;
    const t = window.setTimeout(() => setAssertive(null), 8000);
    return () => window.clearTimeout(t);
  }, [assertive]);
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
