import { type KeyboardEvent, type MouseEvent, useId, useMemo, useRef, useState } from 'react';
import type { SpanValue } from '../api/types';
import { Key } from '../components/Key';
import { RENDER_LIMIT, ShowAll } from '../fields/BoundedText';
import { announce } from '../live';
import { spanLabelKeys } from '../logic/keys';
import { addSpan, normalizeRange, removeSpansAt, segments, stepCaret, stepWord } from '../logic/spans';
import { domOffset, labelColor } from './spanDom';
import type { QuestionOf } from './types';

type Sel = { anchor: number; focus: number };

/**
 * A field's text to tag. Select with the mouse, or focus it and use Shift+arrows (Ctrl for words);
 * then press a label's key (or click the label). Delete removes the spans under the caret or
 * selection, and so does a click on a tag.
 */
export function SpanText({
  question,
  text,
  value,
  onChange,
  lang,
  label,
  onActivate,
}: {
  question: QuestionOf<'span'>;
  text: string;
  value: unknown;
  onChange: (v: SpanValue) => void;
  lang?: string | undefined;
  label: string;
  onActivate?: () => void;
}) {
  const spans = useMemo(() => (Array.isArray(value) ? (value as SpanValue) : []), [value]);
  const [sel, setSel] = useState<Sel>({ anchor: 0, focus: 0 });
  const [focused, setFocused] = useState(false);
  const [all, setAll] = useState(false);
  const region = useRef<HTMLDivElement>(null);
  const helpId = useId();
  const keys = spanLabelKeys(question.labels.length);
  const start = Math.min(sel.anchor, sel.focus);
  const end = Math.max(sel.anchor, sel.focus);
  const segs = useMemo(
    () => segments(text.length, spans, { start, end }, focused ? [sel.focus] : []),
    [text.length, spans, start, end, focused, sel.focus],
  );
  const limit = all ? text.length : RENDER_LIMIT;
  const labelText = (v: string) => question.labels.find((l) => l.value === v)?.text ?? v;

  const tag = (labelIndex: number) => {
    const l = question.labels[labelIndex];
    const range = normalizeRange(text, start, end);
    if (!l) return;
    if (!range) {
      announce('Select some text first');
      return;
    }
    onChange(addSpan(spans, { ...range, label: l.value }, question.allowOverlap));
    announce(`Tagged “${text.slice(range.start, range.end).slice(0, 80)}” as ${labelText(l.value)}`);
    setSel({ anchor: range.end, focus: range.end });
  };

  const remove = (from: number, to: number) => {
    const next = removeSpansAt(spans, from, to);
    if (next.length === spans.length) return;
    onChange(next);
    announce(`Removed ${spans.length - next.length} tag${spans.length - next.length > 1 ? 's' : ''}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const rtl = region.current ? getComputedStyle(region.current).direction === 'rtl' : false;
    const move = (to: number) => {
      e.preventDefault();
      setSel(e.shiftKey ? { anchor: sel.anchor, focus: to } : { anchor: to, focus: to });
    };
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const dir = (e.key === 'ArrowRight') !== rtl ? 1 : -1;
      if (!e.shiftKey && start !== end) return move(dir > 0 ? end : start);
      return move(e.ctrlKey || e.altKey ? stepWord(text, sel.focus, dir) : stepCaret(text, sel.focus, dir));
    }
    if (e.key === 'Home' || e.key === 'End') {
      if (e.ctrlKey) return move(e.key === 'Home' ? 0 : text.length);
      if (e.key === 'Home') return move(text.lastIndexOf('\n', sel.focus - 1) + 1);
      const nl = text.indexOf('\n', sel.focus);
      return move(nl < 0 ? text.length : nl);
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSel({ anchor: 0, focus: text.length });
      return;
    }
    if (e.key === 'Escape' && start !== end) {
      e.preventDefault();
      setSel({ anchor: sel.focus, focus: sel.focus });
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      remove(start, end);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const index = keys.indexOf(e.key.toLowerCase());
    if (index >= 0) {
      e.preventDefault();
      tag(index);
    }
  };

  const onMouseUp = (e: MouseEvent<HTMLDivElement>) => {
    const root = region.current;
    const s = window.getSelection();
    if (!root || !s || s.rangeCount === 0) return;
    const a = domOffset(root, s.anchorNode, s.anchorOffset);
    const f = domOffset(root, s.focusNode, s.focusOffset);
    if (a === null || f === null) return;
    if (a !== f) {
      setSel({ anchor: a, focus: f });
      s.removeAllRanges();
      root.focus();
      return;
    }
    const mark = (e.target as HTMLElement).closest('mark');
    if (mark && root.contains(mark)) {
      const inner = spans
        .filter((sp) => sp.start <= a && a < sp.end)
        .sort((x, y) => x.end - x.start - (y.end - y.start))[0];
      if (inner) {
        onChange(spans.filter((sp) => sp !== inner));
        announce(`Removed the tag ${labelText(inner.label)}`);
      }
    }
    setSel({ anchor: a, focus: a });
  };

  const caret = sel.focus;
  return (
    <div className="span-text">
      <div className="span-toolbar" role="toolbar" aria-label={`Labels for ${label}`}>
        {question.labels.map((l, i) => (
          <button
            key={l.value}
            type="button"
            className="span-label-button"
            style={{ borderColor: labelColor(i) }}
            aria-keyshortcuts={keys[i]}
            title={l.description}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => tag(i)}
          >
            <Key>{keys[i]}</Key>
            <span dir="auto">{l.text ?? l.value}</span>
          </button>
        ))}
      </div>
      <p id={helpId} className="hint">
        Select text (mouse, or Shift+arrows here), then press a label key. Click a tag or press Delete to
        remove it.
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a read-only text with a caret; no native element selects by keyboard */}
      <div
        ref={region}
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label={label}
        aria-describedby={helpId}
        tabIndex={0}
        className="span-region text-block"
        dir="auto"
        lang={lang}
        data-testid={`span-region-${question.name}`}
        onKeyDown={onKeyDown}
        onMouseUp={onMouseUp}
        onFocus={() => {
          setFocused(true);
          onActivate?.();
        }}
        onBlur={() => setFocused(false)}
      >
        {segs
          .filter((seg) => seg.start < limit)
          .map((seg) => {
            const segEnd = Math.min(seg.end, limit);
            const body = (
              <span data-start={seg.start} className={seg.selected ? 'sel' : undefined}>
                {text.slice(seg.start, segEnd)}
              </span>
            );
            const caretEl =
              focused && caret === seg.start ? <span className="caret" aria-hidden="true" /> : null;
            if (!seg.spans.length)
              return (
                <span key={seg.start}>
                  {caretEl}
                  {body}
                </span>
              );
            const covering = seg.spans.map((j) => spans[j]!);
            const inner = covering[covering.length - 1]!;
            const labelIndex = question.labels.findIndex((l) => l.value === inner.label);
            const ending = covering.filter((sp) => sp.end === seg.end);
            return (
              <mark
                key={seg.start}
                className="span-mark"
                data-depth={covering.length}
                style={{ backgroundColor: labelColor(labelIndex, true) }}
              >
                {caretEl}
                {body}
                {ending.map((sp) => (
                  <span key={`${sp.start}-${sp.label}`} className="span-tag">
                    {labelText(sp.label)}
                  </span>
                ))}
              </mark>
            );
          })}
        {focused && caret === text.length && <span className="caret" aria-hidden="true" />}
      </div>
      {limit < text.length && <ShowAll count={text.length} onClick={() => setAll(true)} />}
    </div>
  );
}
