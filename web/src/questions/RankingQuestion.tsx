import { type KeyboardEvent, useEffect, useRef } from 'react';
import { announce } from '../live';
import { moveItem, orderFromValue, toRanking } from '../logic/ranking';
import type { QuestionOf, QuestionProps } from './types';

/**
 * Reorder options: Move up / Move down buttons, or focus an item and press Alt+ArrowUp/Down.
 * ArrowUp/Down alone move focus between items. Position 1 is the best.
 */
export function RankingQuestion({
  question,
  value,
  onChange,
  titleId,
}: QuestionProps<QuestionOf<'ranking'>>) {
  const order = orderFromValue(question.options, value);
  const answered = Array.isArray(value) && value.length === question.options.length;
  const items = useRef(new Map<string, HTMLLIElement>());
  const focusAfter = useRef<string | null>(null);
  const text = (v: string) => {
    const o = question.options.find((x) => x.value === v);
    return o?.text ?? v;
  };

  useEffect(() => {
    if (focusAfter.current) {
      items.current.get(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  });

  const move = (index: number, delta: number, keepFocus: boolean) => {
    const next = moveItem(order, index, delta);
    if (next === order) return;
    const item = order[index]!;
    if (keepFocus) focusAfter.current = item;
    onChange(toRanking(next));
    announce(`${text(item)} moved to position ${next.indexOf(item) + 1} of ${next.length}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (e.target !== e.currentTarget) return;
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const delta = e.key === 'ArrowUp' ? -1 : 1;
    if (e.altKey) {
      e.preventDefault();
      move(index, delta, true);
      return;
    }
    const target = order[index + delta];
    if (!target || e.ctrlKey || e.metaKey || e.shiftKey) return; // at the ends the page moves to the next question
    e.preventDefault();
    items.current.get(target)?.focus();
  };

  return (
    <div className="ranking">
      <ol className="ranking-list" aria-labelledby={titleId}>
        {order.map((v, i) => (
          <li
            key={v}
            ref={(el) => {
              if (el) items.current.set(v, el);
              else items.current.delete(v);
            }}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the item itself is what moves (Alt+Arrow), so it takes focus
            tabIndex={0}
            className="ranking-item"
            aria-label={`${i + 1}. ${text(v)}`}
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <span className="rank" aria-hidden="true">
              {i + 1}
            </span>
            <span className="option-text" dir="auto">
              {text(v)}
            </span>
            <span className="ranking-buttons">
              <button
                type="button"
                aria-label={`Move ${text(v)} up`}
                disabled={i === 0}
                onClick={() => move(i, -1, false)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${text(v)} down`}
                disabled={i === order.length - 1}
                onClick={() => move(i, 1, false)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      {!answered && (
        <button type="button" className="link-button" onClick={() => onChange(toRanking(order))}>
          Keep this order
        </button>
      )}
    </div>
  );
}
