import { type FormEvent, useId, useState } from 'react';

/** Previous, next, and "page [N] of M, Go": any page in one step (the URL keeps it). */
export function Pager({
  page,
  pages,
  busy,
  onGo,
}: {
  page: number;
  pages: number;
  busy: boolean;
  onGo: (page: number) => void;
}) {
  const id = useId();
  const [typed, setTyped] = useState(String(page));
  const [shown, setShown] = useState(page);
  // Follow the page when it changes from outside (the buttons, Back, a shared link).
  if (shown !== page) {
    setShown(page);
    setTyped(String(page));
  }
  const go = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(typed);
    if (!Number.isSafeInteger(n)) return setTyped(String(page));
    onGo(Math.min(pages, Math.max(1, n)));
  };
  return (
    <nav className="pager" aria-label="Pages" data-testid="pager">
      <button type="button" disabled={busy || page <= 1} onClick={() => onGo(page - 1)}>
        Previous
      </button>
      <form onSubmit={go} className="pager-jump">
        <label htmlFor={`${id}-page`}>Page</label>
        <input
          id={`${id}-page`}
          type="number"
          inputMode="numeric"
          min={1}
          max={pages}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="page-input"
        />
        <span>of {pages.toLocaleString('en-US')}</span>
        <button type="submit" disabled={busy}>
          Go
        </button>
      </form>
      <button type="button" disabled={busy || page >= pages} onClick={() => onGo(page + 1)}>
        Next
      </button>
    </nav>
  );
}
