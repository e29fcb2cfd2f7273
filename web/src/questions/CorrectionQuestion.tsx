import { useDeferredValue, useId, useMemo } from 'react';
import { correctableRoles } from '../../../src/core/corrections.js';
import { own } from '../../../src/core/own.js';
import type { ChatMessage } from '../api/types';
import { DiffView } from '../components/DiffView';
import { GrowingTextarea } from '../components/GrowingTextarea';
import { roleClass, roleLabel } from '../fields/ChatView';
import { diffChatTurns, isChat, wordDiff } from '../logic/textDiff';
import type { QuestionOf, QuestionProps } from './types';

/**
 * A corrected copy of a field, pre-filled with it. A text field is one box; a conversation is one
 * box per turn the question lets you correct (its `roles`, by default the assistant's), the other
 * turns shown read-only for context. Boxes are as tall as their text. The word diff against the
 * original shows under each change as you type.
 */
export function CorrectionQuestion({
  question,
  value,
  onChange,
  titleId,
  record,
}: QuestionProps<QuestionOf<'text'>>) {
  const original = own(record.fields, question.corrects ?? '');
  const lang = record.language ?? undefined;
  if (isChat(original)) {
    const turns = isChat(value) ? value : original;
    return (
      <ChatCorrection
        original={original}
        turns={turns}
        editable={correctableRoles(question)}
        onChange={onChange}
        titleId={titleId}
        lang={lang}
      />
    );
  }
  const base = typeof original === 'string' ? original : JSON.stringify(original ?? '', null, 2);
  const text = typeof value === 'string' ? value : base;
  return (
    <div className="correction">
      <GrowingTextarea
        aria-labelledby={titleId}
        value={text}
        minRows={4}
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
  editable,
  onChange,
  titleId,
  lang,
}: {
  original: ChatMessage[];
  turns: ChatMessage[];
  editable: ReadonlySet<string>;
  onChange: (v: ChatMessage[]) => void;
  titleId: string;
  lang?: string | undefined;
}) {
  const idBase = useId();
  const deferred = useDeferredValue(turns);
  const diffs = useMemo(() => diffChatTurns(original, deferred), [original, deferred]);
  const edit = (i: number, content: string) =>
    onChange(turns.map((m, j) => (j === i ? { ...m, content } : m)));
  return (
    <ol className="chat chat-correction" aria-labelledby={titleId}>
      {turns.map((m, i) => {
        const before = original[i]?.content ?? '';
        const d = diffs[i];
        if (!editable.has(m.role))
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: turns are edited in place and never reordered
            <li key={i} className={`${roleClass(m.role)} turn-locked`} data-testid="turn-locked">
              <span className="turn-role">
                {roleLabel(m.role)} turn {i + 1} <span className="muted">(not corrected here)</span>
              </span>
              <p className="turn-text" dir="auto" lang={lang}>
                {before}
              </p>
            </li>
          );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns are edited in place and never reordered
          <li key={i} className={roleClass(m.role)}>
            <label className="turn-edit" htmlFor={`${idBase}-${i}`}>
              <span className="turn-role">
                {roleLabel(m.role)} turn {i + 1}
              </span>
              <GrowingTextarea
                id={`${idBase}-${i}`}
                value={m.content}
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
