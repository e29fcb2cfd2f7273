/** The app's paths. The server answers every non-/api GET with index.html, so these are real URLs. */

export type Route =
  | { page: 'login' }
  | { page: 'datasets' }
  | { page: 'annotate'; dataset: string }
  | { page: 'review'; dataset: string }
  | { page: 'second'; dataset: string }
  | { page: 'records'; dataset: string }
  | { page: 'progress'; dataset: string }
  | { page: 'not-found' };

const DATASET_PAGES = ['annotate', 'review', 'second', 'records', 'progress'] as const;
type DatasetPage = (typeof DATASET_PAGES)[number];

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'datasets' };
  if (path === '/login') return { page: 'login' };
  const m = /^\/datasets\/([^/]+)\/([a-z]+)$/.exec(path);
  if (m && (DATASET_PAGES as readonly string[]).includes(m[2]!)) {
    let dataset: string;
    try {
      dataset = decodeURIComponent(m[1]!);
    } catch {
      return { page: 'not-found' };
    }
    return { page: m[2] as DatasetPage, dataset };
  }
  return { page: 'not-found' };
}

export function datasetPath(dataset: string, page: DatasetPage): string {
  return `/datasets/${encodeURIComponent(dataset)}/${page}`;
}

/** Where to go after logging in: a local path only, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}
