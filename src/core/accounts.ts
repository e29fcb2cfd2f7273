import { z } from 'zod';
import { role } from './annotation.js';
import { languageCode } from './names.js';

/** What a user name may be: the CLI's `users add`, the API's `POST /api/users` and a users file alike. */
export const username = z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'letters, digits and . _ @ - only');

/**
 * One account to create, as `POST /api/users` takes it and as each row of a users file gives it
 * (`tandem users add --file`). Without a password one is generated (and shown once); the password
 * policy applies to a given one. `datasets` makes the user a member of each; `token` also creates an
 * API token with that label.
 */
export const newAccount = z.strictObject({
  username,
  role,
  languages: z.array(languageCode).max(50).default([]),
  password: z.string().min(1).max(1000).optional(),
  datasets: z.array(z.string().min(1).max(200)).max(1000).default([]),
  token: z.string().min(1).max(100).optional(),
});
export type NewAccount = z.infer<typeof newAccount>;
export type NewAccountInput = z.input<typeof newAccount>;
