import { z } from 'zod';
import { role } from '../../core/annotation.js';
import { accountList, accountResult, createdAccount } from '../../core/api/users.js';
import { TandemError } from '../../core/errors.js';
import { languageCode } from '../../core/names.js';
import type { Store } from '../../store/store.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import { defineRoute, type Route, STAFF } from '../route.js';

const username = z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'letters, digits and . _ @ - only');
const publicUser = (u: {
  id: number;
  username: string;
  role: string;
  languages: string[];
  disabled: boolean;
}) => ({
  id: u.id,
  username: u.username,
  role: u.role,
  languages: u.languages,
  disabled: u.disabled,
});

export function userRoutes(store: Store): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/users',
      tag: 'users',
      summary: 'Every account',
      access: STAFF,
      response: { 200: accountList },
      handler: async () => ({ users: (await store.auth.listUsers()).map(publicUser) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      tag: 'users',
      summary: 'Add an account; answers with a generated password, shown once',
      access: STAFF,
      response: { 201: createdAccount },
      body: z.strictObject({ username, role, languages: z.array(languageCode).max(50).default([]) }),
      responses: { 201: 'the user and their one-time password', 409: 'the name is taken' },
      handler: async ({ caller, body, reply }) => {
        // Admins run the team; only an owner makes another owner.
        if (body.role === 'owner' && caller.role !== 'owner')
          throw new TandemError('forbidden', 'only an owner can add an owner');
        const password = generatePassword();
        const user = await store.users.create(
          {
            username: body.username,
            role: body.role,
            languages: body.languages,
            passwordHash: await hashPassword(password),
          },
          `user:${caller.username}`,
        );
        reply.code(201);
        return { user: publicUser(user), password };
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:username',
      tag: 'users',
      summary: "Change a user's role or languages, or disable them (which ends their sessions)",
      access: STAFF,
      response: { 200: accountResult },
      params: z.strictObject({ username }),
      body: z.strictObject({
        role: role.optional(),
        languages: z.array(languageCode).max(50).optional(),
        disabled: z.boolean().optional(),
      }),
      handler: async ({ caller, params, body }) => {
        const target = await store.users.find(params.username);
        if (caller.role !== 'owner' && (target?.role === 'owner' || body.role === 'owner'))
          throw new TandemError('forbidden', 'only an owner can change an owner or make one');
        if (target?.id === caller.id && (body.disabled || (body.role && body.role !== caller.role)))
          throw new TandemError('forbidden', 'you cannot disable yourself or change your own role');
        return {
          user: publicUser(await store.users.update(params.username, body, `user:${caller.username}`)),
        };
      },
    }),
  ];
}
