/**
 * The vocabulary of the fake LLM server: what a test can make it do (faults, latency, a responder)
 * and what it records (counters, a request log). Kept apart from the server so tests and
 * benchmarks can type their plans without importing node:http.
 */

/** Which route a request hit; faults and counters are keyed on it. */
export type FakeEndpoint =
  | 'chat' // POST /v1/chat/completions
  | 'embeddings' // POST /v1/embeddings
  | 'file_upload' // POST /v1/files
  | 'file' // GET /v1/files/:id
  | 'file_content' // GET /v1/files/:id/content
  | 'batch_create' // POST /v1/batches
  | 'batch_list' // GET /v1/batches
  | 'batch' // GET /v1/batches/:id
  | 'batch_cancel' // POST /v1/batches/:id/cancel
  | 'messages'; // POST /v1/messages (Anthropic)

/** Errors are shaped like the service the endpoint imitates. */
export type FakeProtocol = 'openai' | 'anthropic';

/**
 * What to do with one request instead of answering it normally.
 * - `status`: answer with this HTTP status and the protocol's error body (or `body` verbatim);
 *   `retryAfterSeconds` / `retryAfterMs` set the `retry-after` / `retry-after-ms` headers.
 * - `hang`: never answer; the request ends when the client gives up (or the server closes).
 * - `malformed`: a 200 the client cannot use — `not_json` (JSON content type, broken body),
 *   `html` (a proxy's HTML page), `wrong_shape` (valid JSON without `choices` / `content` / `data`).
 */
export type Fault =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; retryAfterSeconds?: number; retryAfterMs?: number; body?: unknown }
  | { kind: 'hang' }
  | { kind: 'malformed'; variant?: MalformedVariant };

export type MalformedVariant = 'not_json' | 'html' | 'wrong_shape';

export interface FaultContext {
  /** 0-based position of this request among all requests the server received. */
  index: number;
  endpoint: FakeEndpoint;
  path: string;
  /** The parsed JSON body (or a summary of a multipart upload), `undefined` for GETs. */
  body: unknown;
}

/**
 * Either a function asked about every request, or a schedule: entry n applies to the n-th request
 * after the array was assigned (`undefined` = answer normally). Assigning a new array restarts it.
 */
export type FaultPlan = ((context: FaultContext) => Fault | undefined) | readonly (Fault | undefined)[];

/** One chat request, normalised across OpenAI and Anthropic, as a responder sees it. */
export interface FakeChatRequest {
  protocol: FakeProtocol;
  model: string;
  /** System (and OpenAI `developer`) messages joined; Anthropic's top-level `system`. */
  system: string | undefined;
  /** The non-system turns, content flattened to text. */
  messages: { role: string; content: string }[];
  lastUserMessage: string;
  responseFormat: 'text' | 'json_object' | 'json_schema';
  schema: Record<string, unknown> | undefined;
  /** Set when the request is a line of a batch. */
  customId: string | undefined;
}

/** Decides the assistant's text for a request. */
export type Responder = (request: FakeChatRequest) => string;

/** An error for one line of a batch (it goes to the batch's error file, as OpenAI does). */
export interface BatchLineError {
  status: number;
  message?: string;
  code?: string;
}

export interface FakeServerOptions {
  /** Fixed delay before every answer (faults included), in milliseconds. */
  latencyMs?: number;
  /** Requests arriving while this many are in flight get a 429 at once. */
  maxConcurrent?: number;
  faults?: FaultPlan;
  /** A seeded random share (0..1) of model calls (chat, messages, embeddings) answered with 429. */
  rate429Fraction?: number;
  /** Seed for `rate429Fraction`; the same seed gives the same 429s for the same request order. */
  seed?: number;
  responder?: Responder;
  /** Length of embedding vectors when the request does not ask for `dimensions` (default 64). */
  embeddingDims?: number;
  /** How many GETs of a batch until it shows `completed` (default 2: in_progress, then completed). */
  batchPollsUntilComplete?: number;
  /** Fails single lines of a batch, by custom id. */
  batchLineError?: (customId: string) => BatchLineError | undefined;
  /** How many request bodies the log keeps (the most recent; default 1000). */
  requestLogLimit?: number;
}

/**
 * Outcomes: `ok`, `hang`, `malformed`, `fault_<status>` (a planned status), `random_429`,
 * `concurrency_429`, `error_<status>` (the fake's own validation: bad JSON, unknown route or id).
 */
export type FakeOutcome = string;

export interface FakeServerStats {
  requests: number;
  /** Keyed by method and route template, e.g. `GET /v1/batches/:id`. */
  byPath: Record<string, number>;
  byOutcome: Record<FakeOutcome, number>;
  inFlight: number;
  /** The most requests in flight at once, counting ones rejected for concurrency. */
  peakConcurrency: number;
}

export interface LoggedRequest {
  index: number;
  method: string;
  path: string;
  endpoint: FakeEndpoint | undefined;
  headers: Record<string, string>;
  body: unknown;
}

export interface RunningFakeServer {
  /** `http://127.0.0.1:<port>/v1`: an OpenAI `baseURL`. */
  url: string;
  /** `http://127.0.0.1:<port>`: an Anthropic `baseURL` (its SDK adds `/v1` itself). */
  origin: string;
  port: number;
  close(): Promise<void>;
}
