import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Caller } from '../core/actor.js';
import type { Role } from '../core/annotation.js';
import { badInput } from '../core/errors.js';
import { type Access, admit } from './authenticate.js';

/**
 * One API route, declared once: who may call it, what it takes, what it answers, what it does. The
 * same declaration registers the Fastify handler, builds the OpenAPI document and drives the role ×
 * endpoint test, so the three cannot disagree.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type { Access } from './authenticate.js';

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
  /** The shape of the body per status (from `src/core/api`), for the OpenAPI document. */
  response?: ResponseShapes;
}

/** Response body shapes by status code. */
export type ResponseShapes = Partial<Record<number, z.ZodType>>;

/**
 * What a handler may return: the server's side (`z.input`) of a declared response shape, or the
 * reply when it sent one itself (a 204, a 401). Without a declared shape, anything. Responses are
 * not parsed at run time (the hot paths answer in about a millisecond of CPU, and a parse would add
 * to every one); this makes `tsc` hold each handler to its declaration instead.
 */
export type HandlerResult<R extends ResponseShapes> = [keyof R] extends [never]
  ? unknown
  : { [K in keyof R]: R[K] extends z.ZodType ? z.input<R[K]> : never }[keyof R] | FastifyReply;

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

/** The body limit of a route that does not set one. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export const STAFF = ['owner', 'admin'] as const satisfies readonly Role[];
export const REVIEWERS = ['owner', 'admin', 'reviewer'] as const satisfies readonly Role[];

export function defineRoute<
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUnknown,
  // biome-ignore lint/complexity/noBannedTypes: no declared response shapes is the empty object type
  R extends ResponseShapes = {},
>(
  spec: Omit<RouteDoc, 'params' | 'query' | 'body' | 'responses' | 'response'> & {
    params?: P;
    query?: Q;
    body?: B;
    responses?: Record<number, string>;
    response?: R;
    /** Fastify route config. */
    config?: Record<string, unknown>;
    /** The largest body the route reads, in bytes (default 1 MiB: an answer is kilobytes). */
    bodyLimit?: number;
    handler: (h: Handled<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<HandlerResult<R>>;
  },
): Route {
  const { handler, config, bodyLimit, ...doc } = spec;
  return {
    ...doc,
    responses: spec.responses ?? descriptionsOf(spec.response),
    register(app) {
      app.route({
        method: spec.method,
        url: spec.url,
        bodyLimit: bodyLimit ?? DEFAULT_BODY_LIMIT,
        // `authenticate.ts` reads `access` here to answer 401/403 before the body is parsed.
        config: { ...config, access: spec.access },
        handler: async (request, reply) => {
          // Already checked in `onRequest`, before the body was read; again here so no route relies on a hook.
          const caller = admit(request.caller, spec.access);
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

/** Without descriptions: 'OK' for each declared status, or a bare 200. */
function descriptionsOf(response: ResponseShapes | undefined): Record<number, string> {
  const codes = Object.keys(response ?? {}).map(Number);
  if (!codes.length) return { 200: 'OK' };
  return Object.fromEntries(codes.map((c) => [c, c === 201 ? 'Created' : 'OK']));
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

/** The path of a route under `/api/datasets/:name`. */
export const datasetPath = z.strictObject({ name: z.string().min(1).max(200) });
/** The path of a route under `/api/records/:id`. */
export const recordPath = z.strictObject({ id: idParam });
