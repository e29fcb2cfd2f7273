import { TandemError } from '../core/errors.js';

/**
 * Turns database driver errors a user can cause or wait out into TandemErrors with a plain
 * message; anything else passes through unchanged (and is reported as an internal error).
 */
export function translateDbError(e: unknown): unknown {
  if (e instanceof TandemError || typeof e !== 'object' || e === null) return e;
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new TandemError(
      'conflict',
      'the store is busy: another process is writing to it (an import?); try again when it finishes',
      {
        cause: e,
      },
    );
  }
  if (code === 'SQLITE_READONLY')
    return new TandemError('forbidden', 'the store is read-only (check file permissions)', { cause: e });
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new TandemError('internal', 'the disk is full', { cause: e });
  // PostgreSQL cannot store U+0000 in text (22021) nor in jsonb (22P05); SQLite can. One rule for
  // both: the API and imports refuse it first, and what still reaches PostgreSQL is bad input too.
  if (code === '22021' || code === '22P05')
    return new TandemError('bad_input', 'text with the character U+0000 cannot be stored', { cause: e });
  if (code === 'ECONNREFUSED')
    return new TandemError('internal', 'cannot reach the PostgreSQL server', { cause: e });
  return e;
}
