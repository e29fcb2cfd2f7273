import { useCallback, useEffect, useRef } from 'react';

/**
 * Time spent on the record on screen, paused while the tab is hidden. `take` returns the time since
 * the last take (the server adds each save's time to the response's total).
 */
export function useTimeSpent(): { take: () => number; giveBack: (ms: number) => void } {
  const saved = useRef(0);
  const since = useRef<number | null>(
    typeof document !== 'undefined' && document.hidden ? null : performance.now(),
  );

  useEffect(() => {
    const onVisibility = () => {
      const now = performance.now();
      if (document.hidden) {
        if (since.current !== null) saved.current += now - since.current;
        since.current = null;
      } else if (since.current === null) since.current = now;
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  const take = useCallback(() => {
    let total = saved.current;
    if (since.current !== null) {
      const now = performance.now();
      total += now - since.current;
      since.current = now;
    }
    saved.current = 0;
    return Math.round(total);
  }, []);

  const giveBack = useCallback((ms: number) => {
    saved.current += ms;
  }, []);

  return { take, giveBack };
}
