import { useState } from 'react';
import { MarkdownView } from '../fields/MarkdownView';

const KEY = 'tandem.guidelinesOpen';

/** The dataset's guidelines (markdown), collapsible; the choice is remembered in this browser. */
export function Guidelines({ source }: { source: string }) {
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem(KEY) !== 'false';
    } catch {
      return true;
    }
  });
  if (!source.trim()) return null;
  return (
    <details
      className="guidelines"
      open={open}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        setOpen(now);
        try {
          localStorage.setItem(KEY, String(now));
        } catch {
          // private mode: not remembered
        }
      }}
    >
      <summary>Guidelines</summary>
      <MarkdownView source={source} />
    </details>
  );
}
