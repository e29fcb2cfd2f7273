import type { ProviderFailure } from './errors.js';

/**
 * Reading HTTP error answers, the same for every service: how long the service asks us to wait,
 * the innermost cause of a connection failure (`ECONNREFUSED` says more than `fetch failed`), and
 * the message a person reads for each kind of failure.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `retry-after-ms` (OpenAI's), else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function rootCause(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(e) && e.cause !== undefined; depth++) e = e.cause;
  if (isRecord(e) && typeof e.code === 'string') return e.code;
  return e instanceof Error ? e.message : String(e);
}

/** What to tell a person about a failed request. `keyVariable` names the setting that fixes a 401. */
export function failureMessage(
  failure: ProviderFailure,
  status: number,
  detail: string,
  options: { keyVariable: string; baseURL?: string | undefined },
): string {
  const where = options.baseURL ? ` by ${options.baseURL}` : '';
  switch (failure) {
    case 'auth':
      return status === 401
        ? `the API key was rejected${where} (401) — set ${options.keyVariable}`
        : `access was denied${where} (${status}): ${detail}`;
    case 'quota':
      return `the account is out of credit (${status}) — check the plan and billing: ${detail}`;
    case 'rate_limited':
      return `rate limited (429): ${detail}`;
    case 'overloaded':
      return `the service is overloaded (${status}): ${detail}`;
    case 'server':
      return `server error (${status}): ${detail}`;
    case 'timeout':
      return `the service timed out (${status}): ${detail}`;
    default:
      return status === 404
        ? `not found (404) — check the model name: ${detail}`
        : `the request was refused (${status}): ${detail}`;
  }
}
