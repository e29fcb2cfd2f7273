import { memo, useState } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { safeHref } from '../logic/safeUrl';
import { RENDER_LIMIT, ShowAll } from './BoundedText';

/**
 * Markdown from untrusted sources. Raw HTML is skipped, not rendered; links keep only http, https
 * and mailto targets and never pass the referrer; images are shown as links, not loaded (a remote
 * image in a record would tell its host who is reviewing it).
 */
const components: Components = {
  a: ({ href, children }) => {
    const safe = safeHref(href);
    if (!safe) return <span className="unsafe-link">{children}</span>;
    return (
      <a href={safe} rel="noopener noreferrer nofollow" target="_blank">
        {children}
      </a>
    );
  },
  img: ({ src, alt }) => {
    const safe = typeof src === 'string' ? safeHref(src) : undefined;
    const label = `[image${alt ? `: ${alt}` : ''}]`;
    return safe ? (
      <a href={safe} rel="noopener noreferrer nofollow" target="_blank">
        {label}
      </a>
    ) : (
      <span>{label}</span>
    );
  },
};

const urlTransform = (url: string) => safeHref(url) ?? '';

export const MarkdownView = memo(function MarkdownView({
  source,
  lang,
}: {
  source: string;
  lang?: string | undefined;
}) {
  const [all, setAll] = useState(false);
  const cut = !all && source.length > RENDER_LIMIT;
  return (
    <>
      <div className="markdown" dir="auto" lang={lang}>
        <Markdown skipHtml urlTransform={urlTransform} components={components}>
          {cut ? source.slice(0, RENDER_LIMIT) : source}
        </Markdown>
      </div>
      {cut && <ShowAll count={source.length} onClick={() => setAll(true)} />}
    </>
  );
});
