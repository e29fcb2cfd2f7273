import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../core/actor.js';
import type { Role } from '../core/annotation.js';
import { badInput, TandemError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { SESSION_COOKIE } from './auth/session-cookie.js';

/**
 * Who is calling, decided in `onRequest`: before the body is read, so a caller who may not use a
 * route is answered 401/403 without the server parsing whatever they sent. The route's `access`
 * travels in its Fastify `config` (set by `defineRoute`); routes without it (the web app, the
 * OpenAPI document) only get the caller resolved.
 */

/** `public`: anyone; `user`: any logged-in caller; otherwise the roles admitted. */
export type Access = 'public' | 'user' | readonly Role[];

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installAuthentication(app: FastifyInstance, store: Store): void {
  app.addHook('onRequest', async (request, reply) => {
    // U+0000 cannot be stored on PostgreSQL: refuse it in the path and query as the body parser does.
    if (/%00|\0/.test(request.url)) throw badInput('the URL contains the character U+0000');
    request.caller = await resolveCaller(request, store);
    const caller = request.caller;
    // Cookies travel with cross-site requests; a write must also prove it came from our page.
    if (
      caller?.via === 'session' &&
      WRITES.has(request.method) &&
      request.routeOptions.url !== '/api/login' &&
      request.headers['x-csrf-token'] !== caller.csrfToken
    )
      return reply
        .code(403)
        .send({ error: { code: 'csrf', message: 'missing or wrong x-csrf-token header' } });
    admit(caller, (request.routeOptions.config as { access?: Access } | undefined)?.access);
  });
}

async function resolveCaller(request: FastifyRequest, store: Store): Promise<Caller | undefined> {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const caller = await store.auth.callerByToken(auth.slice(7).trim());
    if (!caller) throw new TandemError('unauthenticated', 'unknown or revoked token');
    return caller;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? store.auth.callerBySession(cookie) : undefined;
}

/** The caller when `access` admits them; a 401 without a caller, a 403 with the wrong role. */
export function admit(caller: Caller | undefined, access: Access | undefined): Caller | undefined {
  if (access === undefined || access === 'public') return caller;
  if (!caller) throw new TandemError('unauthenticated', 'log in first');
  if (access !== 'user' && !access.includes(caller.role))
    throw new TandemError('forbidden', `this needs the role ${access.join(' or ')}; you are ${caller.role}`);
  return caller;
}
