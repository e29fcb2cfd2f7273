/**
 * Which endpoint a request is for, and its body parsed the way that endpoint expects (JSON, or the
 * multipart form of a file upload).
 */

import type { IncomingMessage } from 'node:http';
import { parseJsonObject } from './fake-http.js';
import type { FakeEndpoint } from './fake-types.js';

export interface Route {
  endpoint: FakeEndpoint;
  /** For counters: `/v1/batches/:id`. */
  template: string;
  id: string;
}

const ROUTES: readonly [method: string, pattern: RegExp, endpoint: FakeEndpoint, template: string][] = [
  ['POST', /^\/chat\/completions$/, 'chat', '/chat/completions'],
  ['POST', /^\/embeddings$/, 'embeddings', '/embeddings'],
  ['POST', /^\/files$/, 'file_upload', '/files'],
  ['GET', /^\/files\/([^/]+)$/, 'file', '/files/:id'],
  ['GET', /^\/files\/([^/]+)\/content$/, 'file_content', '/files/:id/content'],
  ['POST', /^\/batches$/, 'batch_create', '/batches'],
  ['GET', /^\/batches$/, 'batch_list', '/batches'],
  ['GET', /^\/batches\/([^/]+)$/, 'batch', '/batches/:id'],
  ['POST', /^\/batches\/([^/]+)\/cancel$/, 'batch_cancel', '/batches/:id/cancel'],
  ['POST', /^\/messages$/, 'messages', '/messages'],
];

/** Paths are accepted with or without the `/v1` prefix (and with it twice, from a doubled baseURL). */
export function route(method: string, pathname: string): Route | undefined {
  const path = pathname.replace(/^(\/v1)+(?=\/)/, '');
  for (const [m, pattern, endpoint, template] of ROUTES) {
    const match = m === method ? pattern.exec(path) : null;
    if (match) return { endpoint, template, id: decodeURIComponent(match[1] ?? '') };
  }
  return undefined;
}

const BODYLESS: ReadonlySet<FakeEndpoint> = new Set([
  'file',
  'file_content',
  'batch',
  'batch_list',
  'batch_cancel',
]);

export interface ParsedBody {
  json: Record<string, unknown>;
  form: FormData | undefined;
  /** What the log and fault plans see. */
  summary: unknown;
}

export async function parseBody(
  endpoint: FakeEndpoint,
  raw: Buffer,
  req: IncomingMessage,
): Promise<ParsedBody> {
  if (BODYLESS.has(endpoint) && raw.length === 0) return { json: {}, form: undefined, summary: undefined };
  const contentType = req.headers['content-type'] ?? '';
  if (endpoint === 'file_upload' && contentType.startsWith('multipart/form-data')) {
    const request = new Request('http://fake/v1/files', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    });
    const form = await request.formData();
    const file = form.get('file');
    const summary = {
      purpose: form.get('purpose'),
      filename: typeof file === 'string' ? undefined : file?.name,
      bytes: typeof file === 'string' ? undefined : file?.size,
    };
    return { json: {}, form, summary };
  }
  const json = parseJsonObject(raw);
  return { json, form: undefined, summary: json };
}
