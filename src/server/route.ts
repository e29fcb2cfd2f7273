import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Caller } from '../core/actor.js';
import type { Role } from '../core/annotation.js';
import { badInput, TandemError } from '../core/errors.js';

/**
 * One API route, declared once: who may call it, what it takes, what it does. The same declaration
 * registers the Fastify handler, builds the OpenAPI document and drives the role × endpoint test, so
 * the three cannot disagree.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: anyone; `user`: any logged-in caller; otherwise the roles admitted. */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteDoc {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status codes the route answers besides the errors every route may give. */
  responses: Record<number, string>;
}

export interface Route extends RouteDoc {
  register(app: FastifyInstance): void;
}

export interface Handled<P, Q, B> {
  request: FastifyRequest;
  reply: FastifyReply;
  /** Present on every route but `public` ones. */
  caller: Caller;
  params: P;
  query: Q;
  body: B;
}

export const STAFF = ['owner', 'admin'] as const satisfies readonly Role[];
export const REVIEWERS = ['owner', 'admin', 'reviewer'] as const satisfies readonly Role[];

export function defineRoute<
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUnknown,
>(
  spec: Omit<RouteDoc, 'params' | 'query' | 'body' | 'responses'> & {
    params?: P;
    query?: Q;
    body?: B;
    responses?: Record<number, string>;
    /** Fastify route config, e.g. a rate limit. */
    config?: Record<string, unknown>;
    handler: (h: Handled<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>;
  },
): Route {
  const { handler, config, ...doc } = spec;
  return {
    ...doc,
    responses: spec.responses ?? { 200: 'OK' },
    register(app) {
      app.route({
        method: spec.method,
        url: spec.url,
        ...(config ? { config } : {}),
        handler: async (request, reply) => {
          const caller = admit(request, spec.access);
          const params = parse(spec.params, request.params, 'path');
          const query = parse(spec.query, request.query, 'query');
          const body = parse(spec.body, request.body ?? {}, 'body');
          return handler({
            request,
            reply,
            caller: caller as Caller,
            params: params as z.infer<P>,
            query: query as z.infer<Q>,
            body: body as z.infer<B>,
          });
        },
      });
    },
  };
}

function admit(request: FastifyRequest, access: Access): Caller | undefined {
  if (access === 'public') return request.caller;
  const caller = request.caller;
  if (!caller) throw new TandemError('unauthenticated', 'log in first');
  if (access !== 'user' && !access.includes(caller.role))
    throw new TandemError('forbidden', `this needs the role ${access.join(' or ')}; you are ${caller.role}`);
  return caller;
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw badInput(`${where} ${path}${issue.message}`);
}

/** A positive integer from a path or query string. */
export const idParam = z.coerce.number().int().positive();
