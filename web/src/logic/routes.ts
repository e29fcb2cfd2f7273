/** The app's paths. The server answers every non-/api GET with index.html, so these are real URLs. */

export type Route =
  | { page: 'login' }
  | { page: 'datasets' }
  | { page: 'annotate'; dataset: string }
  | { page: 'review'; dataset: string }
  | { page: 'second'; dataset: string }
  | { page: 'records'; dataset: string }
  | { page: 'progress'; dataset: string }
  | { page: 'audits'; dataset: string }
  | { page: 'releases'; dataset: string }
  | { page: 'not-found' };

const DATASET_PAGES = ['annotate', 'review', 'second', 'records', 'progress', 'audits', 'releases'] as const;
type DatasetPage = (typeof DATASET_PAGES)[number];

/**
 * A dataset's pages as the app links to them, in order: the link's text, the words before the
 * dataset's name in the page's title (which also name a link that stands away from that name),
 * and whether only reviewers get the page.
 */
export const DATASET_LINKS: readonly {
  page: DatasetPage;
  label: string;
  title: string;
  reviewers: boolean;
}[] = [
  { page: 'annotate', label: 'Annotate', title: 'Annotate', reviewers: false },
  { page: 'review', label: 'Review', title: 'Review', reviewers: true },
  { page: 'second', label: 'Second review', title: 'Second review of', reviewers: true },
  { page: 'records', label: 'Records', title: 'Records of', reviewers: false },
  { page: 'progress', label: 'Progress', title: 'Progress of', reviewers: false },
  { page: 'audits', label: 'Audits', title: 'Audits of', reviewers: true },
  // Admins and owners only; a reviewer who opens it is told so by the server.
  { page: 'releases', label: 'Releases', title: 'Releases of', reviewers: true },
];

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
