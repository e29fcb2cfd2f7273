import { useCallback, useEffect, useRef } from 'react';

/**
 * Save a draft `delay` ms after the last change. `cancel` drops a pending save (before a submit,
 * skip or discard); a change still unsaved when the record goes away is saved then.
 */
export function useDraftAutosave(changes: number, save: () => void, delay = 1000): { cancel: () => void } {
  const timer = useRef<number | null>(null);
  const pending = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;

  const cancel = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    pending.current = false;
  }, []);

  useEffect(() => {
    if (changes === 0) return;
    pending.current = true;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      pending.current = false;
      saveRef.current();
    }, delay);
  }, [changes, delay]);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      if (pending.current) saveRef.current();
    },
    [],
  );

  return { cancel };
}
