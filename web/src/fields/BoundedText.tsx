import { useState } from 'react';

/** Rendering more than this many characters at once makes a tab crawl; the rest waits for a click. */
export const RENDER_LIMIT = 200_000;

/** Untrusted text as React text: bidi-aware, wrapping anywhere, cut at RENDER_LIMIT with "Show all". */
export function BoundedText({
  text,
  lang,
  className = 'text-block',
  limit = RENDER_LIMIT,
  pre = false,
}: {
  text: string;
  /** Preformatted (JSON): a <pre>. */
  pre?: boolean;
  lang?: string | undefined;
  className?: string;
  limit?: number;
}) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > limit;
  return (
    <>
      {pre ? (
        <pre className={className} dir="auto" lang={lang}>
          {cut ? text.slice(0, limit) : text}
          {cut && <span className="muted"> …</span>}
        </pre>
      ) : (
        <div className={className} dir="auto" lang={lang}>
          {cut ? text.slice(0, limit) : text}
          {cut && <span className="muted"> …</span>}
        </div>
      )}
      {cut && <ShowAll count={text.length} onClick={() => setAll(true)} />}
    </>
  );
}

export function ShowAll({
  count,
  onClick,
  unit = 'characters',
}: {
  count: number;
  onClick: () => void;
  unit?: string;
}) {
  return (
    <button type="button" className="show-all" onClick={onClick}>
      Show all ({count.toLocaleString('en-US')} {unit})
    </button>
  );
}
