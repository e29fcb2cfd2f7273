/**
 * Small node:http helpers for the fake server: reading a body, answering JSON, and error bodies in
 * the shape each service uses, so the official SDKs parse them exactly as they would the real ones.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeProtocol, MalformedVariant } from './fake-types.js';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

export function send(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  if (res.destroyed || res.writableEnded) return; // the client gave up while we waited
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** An error that the fake raises itself (bad JSON, unknown id), answered in the endpoint's protocol. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const OPENAI_CODES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'Incorrect API key provided.',
  403: 'Permission denied.',
  404: 'Not found.',
  429: 'Rate limit reached for requests.',
  500: 'The server had an error while processing your request.',
  503: 'The service is temporarily unavailable.',
  529: 'Overloaded',
};

/**
 * `{error: {message, type, param, code}}` for OpenAI; `{type: 'error', error: {type, message}}`
 * for Anthropic.
 */
export function errorBody(protocol: FakeProtocol, status: number, message?: string, code?: string): unknown {
  const text = message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`;
  if (protocol === 'anthropic') {
    return { type: 'error', error: { type: ANTHROPIC_TYPES[status] ?? 'api_error', message: text } };
  }
  const known = OPENAI_CODES[status] ?? { type: 'server_error', code: null };
  return { error: { message: text, type: known.type, param: null, code: code ?? known.code } };
}

/** The JSON object a request carried; a FakeHttpError (400) when it is not one. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new FakeHttpError(400, 'We could not parse the JSON body of your request.');
  }
  if (!isRecord(value)) throw new FakeHttpError(400, 'The request body must be a JSON object.');
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function retryHeaders(fault: {
  retryAfterSeconds?: number;
  retryAfterMs?: number;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  return headers;
}

export function sendMalformed(
  res: ServerResponse,
  variant: MalformedVariant,
  headers: Record<string, string>,
): void {
  if (variant === 'html') {
    send(res, 200, '<html><body><h1>502 Bad Gateway</h1></body></html>', {
      ...headers,
      'content-type': 'text/html',
    });
  } else if (variant === 'wrong_shape') {
    sendJson(res, 200, { id: 'broken', object: 'unknown', model: 'fake' }, headers);
  } else {
    send(res, 200, '{"id": "broken", "choices": [', { ...headers, 'content-type': 'application/json' });
  }
}

export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
