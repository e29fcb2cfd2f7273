import { z } from 'zod';
import { role } from '../annotation.js';
import { languageCode } from '../names.js';
import { storedText } from './stored.js';

// `ok` is always true, but a boolean here: TypeScript widens a handler's `{ ok: true }` to boolean
// while it infers the route's declared shape, so a literal would fail the handler check.

/** `GET /api/health`. */
export const health = z.object({ ok: z.boolean(), db: z.enum(['sqlite', 'postgres']) });

/** The caller as the app knows them: `POST /api/login`, `GET /api/me`. */
export const sessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  role,
  languages: z.array(z.string()),
});
export type User = z.infer<typeof sessionUser>;

export const session = z.object({
  user: sessionUser,
  /** What every write with the session cookie echoes in `x-csrf-token`; absent for Bearer tokens. */
  csrfToken: z.string().optional(),
});
export type SessionInfo = z.infer<typeof session>;

export const loginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** `POST /api/logout`, `POST /api/records/{id}/skip`. */
export const ok = z.object({ ok: z.boolean() });
export type Ok = z.infer<typeof ok>;

/** An account as admins manage it (`/api/users`). */
export const account = z.object({
  id: z.number().int(),
  username: z.string(),
  role: storedText(role),
  languages: z.array(languageCode),
  disabled: z.boolean(),
});
export type Account = z.infer<typeof account>;

export const accountList = z.object({ users: z.array(account) });
export const accountResult = z.object({ user: account });
/** A new account; its generated password (none when one was given) and API token, shown this once. */
export const createdAccount = z.object({
  user: account,
  password: z.string().optional(),
  token: z.string().optional(),
});
/** `POST /api/users/{name}/tokens`: the token, shown this once. */
export const createdToken = z.object({ user: z.string(), label: z.string(), token: z.string() });
