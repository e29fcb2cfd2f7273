import { z } from 'zod';
import { apiError } from '../core/api/errors.js';
import type { RouteDoc } from './route.js';

/**
 * The OpenAPI 3.1 document, built from the same route declarations that serve the requests: every
 * route, who may call it, the JSON Schema of its path, query and body (from their zod schemas) and
 * of what it answers (from the shared shapes of `src/core/api` that the web app reads).
 */
export function openApiDocument(routes: RouteDoc[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters = [...objectParams(r.params, 'path'), ...objectParams(r.query, 'query')];
    const who =
      r.access === 'public'
        ? 'anyone'
        : r.access === 'user'
          ? 'any logged-in user'
          : `roles: ${r.access.join(', ')}`;
    const responses: Record<string, { description: string; content?: unknown }> = {};
    for (const [code, description] of Object.entries(r.responses)) responses[code] = { description };
    if (r.access !== 'public') {
      responses['401'] ??= { description: 'not logged in' };
      responses['403'] ??= {
        description: 'wrong role, or a missing x-csrf-token',
      };
    }
    responses['400'] ??= { description: 'invalid input: the message names the parameter' };
    for (const [code, shape] of Object.entries(r.response ?? {}))
      if (shape)
        responses[code] = {
          description: responses[code]?.description ?? 'OK',
          content: json(jsonSchema(shape, 'output')),
        };
    for (const [code, response] of Object.entries(responses))
      if (Number(code) >= 400) response.content = json(errorSchema);
    const item = paths[path] ?? {};
    paths[path] = item;
    item[r.method.toLowerCase()] = {
      summary: r.summary,
      description: `Who: ${who}.`,
      tags: [r.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: json(jsonSchema(r.body)) } } : {}),
      responses,
      ...(r.access === 'public' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem API',
      version,
      description:
        'The annotation app and scripts use the same API. Log in with POST /api/login (session cookie; writes echo the csrfToken in x-csrf-token) or send Authorization: Bearer TOKEN (tandem users token NAME).',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}

/**
 * A zod schema as JSON Schema: requests as the server takes them (`input`), responses as clients
 * read them (`output`: answers as their shapes, where the server's side is whatever it stored).
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): unknown {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const json = (schema: unknown) => ({ 'application/json': { schema } });
const errorSchema = jsonSchema(apiError, 'output');

function objectParams(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: p,
  }));
}
