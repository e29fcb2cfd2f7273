import { useDeferredValue, useMemo } from 'react';
import type { ChatMessage } from '../api/types';
import { DiffView } from '../components/DiffView';
import { roleClass, roleLabel } from '../fields/ChatView';
import { diffChatTurns, isChat, wordDiff } from '../logic/textDiff';
import type { QuestionOf, QuestionProps } from './types';

/**
 * A corrected copy of a field, pre-filled with it. A text field is one box; a conversation is one
 * box per turn, edited in place. The word diff against the original shows under each change.
 */
export function CorrectionQuestion({
  question,
  value,
  onChange,
  titleId,
  record,
}: QuestionProps<QuestionOf<'text'>>) {
  const original = record.fields[question.corrects ?? ''];
  const lang = record.language ?? undefined;
  if (isChat(original)) {
    const turns = isChat(value) ? value : original;
    return (
      <ChatCorrection original={original} turns={turns} onChange={onChange} titleId={titleId} lang={lang} />
    );
  }
  const base = typeof original === 'string' ? original : JSON.stringify(original ?? '', null, 2);
  const text = typeof value === 'string' ? value : base;
  return (
    <div className="correction">
      <textarea
        aria-labelledby={titleId}
        value={text}
        rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
        dir="auto"
        lang={lang}
        onChange={(e) => onChange(e.target.value)}
      />
      <StringDiff original={base} edited={text} lang={lang} onReset={() => onChange(base)} />
    </div>
  );
}

function StringDiff({
  original,
  edited,
  lang,
  onReset,
}: {
  original: string;
  edited: string;
  lang?: string | undefined;
  onReset: () => void;
}) {
  // Typing stays fast on long texts: the diff follows a moment later.
  const deferred = useDeferredValue(edited);
  const parts = useMemo(() => wordDiff(original, deferred), [original, deferred]);
  if (edited === original) return null;
  return (
    <div className="diff-box">
      <div className="diff-head">
        <span className="sub-label">Changes</span>
        <button type="button" className="link-button" onClick={onReset}>
          Reset to the original
        </button>
      </div>
      <DiffView parts={parts} lang={lang} label="Changes against the original" />
    </div>
  );
}

function ChatCorrection({
  original,
  turns,
  onChange,
  titleId,
  lang,
}: {
  original: ChatMessage[];
  turns: ChatMessage[];
  onChange: (v: ChatMessage[]) => void;
  titleId: string;
  lang?: string | undefined;
}) {
  const deferred = useDeferredValue(turns);
  const diffs = useMemo(() => diffChatTurns(original, deferred), [original, deferred]);
  const edit = (i: number, content: string) =>
    onChange(turns.map((m, j) => (j === i ? { ...m, content } : m)));
  return (
    <ol className="chat chat-correction" aria-labelledby={titleId}>
      {turns.map((m, i) => {
        const before = original[i]?.content ?? '';
        const d = diffs[i];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns are edited in place and never reordered
          <li key={i} className={roleClass(m.role)}>
            <label className="turn-edit">
              <span className="turn-role">
                {roleLabel(m.role)} turn {i + 1}
              </span>
              <textarea
                value={m.content}
                rows={Math.min(12, Math.max(2, m.content.split('\n').length + 1))}
                dir="auto"
                lang={lang}
                onChange={(e) => edit(i, e.target.value)}
              />
            </label>
            {m.content !== before && d?.changed && (
              <div className="diff-box">
                <div className="diff-head">
                  <span className="sub-label">Changes in turn {i + 1}</span>
                  <button type="button" className="link-button" onClick={() => edit(i, before)}>
                    Reset turn {i + 1}
                  </button>
                </div>
                <DiffView parts={d.parts} lang={lang} label={`Changes in turn ${i + 1}`} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
