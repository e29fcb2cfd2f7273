import { useLayoutEffect, useRef } from 'react';

const NON_TYPING_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

/** Whether keys pressed on this element are typing, which shortcuts must never take. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NON_TYPING_INPUTS.has(target.type);
  return false;
}

/** Whether Enter on this element should keep its own meaning (a link, or a button that is not an answer option). */
export function ownsEnter(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('[data-option]')) return false;
  return !!target.closest('a[href], button, summary, [role="button"], [role="link"]');
}

/**
 * A window-level key handler. Keys a widget already handled (defaultPrevented) and keys typed
 * while composing (IME input for CJK) never reach it.
 */
export function useShortcuts(handler: (e: KeyboardEvent) => void, enabled = true): void {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  // A layout effect: the keys work from the moment the record is painted, not a few ms later.
  useLayoutEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.keyCode === 229) return;
      ref.current(e);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}

/** Keys and what each does; an action that returns false leaves its key alone (not taken). */
export type KeyMap = Record<string, (e: KeyboardEvent) => unknown>;

/**
 * Shortcuts that are single keys (the reviewers' views): each key in `keys` runs its action and is
 * taken (its default prevented). Keys held with Ctrl, Alt or Meta, and keys typed into a text box,
 * are never taken.
 */
export function useKeyMap(keys: KeyMap, enabled = true): void {
  useShortcuts((e) => {
    if (isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    const action = Object.hasOwn(keys, e.key) ? keys[e.key] : undefined;
    if (action && action(e) !== false) e.preventDefault();
  }, enabled);
}
