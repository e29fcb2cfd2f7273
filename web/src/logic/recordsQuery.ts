/** The records list's filters as the query string GET /api/datasets/{name}/records takes. */
import type { RecordStatus } from '../api/types.js';

export interface RecordFilters {
  statuses: RecordStatus[];
  q: string;
  /** "KEY=VALUE" pairs, one per line or comma separated; also accepts a single pair. */
  meta: string;
  /** A check name: only records that failed it. */
  failingCheck: string;
  /** An ISO 639-1 code. */
  language: string;
}

export const emptyFilters: RecordFilters = { statuses: [], q: '', meta: '', failingCheck: '', language: '' };

export function parseMeta(text: string): [string, string][] {
  return text
    .split(/[\n,]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part): [string, string][] => {
      const eq = part.indexOf('=');
      if (eq <= 0) return [];
      const key = part.slice(0, eq).trim();
      const value = part.slice(eq + 1).trim();
      return key ? [[key, value]] : [];
    });
}

/** The API query for a page: after a cursor (`after`), or page N by number (`page`, 1-based). */
export function recordsQuery(
  filters: RecordFilters,
  after: number | null,
  limit = 50,
  page?: number,
): string {
  const p = new URLSearchParams();
  if (filters.statuses.length) p.set('status', filters.statuses.join(','));
  if (filters.q.trim()) p.set('q', filters.q.trim());
  if (filters.language.trim()) p.set('language', filters.language.trim());
  for (const [k, v] of parseMeta(filters.meta)) p.append(`meta.${k}`, v);
  if (filters.failingCheck) {
    p.set('check', filters.failingCheck);
    p.set('checkPassed', 'false');
  }
  if (after !== null) p.set('after', String(after));
  else if (page !== undefined && page > 1) p.set('page', String(page));
  p.set('limit', String(limit));
  return p.toString();
}

// The statuses the list filters by (web/src/status.ts, which this pure module cannot import).
const KNOWN_STATUSES = new Set<string>([
  'new',
  'checked',
  'flagged',
  'in_review',
  'accepted',
  'rejected',
] satisfies RecordStatus[]);

/**
 * The list's view in the page's own URL (`?status=a,b&q=…&language=…&meta=k=v,…&check=…&page=N`),
 * so a filtered page can be reloaded, bookmarked and sent to someone. `keep` carries other
 * parameters over (such as `open`).
 */
export function viewSearch(filters: RecordFilters, page: number, keep?: URLSearchParams): string {
  const p = new URLSearchParams();
  if (filters.statuses.length) p.set('status', filters.statuses.join(','));
  if (filters.q.trim()) p.set('q', filters.q.trim());
  if (filters.language.trim()) p.set('language', filters.language.trim());
  if (filters.meta.trim()) p.set('meta', filters.meta.trim());
  if (filters.failingCheck) p.set('check', filters.failingCheck);
  if (page > 1) p.set('page', String(page));
  for (const [k, v] of keep ?? []) if (!VIEW_KEYS.has(k)) p.append(k, v);
  return p.toString();
}

const VIEW_KEYS = new Set(['status', 'q', 'language', 'meta', 'check', 'page']);

/** The view a URL describes; anything malformed (a hand-edited link) falls back to no filter, page 1. */
export function viewFromSearch(search: URLSearchParams): { filters: RecordFilters; page: number } {
  const page = Number(search.get('page') ?? '1');
  return {
    filters: {
      statuses: (search.get('status') ?? '')
        .split(',')
        .filter((s): s is RecordStatus => KNOWN_STATUSES.has(s)),
      q: search.get('q') ?? '',
      meta: search.get('meta') ?? '',
      failingCheck: search.get('check') ?? '',
      language: search.get('language') ?? '',
    },
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}
