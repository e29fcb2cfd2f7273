import { own } from '../../../src/core/own.js';
import type { AnswerValue, PreferenceValue, QuestionSettings, RecordView, SpanValue } from '../api/types';
import { DiffView } from '../components/DiffView';
import { BoundedText } from '../fields/BoundedText';
import { roleLabel } from '../fields/ChatView';
import { excerpt } from '../logic/format';
import { orderFromValue } from '../logic/ranking';
import { diffChatTurns, isChat, wordDiff } from '../logic/textDiff';

/** One answer, read-only and compact: the review columns, the records panel, final values. */
export function ValueView({
  question,
  value,
  record,
}: {
  question: QuestionSettings;
  value: AnswerValue | undefined;
  record: RecordView;
}) {
  const lang = record.language ?? undefined;
  if (value === undefined || value === null || value === '') return <span className="muted">—</span>;
  const optionText = (v: string) => {
    if (question.type === 'label' || question.type === 'multi_label' || question.type === 'ranking')
      return question.options.find((o) => o.value === v)?.text ?? v;
    return v;
  };
  switch (question.type) {
    case 'label':
      return <span dir="auto">{optionText(String(value))}</span>;
    case 'multi_label':
      return (
        <span dir="auto">
          {Array.isArray(value) ? (value as string[]).map(optionText).join(', ') : String(value)}
        </span>
      );
    case 'rating':
      return <span className="rating-value">{String(value)}</span>;
    case 'ranking':
      return (
        <ol className="compact-list">
          {orderFromValue(question.options, value).map((v) => (
            <li key={v} dir="auto">
              {optionText(v)}
            </li>
          ))}
        </ol>
      );
    case 'preference': {
      const p = value as PreferenceValue;
      return (
        <span>
          {p.choice === 'tie' ? 'Tie' : p.choice}
          {p.strength ? ` (${p.strength})` : ''}
        </span>
      );
    }
    case 'span': {
      const text = own(record.fields, question.field);
      const source = typeof text === 'string' ? text : '';
      const spans = Array.isArray(value) ? (value as SpanValue) : [];
      if (!spans.length) return <span className="muted">no spans</span>;
      return (
        <ul className="compact-list">
          {spans.map((s) => (
            <li key={`${s.start}-${s.end}-${s.label}`}>
              <span className="span-list-label">{s.label}</span>{' '}
              <q dir="auto" lang={lang}>
                {excerpt(source.slice(s.start, s.end), 60)}
              </q>
            </li>
          ))}
        </ul>
      );
    }
    case 'text': {
      const original = question.corrects ? own(record.fields, question.corrects) : undefined;
      if (isChat(original) && isChat(value)) {
        const changed = diffChatTurns(original, value).filter((d) => d.changed);
        if (!changed.length) return <span className="muted">no changes</span>;
        return (
          <div>
            {changed.map((d) => (
              <div key={d.index} className="diff-turn">
                <span className="sub-label">
                  {roleLabel(d.role)} turn {d.index + 1}
                </span>
                <DiffView parts={d.parts} lang={lang} label={`Changes in turn ${d.index + 1}`} />
              </div>
            ))}
          </div>
        );
      }
      if (typeof original === 'string' && typeof value === 'string')
        return (
          <DiffView parts={wordDiff(original, value)} lang={lang} label="Changes against the original" />
        );
      const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
      return <BoundedText text={text} lang={lang} limit={20_000} />;
    }
  }
}
