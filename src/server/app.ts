import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Caller } from '../core/actor.js';
import type { Role } from '../core/annotation.js';
import { isTandemError, TandemError } from '../core/errors.js';
import { translateDbError } from '../store/db-errors.js';
import type { Store } from '../store/store.js';
import type { SessionOptions } from './auth/session-cookie.js';
import { installAuthentication } from './authenticate.js';
import { installJsonBodyParser } from './json-body.js';
import { openApiDocument } from './openapi.js';
import { DEFAULT_BODY_LIMIT, type Route } from './route.js';
import { auditRoutes } from './routes/audits.js';
import { authRoutes } from './routes/auth.js';
import { datasetRoutes } from './routes/datasets.js';
import { lineageRoutes } from './routes/lineage.js';
import { queueRoutes } from './routes/queue.js';
import { recordRoutes } from './routes/records.js';
import { releaseRoutes } from './routes/releases.js';
import { responseRoutes } from './routes/responses.js';
import { userRoutes } from './routes/users.js';
import { statusFor } from './status.js';
import { VERSION } from './version.js';
import { defaultWebRoot, serveWebApp } from './web-app.js';

/**
 * The HTTP API. It holds no state of its own — sessions live in the store — so several servers can
 * share one PostgreSQL behind a load balancer. Every request is resolved to a caller (a session
 * cookie or a Bearer token) when it arrives, before its body is read; routes say which roles they
 * admit, and a caller they do not admit is answered before the body is parsed (`authenticate.ts`).
 */

export { SESSION_COOKIE } from './auth/session-cookie.js';

export interface ServerOptions extends SessionOptions {
  logger?: boolean;
  /** How long a handed-out record stays reserved. Default 30 minutes. */
  leaseMs?: number;
  /** The built web app (`dist/web`). */
  webRoot?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | undefined;
  }
}

export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: DEFAULT_BODY_LIMIT });
  await app.register(fastifyCookie);
  app.decorateRequest('caller', undefined);

  installJsonBodyParser(app);
  installAuthentication(app, store);

  app.setErrorHandler((raw: unknown, _request, reply) => {
    const error = translateDbError(raw);
    if (isTandemError(error)) {
      const retry = error.details?.retryAfterSeconds;
      if (typeof retry === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retry))));
      return reply.code(statusFor(error.code)).send({ error: { code: error.code, message: error.message } });
    }
    const e = error as { statusCode?: number; message?: string; validation?: unknown };
    if (e.statusCode && e.statusCode < 500)
      return reply.code(e.statusCode).send({ error: { code: 'bad_request', message: e.message } });
    reply.log.error(error);
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error' } });
  });

  app.addHook('onSend', async (_request, reply) => {
    // Defence in depth behind rendering every record as text: no inline script, no eval, no framing.
    // A route may set a stricter policy of its own (an audit chart's SVG: `default-src 'none'`).
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });

  const routes = apiRoutes(store, options);
  for (const r of routes) r.register(app);
  const document = openApiDocument(routes, VERSION);
  app.get('/api/docs', async () => document);
  await serveWebApp(app, options.webRoot ?? defaultWebRoot());
  return app;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Every API route, in the order the OpenAPI document lists them. */
export function apiRoutes(store: Store, options: ServerOptions = {}): Route[] {
  return [
    ...authRoutes(store, options),
    ...datasetRoutes(store),
    ...queueRoutes(store, options),
    ...recordRoutes(store),
    ...lineageRoutes(store),
    ...responseRoutes(store, options),
    ...userRoutes(store),
    ...auditRoutes(store),
    ...releaseRoutes(store),
  ];
}

/** The caller, if their role is one of `roles`; a 401 without a caller, a 403 with the wrong role. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Caller {
  const caller = request.caller;
  if (!caller) throw new TandemError('unauthenticated', 'log in first');
  if (roles.length > 0 && !roles.includes(caller.role))
    throw new TandemError('forbidden', `this needs the role ${roles.join(' or ')}; you are ${caller.role}`);
  return caller;
}

export type Reply = FastifyReply;
