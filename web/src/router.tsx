/** A tiny History API router: `navigate`, `useLocation` and `<Link>`. Paths are parsed in logic/routes. */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const CHANGE = 'tandem:navigate';

/** Bumped when a link to the page already shown is followed: the page loads afresh, as a reload would. */
let visit = 0;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) {
    visit++;
    window.dispatchEvent(new Event(CHANGE));
    return;
  }
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(CHANGE, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(CHANGE, callback);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/**
 * How many times the current page was asked for again (a click on the nav link of the page one is
 * on): a key for the page, so "Annotate" on an empty queue asks the server again.
 */
export function useVisit(): number {
  return useSyncExternalStore(subscribe, () => visit);
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, 'http://local');
  return { pathname: url.pathname, search: url.searchParams, href };
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (middle-click, Ctrl-click and copy work) that navigates in place on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
