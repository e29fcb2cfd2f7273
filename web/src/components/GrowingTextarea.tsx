import { type TextareaHTMLAttributes, useLayoutEffect, useRef } from 'react';

/**
 * A text box as tall as its text (wrapped lines included), so nothing is cut off mid-line and no
 * inner scroll bar hides part of a turn. It grows while you type and when the window narrows.
 */
export function GrowingTextarea({
  value,
  minRows = 2,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { value: string; minRows?: number }) {
  const ref = useRef<HTMLTextAreaElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refit whenever the text changes
  useLayoutEffect(() => sizeToText(ref.current), [value]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      // Only a change of width rewraps the text; our own height change must not loop.
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      sizeToText(el);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <textarea
      ref={ref}
      rows={minRows}
      value={value}
      {...props}
      className={`growing ${props.className ?? ''}`}
    />
  );
}

function sizeToText(el: HTMLTextAreaElement | null): void {
  if (!el) return;
  el.style.height = 'auto';
  // scrollHeight leaves out the borders; box-sizing decides whether height includes them.
  const borders = el.offsetHeight - el.clientHeight;
  el.style.height = `${el.scrollHeight + borders}px`;
}
