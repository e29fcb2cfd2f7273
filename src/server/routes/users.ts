import { z } from 'zod';
import { newAccount, username } from '../../core/accounts.js';
import { userActor } from '../../core/actor.js';
import { role } from '../../core/annotation.js';
import { accountList, accountResult, createdAccount, createdToken } from '../../core/api/users.js';
import { notFound, TandemError } from '../../core/errors.js';
import { languageCode } from '../../core/names.js';
import type { Store } from '../../store/store.js';
import { accountProblems, createAccounts } from '../auth/provision.js';
import { defineRoute, type Route, STAFF } from '../route.js';

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
      summary:
        'Add an account (with dataset memberships and an API token if asked); a generated password, when none is given, is shown once',
      access: STAFF,
      response: { 201: createdAccount },
      body: newAccount,
      responses: {
        201: 'the user, their one-time password (when generated) and token (when asked)',
        400: 'a password the policy refuses',
        403: 'an admin adding an owner',
        404: 'a dataset that does not exist',
        409: 'the name is taken',
      },
      handler: async ({ caller, body, reply }) => {
        // The same checks as `tandem users add`; admins run the team, only an owner makes an owner.
        const [problem] = await accountProblems(store, [body], caller.role);
        if (problem) throw new TandemError(problem.code, problem.message);
        const [created] = await createAccounts(store, [body], userActor(caller));
        reply.code(201);
        const { user, ...secrets } = created!;
        return { user: publicUser(user), ...secrets };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users/:username/tokens',
      tag: 'users',
      summary: 'Create an API token for a user (Authorization: Bearer TOKEN); shown once',
      access: STAFF,
      response: { 201: createdToken },
      params: z.strictObject({ username }),
      body: z.strictObject({ label: z.string().trim().min(1).max(100).default('api') }),
      responses: { 201: 'the token, shown this once', 403: "an admin asking for an owner's token" },
      handler: async ({ caller, params, body, reply }) => {
        const user = await store.users.find(params.username);
        if (!user) throw notFound('user', params.username);
        // A token acts as its user: an admin must not gain an owner's powers through one.
        if (user.role === 'owner' && caller.role !== 'owner')
          throw new TandemError('forbidden', "only an owner can create an owner's token");
        if (user.disabled) throw new TandemError('conflict', `user '${user.username}' is disabled`);
        const token = await store.auth.createApiToken(user.id, body.label, userActor(caller));
        reply.code(201);
        return { user: user.username, label: body.label, token };
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
