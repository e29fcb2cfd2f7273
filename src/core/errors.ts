/**
 * Typed errors. Every failure a user can cause is a TandemError with a code; the CLI maps
 * codes to exit codes and the API to HTTP statuses, so no user mistake surfaces as a stack trace.
 */

export type ErrorCode =
  | 'bad_input' // a data or settings file is wrong: exit 2, HTTP 400
  | 'usage' // flags or arguments are wrong: exit 2, HTTP 400
  | 'not_found' // a named thing does not exist: exit 1, HTTP 404
  | 'conflict' // a concurrent edit won, or a unique name is taken: exit 1, HTTP 409
  | 'invalid_transition' // the record lifecycle does not allow this in the record's state: exit 1, HTTP 409
  | 'unauthenticated' // no valid credentials: no session, an expired one, an unknown or revoked token, a wrong password: exit 1, HTTP 401
  | 'forbidden' // the caller is known but may not do this: exit 1, HTTP 403
  | 'paused' // the caller is paused on a dataset (low accuracy on gold) until an admin resumes them: HTTP 403
  | 'rate_limited' // too many attempts (logins): HTTP 429 with Retry-After, exit 1
  | 'unsupported' // valid input that this export/format cannot express: exit 1, HTTP 422
  | 'provider' // a model service refused the run (bad key, quota, bad request): exit 1, HTTP 502
  | 'internal'; // a bug or an environment failure: exit 1, HTTP 500

/** Where in a file a problem was found. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: SourceLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
  return s;
}

export class TandemError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly details: Record<string, unknown> | undefined;
  /** The message without its location prefix. */
  readonly reason: string;

  constructor(
    code: ErrorCode,
    message: string,
    options: { location?: SourceLocation; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(options.location ? `${formatLocation(options.location)}: ${message}` : message, {
      cause: options.cause,
    });
    this.name = 'TandemError';
    this.reason = message;
    this.code = code;
    this.location = options.location;
    this.details = options.details;
  }
}

export const badInput = (message: string, location?: SourceLocation, details?: Record<string, unknown>) =>
  new TandemError('bad_input', message, { location, details });

export const notFound = (what: string, name: string | number) =>
  new TandemError('not_found', `${what} '${name}' does not exist`, { details: { what, name } });

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new TandemError('conflict', message, { details });

export const usage = (message: string) => new TandemError('usage', message);

export function isTandemError(e: unknown): e is TandemError {
  return e instanceof TandemError;
}

/** Exit code per the CLI contract: 2 for bad usage or bad input, 1 for every other failure. */
export function exitCodeFor(e: unknown): 1 | 2 {
  if (isTandemError(e) && (e.code === 'bad_input' || e.code === 'usage')) return 2;
  return 1;
}
