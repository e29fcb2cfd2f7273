/**
 * Provider failures, sorted by what the caller should do about them: wait and retry, or stop
 * at once with a message a person can act on (a bad key does not get better with retries).
 */

export type ProviderFailure =
  | 'rate_limited' // 429: slow down, retry after the service's hint
  | 'overloaded' // 529 / 503: the service is busy, retry
  | 'server' // 5xx: retry
  | 'timeout' // no answer within the request timeout: retry
  | 'network' // connection refused or reset: retry
  | 'malformed' // a 2xx whose body is not the protocol's shape: retry
  | 'auth' // 401/403: bad or missing key — fail fast
  | 'quota' // out of credit (OpenAI's insufficient_quota 429) — fail fast
  | 'bad_request' // 400/404/422: the request itself is wrong — fail fast
  | 'unreachable' // connection failures went on past the run's wait (see circuit-breaker.ts) — stop
  | 'aborted'; // the caller cancelled — stop

const RETRYABLE: ReadonlySet<ProviderFailure> = new Set([
  'rate_limited',
  'overloaded',
  'server',
  'timeout',
  'network',
  'malformed',
]);

export class ProviderError extends Error {
  readonly failure: ProviderFailure;
  readonly status: number | undefined;
  /** The service's `Retry-After` (or equivalent) in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;
  readonly provider: string;

  constructor(
    provider: string,
    failure: ProviderFailure,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${provider}: ${message}`, { cause: options.cause });
    this.name = 'ProviderError';
    this.provider = provider;
    this.failure = failure;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.failure);
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
