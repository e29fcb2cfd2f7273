import http from 'node:http';
import https from 'node:https';
import { ProviderError } from './errors.js';
import { onAbort } from './scheduler/abort-hub.js';

/**
 * The chat-completions request itself, posted over node:http with keep-alive. Why not the official
 * client here: measured against a local server at 1,200 requests/s, the client spent ~530 µs of CPU
 * per request to this path's ~95 µs (header objects, request logging, WHATWG streams, per-call
 * abort plumbing), and a run on one Node process could not keep 64 slots busy. The client still
 * does everything else (embeddings, files, the Batch API), and this path maps every status the way
 * the client-based path did (the provider tests run against it).
 */

export interface ChatPostTarget {
  label: string;
  /** Ends before `/chat/completions`, e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
}

export interface ChatPostError {
  status: number;
  code: string | null;
  message: string;
  headers: Headers;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 1024, scheduling: 'lifo' }),
};

interface Endpoint {
  client: typeof http | typeof https;
  options: http.RequestOptions;
  /** The Host header: hostname (bracketed if IPv6) and the port unless it is the scheme's default. */
  host: string;
}
const endpoints = new Map<string, Endpoint>();

/** The URL parsed once per base URL, not per request (a run posts thousands a second). */
function endpointOf(baseURL: string): Endpoint {
  let e = endpoints.get(baseURL);
  if (!e) {
    const url = new URL(`${baseURL.replace(/\/+$/, '')}/chat/completions`);
    const secure = url.protocol === 'https:';
    e = {
      client: secure ? https : http,
      options: {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        agent: agents[secure ? 'https:' : 'http:'],
        method: 'POST',
      },
      // Credentials in the URL never reached the server: node:http sends Basic auth only when no
      // Authorization header is set, and the Bearer key always is.
      host: url.host,
    };
    endpoints.set(baseURL, e);
  }
  return e;
}

/** Answers above this are refused rather than buffered: no chat completion is this large. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * POSTs the body; resolves with the parsed JSON of a 2xx answer. A non-2xx answer rejects with a
 * ChatPostError (status, OpenAI error code and message, headers); transport failures reject with
 * ProviderErrors (network, timeout, aborted, malformed).
 */
export function postChatCompletion(
  target: ChatPostTarget,
  body: unknown,
  signal: AbortSignal,
): Promise<unknown> {
  const endpoint = endpointOf(target.baseURL);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(
        new ProviderError(target.label, 'aborted', 'the request was cancelled', { cause: signal.reason }),
      );
      return;
    }
    let outcome: 'aborted' | 'timeout' | undefined;
    // Headers as a flat list are written as they are, without node:http's per-header bookkeeping
    // (setHeader, then the Host header it adds itself): the same request, for less CPU.
    const req = endpoint.client.request({
      ...endpoint.options,
      headers: [
        'Host',
        endpoint.host,
        'Content-Type',
        'application/json',
        'Accept',
        'application/json',
        'Authorization',
        `Bearer ${target.apiKey}`,
        'Content-Length',
        String(Buffer.byteLength(payload)),
      ],
    });
    const timer = setTimeout(() => {
      outcome = 'timeout';
      req.destroy();
    }, target.timeoutMs);
    // The signal is shared by the requests that time out together (see call-deadlines.ts): waiting on
    // it through the hub keeps joining and leaving O(1) however many of them are in flight.
    const leave = onAbort(signal, () => {
      outcome = 'aborted';
      req.destroy();
    });
    const finish = () => {
      clearTimeout(timer);
      leave();
    };
    req.on('error', (e: NodeJS.ErrnoException) => {
      finish();
      if (outcome === 'aborted')
        reject(new ProviderError(target.label, 'aborted', 'the request was cancelled', { cause: e }));
      else if (outcome === 'timeout')
        reject(
          new ProviderError(target.label, 'timeout', `no answer within ${target.timeoutMs} ms`, { cause: e }),
        );
      else
        reject(
          new ProviderError(
            target.label,
            'network',
            `could not reach ${target.baseURL}: ${e.code ?? e.message}`,
            {
              cause: e,
            },
          ),
        );
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) req.destroy(new Error(`answer larger than ${MAX_BYTES} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => {
        finish();
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          try {
            resolve(JSON.parse(text));
          } catch (e) {
            reject(
              new ProviderError(
                target.label,
                'malformed',
                `the answer was not valid JSON: ${(e as Error).message}`,
                {
                  cause: e,
                },
              ),
            );
          }
          return;
        }
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        reject(errorOf(status, text, headers));
      });
    });
    req.end(payload);
  });
}

/** OpenAI's error body is `{"error": {"message", "code", "type"}}`; other servers vary. */
function errorOf(status: number, text: string, headers: Headers): ChatPostError {
  let message = text.slice(0, 500);
  let code: string | null = null;
  try {
    const body = JSON.parse(text) as {
      error?: { message?: unknown; code?: unknown } | string;
      message?: unknown;
    };
    const e = body.error;
    if (typeof e === 'string') message = e;
    else if (e && typeof e.message === 'string') message = e.message;
    else if (typeof body.message === 'string') message = body.message;
    if (e && typeof e === 'object' && typeof e.code === 'string') code = e.code;
  } catch {
    // not JSON: keep the text
  }
  return { status, code, message, headers };
}

export function isChatPostError(e: unknown): e is ChatPostError {
  return typeof e === 'object' && e !== null && 'status' in e && 'headers' in e && !(e instanceof Error);
}
