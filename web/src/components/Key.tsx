import type { CSSProperties, ReactNode } from 'react';

/**
 * A shortcut key drawn on a control. Hidden from screen readers: the control announces it through
 * aria-keyshortcuts, so its name stays just its label.
 */
export function Key({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <span className="key" aria-hidden="true" style={style}>
      {children}
    </span>
  );
}
