import { own } from '../../../src/core/own.js';
import type { SpanValue } from '../api/types';
import { excerpt } from '../logic/format';
import { spanLabelKeys } from '../logic/keys';
import { removeSpan } from '../logic/spans';
import { SpanText } from './SpanText';
import { labelColor } from './spanDom';
import type { QuestionOf, QuestionProps } from './types';

/**
 * The list of tagged spans (each removable). The text itself is tagged where the field is shown;
 * with `inline` (no field view next to the form) the tagger is drawn here.
 */
export function SpanQuestion({
  question,
  value,
  onChange,
  record,
  settings,
  titleId,
  inline,
}: QuestionProps<QuestionOf<'span'>> & { inline?: boolean }) {
  const raw = own(record.fields, question.field);
  const text = typeof raw === 'string' ? raw : '';
  const spans = Array.isArray(value) ? (value as SpanValue) : [];
  const keys = spanLabelKeys(question.labels.length);
  const field = settings.fields.find((f) => f.name === question.field);
  const labelText = (v: string) => question.labels.find((l) => l.value === v)?.text ?? v;

  return (
    <div className="span-question">
      {inline ? (
        <SpanText
          question={question}
          text={text}
          value={value}
          onChange={onChange}
          lang={record.language ?? undefined}
          label={`${field?.title ?? question.field}: text to tag`}
        />
      ) : (
        <p className="hint">
          Tag the text of “{field?.title ?? question.field}” in the record. Labels:{' '}
          {question.labels.map((l, i) => (
            <span key={l.value} className="legend-item">
              <kbd className="key" style={{ borderColor: labelColor(i) }}>
                {keys[i]}
              </kbd>{' '}
              <span dir="auto">{l.text ?? l.value}</span>
            </span>
          ))}
        </p>
      )}
      {spans.length === 0 ? (
        <p className="muted">No spans tagged.</p>
      ) : (
        <ul className="span-list" aria-labelledby={titleId}>
          {spans.map((s, i) => (
            <li key={`${s.start}-${s.end}-${s.label}`}>
              <span className="span-list-label">{labelText(s.label)}</span>{' '}
              <q dir="auto" lang={record.language ?? undefined}>
                {excerpt(text.slice(s.start, s.end), 80)}
              </q>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${labelText(s.label)} “${excerpt(text.slice(s.start, s.end), 40)}”`}
                onClick={() => onChange(removeSpan(spans, i))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
