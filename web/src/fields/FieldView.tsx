import { memo, type ReactNode, useId } from 'react';
import type { FieldSettings } from '../api/types';
import { questionTitle } from '../logic/answers';
import { isChat } from '../logic/textDiff';
import { BoundedText } from './BoundedText';
import { ChatView } from './ChatView';
import { MarkdownView } from './MarkdownView';

/**
 * The body of one field, by its type; a value of the wrong shape is shown as JSON rather than lost.
 * Memoised: answering a question re-renders the page, and markdown is not worth parsing again.
 */
export const FieldBody = memo(function FieldBody({
  field,
  value,
  lang,
}: {
  field: FieldSettings;
  value: unknown;
  lang?: string | undefined;
}) {
  if (value === undefined || value === null || value === '') return <p className="muted">(empty)</p>;
  if (field.type === 'chat' && isChat(value))
    return <ChatView messages={value} lang={lang} label={`${questionTitle(field)}: conversation`} />;
  if (field.type === 'markdown' && typeof value === 'string')
    return <MarkdownView source={value} lang={lang} />;
  if (field.type === 'text' && typeof value === 'string') return <BoundedText text={value} lang={lang} />;
  const json = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return <BoundedText text={json} lang={lang} className="json-block" pre />;
});

/** One field with its title, as a labelled region tests can find by `field-NAME`. */
export function FieldView({
  field,
  value,
  lang,
  prefix,
  children,
}: {
  field: FieldSettings;
  value: unknown;
  lang?: string | undefined;
  /** Shown before the title, e.g. "A" for a preference pair. */
  prefix?: string;
  /** Replaces the body (a span question tags this field in place). */
  children?: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="field" data-testid={`field-${field.name}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="field-title">
        {prefix && <span className="pair-tag">{prefix}</span>}
        <span dir="auto">{questionTitle(field)}</span>
      </h3>
      {children ?? <FieldBody field={field} value={value} lang={lang} />}
    </section>
  );
}
