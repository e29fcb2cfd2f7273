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

export function recordsQuery(filters: RecordFilters, after: number | null, limit = 50): string {
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
  p.set('limit', String(limit));
  return p.toString();
}
