import { ProviderError } from './errors.js';
import { Http1Pool } from './http/http1-pool.js';
import { type Http1Response, headersOf } from './http/http1-response.js';
import { Http1ProtocolError } from './http/protocol-error.js';
import { onAbort } from './scheduler/abort-hub.js';

/**
 * The chat-completions request itself, posted over a keep-alive HTTP/1.1 pool of our own
 * (http/http1-pool.ts). CPU per request against a local server, 64 in flight (`npm run bench --
 * http-post`): the official client ~530 µs, fetch ~860 µs cold / ~460 warm, node:http ~210 / ~100,
 * this pool ~85 / ~50; on a run of a few thousand rows the client's cost was half the runner's. The
 * official client still does everything else (embeddings, files, the Batch API), and this path
 * maps every status the way the client-based path did (the provider tests run against it).
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

interface Endpoint {
  pool: Http1Pool;
  /** The request head up to the Content-Length value, the same for every request with this key. */
  head: string;
}
/** By base URL, then API key: parsed and written once, not per request (a run posts thousands a second). */
const endpoints = new Map<string, Map<string, Endpoint>>();
const pools = new Map<string, Http1Pool>();

function endpointOf(target: ChatPostTarget): Endpoint {
  let byKey = endpoints.get(target.baseURL);
  if (!byKey) {
    byKey = new Map();
    endpoints.set(target.baseURL, byKey);
  }
  let e = byKey.get(target.apiKey);
  if (!e) {
    let url: URL;
    try {
      url = new URL(`${target.baseURL.replace(/\/+$/, '')}/chat/completions`);
    } catch {
      throw new ProviderError(
        target.label,
        'bad_request',
        `the base URL ${JSON.stringify(target.baseURL)} is not a URL (OPENAI_BASE_URL, e.g. http://localhost:8000/v1)`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ProviderError(
        target.label,
        'bad_request',
        `the base URL must be http(s)://, not ${url.protocol}`,
      );
    // A key is written into the request head as it is: a line break in it would add headers of its own.
    if (/[^\x20-\x7e]/.test(target.apiKey))
      throw new ProviderError(
        target.label,
        'auth',
        'the API key contains a line break or a non-ASCII character',
      );
    const secure = url.protocol === 'https:';
    const origin = `${url.protocol}//${url.host}`;
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Http1Pool({
        secure,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: Number(url.port || (secure ? 443 : 80)),
      });
      pools.set(origin, pool);
    }
    // Credentials in the URL are never sent: the Bearer key is the only authorization.
    e = {
      pool,
      head:
        `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
        'Content-Type: application/json\r\nAccept: application/json\r\nAccept-Encoding: identity\r\n' +
        `Authorization: Bearer ${target.apiKey}\r\nContent-Length: `,
    };
    byKey.set(target.apiKey, e);
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
  if (signal.aborted)
    return Promise.reject(
      new ProviderError(target.label, 'aborted', 'the request was cancelled', { cause: signal.reason }),
    );
  let endpoint: Endpoint;
  try {
    endpoint = endpointOf(target);
  } catch (e) {
    return Promise.reject(e);
  }
  const payload = JSON.stringify(body);
  const exchange = endpoint.pool.send(
    `${endpoint.head}${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    MAX_BYTES,
  );
  let outcome: 'aborted' | 'timeout' | undefined;
  const timer = setTimeout(() => {
    outcome = 'timeout';
    exchange.cancel(new Error('timeout'));
  }, target.timeoutMs);
  // The signal is shared by the requests that time out together (see call-deadlines.ts): waiting on
  // it through the hub keeps joining and leaving O(1) however many of them are in flight.
  const leave = onAbort(signal, () => {
    outcome = 'aborted';
    exchange.cancel(new Error('aborted'));
  });
  return exchange.done.then(
    (res) => {
      clearTimeout(timer);
      leave();
      return answerOf(target, res);
    },
    (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      leave();
      if (outcome === 'aborted')
        throw new ProviderError(target.label, 'aborted', 'the request was cancelled', { cause: e });
      if (outcome === 'timeout')
        throw new ProviderError(target.label, 'timeout', `no answer within ${target.timeoutMs} ms`, {
          cause: e,
        });
      // The server answered, but not in HTTP this client can read: not a connection failure.
      if (e instanceof Http1ProtocolError)
        throw new ProviderError(
          target.label,
          'malformed',
          `unreadable answer from ${target.baseURL}: ${e.message}`,
          {
            cause: e,
          },
        );
      throw new ProviderError(
        target.label,
        'network',
        `could not reach ${target.baseURL}: ${e.code ?? e.message}`,
        { cause: e },
      );
    },
  );
}

function answerOf(target: ChatPostTarget, res: Http1Response): unknown {
  const text = res.body.toString('utf8');
  if (res.status >= 200 && res.status < 300) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ProviderError(
        target.label,
        'malformed',
        `the answer was not valid JSON: ${(e as Error).message}`,
        { cause: e },
      );
    }
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(headersOf(res.head))) {
    try {
      headers.set(k, v);
    } catch {
      // a header value Headers refuses (a control character) is one we have no use for
    }
  }
  throw errorOf(res.status, text, headers);
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
