import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal dialog on the native <dialog>: the page behind it is inert, focus stays inside, Escape
 * cancels and focus returns where it was. Mount it to open it, unmount it to close it.
 */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  className,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    const auto = d.querySelector<HTMLElement>('[data-autofocus]');
    auto?.focus();
    return () => {
      if (d.open) d.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      className={`dialog ${className ?? ''}`}
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
