import type { ErrorCode } from '../core/errors.js';

/** HTTP status per error code, as `core/errors.ts` documents them. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'bad_input':
    case 'usage':
      return 400;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'invalid_transition':
      return 409;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'paused':
      return 403;
    case 'unsupported':
      return 422;
    case 'rate_limited':
      return 429;
    case 'provider':
      return 502;
    default:
      return 500;
  }
}
