/**
 * The only way the app talks to the server. Cookies travel same-origin; the CSRF token from the
 * login (or /api/me) is kept in memory and echoed on every write. A 401 anywhere but the login
 * itself sends the user to /login.
 */
import type {
  AuditChartList,
  AuditDetail,
  AuditList,
  AuditQueue,
  AuditVerdictBody,
  AuditVerdictResult,
} from '../audits/types';
import type {
  AssignedResult,
  BulkRequest,
  BulkResult,
  CommentResult,
  DatasetList,
  DatasetResult,
  LineageResult,
  MemberList,
  NextRecord,
  Ok,
  Progress,
  QaReport,
  RecordPage,
  RecordResult,
  ReleaseChangelog,
  ReleaseDetail,
  ReleaseDiffView,
  ReleaseList,
  RespondBody,
  RespondResult,
  ReviewAction,
  Round,
  SecondVerdict,
  SessionInfo,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Called on any 401 (an expired session): the app clears the user and shows the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RequestOptions {
  body?: unknown;
  /** Let the caller handle a 401 (the login form, the first /api/me). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (WRITES.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof err?.code === 'string' ? err.code : `http_${res.status}`;
    const message =
      typeof err?.message === 'string' && err.message ? err.message : `The server answered ${res.status}.`;
    if (res.status === 401 && !options.quiet401) {
      csrfToken = null;
      onUnauthorized?.();
    }
    throw new ApiError(res.status, code, message);
  }
  return data as T;
}

async function must<T>(p: Promise<T | null>): Promise<T> {
  const v = await p;
  if (v === null) throw new ApiError(204, 'empty', 'The server sent no content.');
  return v;
}

const ds = (name: string) => `/api/datasets/${encodeURIComponent(name)}`;
const rec = (id: number) => `/api/records/${encodeURIComponent(String(id))}`;

export const api = {
  async login(username: string, password: string): Promise<SessionInfo> {
    const s = await must(
      request<SessionInfo>('POST', '/api/login', { body: { username, password }, quiet401: true }),
    );
    setCsrfToken(s.csrfToken);
    return s;
  },
  async logout(): Promise<void> {
    try {
      await request('POST', '/api/logout', { body: {}, quiet401: true });
    } finally {
      setCsrfToken(null);
    }
  },
  /** The current session, or null when logged out. */
  async me(): Promise<SessionInfo | null> {
    try {
      const s = await must(request<SessionInfo>('GET', '/api/me', { quiet401: true }));
      if (s.csrfToken) setCsrfToken(s.csrfToken);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  datasets: () => must(request<DatasetList>('GET', '/api/datasets')),
  dataset: (name: string) => must(request<DatasetResult>('GET', ds(name))),
  /**
   * The leased record to work on, or null when nothing is left (204). An annotator paused for low
   * accuracy on gold records gets a 403 whose message says why.
   */
  next: (name: string, round: Round = 'annotate') =>
    request<NextRecord>('GET', `${ds(name)}/next${round === 'annotate' ? '' : `?round=${round}`}`),
  records: (name: string, query: string) => must(request<RecordPage>('GET', `${ds(name)}/records?${query}`)),
  record: (id: number) => must(request<RecordResult>('GET', rec(id))),
  /** Where a record came from and what happened to it; annotators get their part only. */
  lineage: (id: number) => must(request<LineageResult>('GET', `${rec(id)}/lineage`)),
  respond: (id: number, body: RespondBody) =>
    must(request<RespondResult>('POST', `${rec(id)}/responses`, { body })),
  skip: (id: number) => must(request<Ok>('POST', `${rec(id)}/skip`, { body: {} })),
  review: (id: number, action: ReviewAction) =>
    must(request<RecordResult>('POST', `${rec(id)}/review`, { body: action })),
  comment: (id: number, body: string) =>
    must(request<CommentResult>('POST', `${rec(id)}/comments`, { body: { body } })),
  bulk: (name: string, body: BulkRequest) =>
    must(
      request<BulkResult>('POST', `${ds(name)}/bulk`, {
        body,
      }),
    ),
  assign: (name: string, usernames: string[], recordIds: number[]) =>
    must(request<AssignedResult>('POST', `${ds(name)}/assignments`, { body: { usernames, recordIds } })),
  progress: (name: string) => must(request<Progress>('GET', `${ds(name)}/progress`)),
  /** Agreement, gold accuracy, consensus, disputes: reviewers, admins and owners only. */
  qa: (name: string) => must(request<QaReport>('GET', `${ds(name)}/qa`)),
  secondReview: (id: number, verdict: SecondVerdict) =>
    must(request<RecordResult>('POST', `${rec(id)}/second-review`, { body: verdict })),
  /** Audits of a dataset and a factual audit's queue (reviewers, admins, owners). */
  audits: (name: string) => must(request<AuditList>('GET', `${ds(name)}/audits`)),
  audit: (name: string, id: number) => must(request<AuditDetail>('GET', `${ds(name)}/audits/${id}`)),
  auditCharts: (name: string, id: number) =>
    must(request<AuditChartList>('GET', `${ds(name)}/audits/${id}/charts`)),
  /** An audit chart's image URL: loaded by an <img>, so the SVG can draw but never run anything. */
  auditChartUrl: (name: string, id: number, index: number, version = 0) =>
    `${ds(name)}/audits/${id}/charts/${index}${version ? `?v=${version}` : ''}`,
  auditQueue: (name: string, id: number) =>
    must(request<AuditQueue>('GET', `${ds(name)}/audits/${id}/queue`)),
  auditVerdict: (name: string, id: number, record: number, body: AuditVerdictBody) =>
    must(request<AuditVerdictResult>('POST', `${ds(name)}/audits/${id}/items/${record}`, { body })),
  /** Lift the pause of annotators paused for low accuracy on gold (admins, owners). */
  resume: (name: string, usernames: string[]) =>
    must(request<MemberList>('POST', `${ds(name)}/members`, { body: { resume: usernames } })),
  /** Releases, their manifests and diffs: admins and owners only. */
  releases: (name: string) => must(request<ReleaseList>('GET', `${ds(name)}/releases`)),
  release: (name: string, version: string) =>
    must(request<ReleaseDetail>('GET', `${ds(name)}/releases/${encodeURIComponent(version)}`)),
  releaseChangelog: (name: string, version: string) =>
    must(request<ReleaseChangelog>('GET', `${ds(name)}/releases/${encodeURIComponent(version)}/changelog`)),
  releaseDiff: (name: string, version: string, against: string) =>
    must(
      request<ReleaseDiffView>(
        'GET',
        `${ds(name)}/releases/${encodeURIComponent(version)}/diff?against=${encodeURIComponent(against)}`,
      ),
    ),
};

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return 'Something went wrong.';
}
