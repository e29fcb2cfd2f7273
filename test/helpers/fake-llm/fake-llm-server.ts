/**
 * A local stand-in for the OpenAI and Anthropic APIs, for tests and benchmarks: the official SDKs
 * talk to it over real HTTP, so request building, error parsing and timeouts run as they would
 * against the services. It can be slow (`latencyMs`), crowded (`maxConcurrent`), and faulty
 * (`faults`, `rate429Fraction`), and it counts and logs what it was sent.
 *
 * Options are read on every request, so a test may change `server.options` between calls.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Random, seededRandom } from '../../../src/core/random.js';
import { FakeBatchStore } from './fake-batch.js';
import { anthropicMessages, openAIChat, openAIEmbeddings } from './fake-chat.js';
import {
  errorBody,
  FakeHttpError,
  flatHeaders,
  readBody,
  retryHeaders,
  send,
  sendJson,
  sendMalformed,
} from './fake-http.js';
import { type ParsedBody, parseBody, type Route, route } from './fake-routes.js';
import type {
  FakeEndpoint,
  FakeProtocol,
  FakeServerOptions,
  FakeServerStats,
  Fault,
  LoggedRequest,
  RunningFakeServer,
} from './fake-types.js';

export { defaultResponder, sampleFromSchema, shortHash } from './fake-text.js';
export type * from './fake-types.js';

const MODEL_ENDPOINTS: ReadonlySet<FakeEndpoint> = new Set(['chat', 'embeddings', 'messages']);
const emptyStats = (): FakeServerStats => ({
  requests: 0,
  byPath: {},
  byOutcome: {},
  inFlight: 0,
  peakConcurrency: 0,
});

export class FakeLlmServer {
  /** Read on every request; change it at will. */
  options: FakeServerOptions;
  private counters = emptyStats();
  private log: LoggedRequest[] = [];
  private random: Random;
  private schedule: { plan: readonly (Fault | undefined)[]; next: number } | undefined;
  private batches: FakeBatchStore;
  private server: Server | undefined;

  constructor(options: FakeServerOptions = {}) {
    this.options = options;
    this.random = seededRandom(options.seed ?? 1);
    this.batches = this.newBatchStore();
  }

  /** A snapshot of the counters. */
  get stats(): FakeServerStats {
    return structuredClone(this.counters);
  }

  /** The most recent requests, oldest first, at most `requestLogLimit`. */
  get requestLog(): readonly LoggedRequest[] {
    return this.log;
  }

  /** The logged bodies sent to one endpoint, oldest first. */
  bodies(endpoint: FakeEndpoint): unknown[] {
    return this.log.filter((r) => r.endpoint === endpoint).map((r) => r.body);
  }

  /** Forgets counters, the log, files and batches, and reseeds the random 429s. */
  reset(): void {
    this.counters = emptyStats();
    this.log = [];
    this.schedule = undefined;
    this.random = seededRandom(this.options.seed ?? 1);
    this.batches = this.newBatchStore();
  }

  async start(port = 0): Promise<RunningFakeServer> {
    if (this.server) throw new Error('the fake LLM server is already running');
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const actual = (server.address() as AddressInfo).port;
    const origin = `http://127.0.0.1:${actual}`;
    return {
      url: `${origin}/v1`,
      origin,
      port: actual,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections(); // hung requests and keep-alive sockets would hold close() open
          this.server = undefined;
        }),
    };
  }

  private newBatchStore(): FakeBatchStore {
    return new FakeBatchStore((url, body, customId) =>
      url === '/v1/embeddings'
        ? openAIEmbeddings(body, this.options)
        : openAIChat(body, this.options, customId),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Latency counts from arrival, as a service's does, not from when this process got to the body.
    const arrived = performance.now();
    const counters = this.counters;
    const index = counters.requests++;
    counters.inFlight++;
    counters.peakConcurrency = Math.max(counters.peakConcurrency, counters.inFlight);
    const { maxConcurrent } = this.options;
    const overLimit = maxConcurrent !== undefined && counters.inFlight > maxConcurrent;
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    void closed.then(() => counters.inFlight--);

    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const found = route(method, path);
    bump(counters.byPath, found ? `${method} /v1${found.template}` : `${method} ${path}`);
    const protocol: FakeProtocol = found?.endpoint === 'messages' ? 'anthropic' : 'openai';
    const headers = { [protocol === 'anthropic' ? 'request-id' : 'x-request-id']: `req_${index}` };
    const outcome = (name: string) => bump(counters.byOutcome, name);

    try {
      const raw = await readBody(req);
      if (!found) throw new FakeHttpError(404, `Unknown request URL: ${method} ${path}.`);
      const body = await parseBody(found.endpoint, raw, req);
      this.record({
        index,
        method,
        path,
        endpoint: found.endpoint,
        headers: flatHeaders(req),
        body: body.summary,
      });
      if (overLimit) {
        outcome('concurrency_429');
        sendJson(res, 429, errorBody(protocol, 429, 'Too many concurrent requests.'), headers);
        return;
      }
      const fault =
        this.plannedFault(index, found.endpoint, path, body.summary) ?? this.randomFault(found.endpoint);
      if (this.options.latencyMs)
        await sleep(Math.max(0, this.options.latencyMs - (performance.now() - arrived)));
      if (fault?.kind === 'hang') {
        outcome('hang');
        return await closed;
      }
      if (fault?.kind === 'status') {
        outcome(fault === RANDOM_429 ? 'random_429' : `fault_${fault.status}`);
        sendJson(res, fault.status, fault.body ?? errorBody(protocol, fault.status), {
          ...headers,
          ...retryHeaders(fault),
        });
        return;
      }
      if (fault?.kind === 'malformed') {
        outcome('malformed');
        sendMalformed(res, fault.variant ?? 'not_json', headers);
        return;
      }
      const reply = await this.reply(found, body);
      if ('json' in reply) sendJson(res, 200, reply.json, headers);
      else send(res, 200, reply.text, { ...headers, 'content-type': 'application/octet-stream' });
      outcome('ok');
    } catch (e) {
      const status = e instanceof FakeHttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      outcome(`error_${status}`);
      sendJson(
        res,
        status,
        errorBody(protocol, status, message, e instanceof FakeHttpError ? e.code : undefined),
      );
    }
  }

  /** The normal answer: a JSON body, or raw text for file contents. */
  private async reply(found: Route, body: ParsedBody): Promise<{ json: unknown } | { text: string }> {
    const { json, form } = body;
    const o = this.options;
    switch (found.endpoint) {
      case 'chat':
        return { json: openAIChat(json, o) };
      case 'embeddings':
        return { json: openAIEmbeddings(json, o) };
      case 'messages':
        return { json: anthropicMessages(json, o) };
      case 'file_upload':
        if (!form) throw new FakeHttpError(400, 'Uploads must be multipart/form-data.');
        return { json: await this.batches.upload(form) };
      case 'file':
        return { json: this.batches.file(found.id) };
      case 'file_content':
        return { text: this.batches.content(found.id) };
      case 'batch_create':
        return { json: this.batches.create(json) };
      case 'batch_list':
        return { json: this.batches.list() };
      case 'batch':
        return { json: this.batches.poll(found.id, o) };
      case 'batch_cancel':
        return { json: this.batches.cancel(found.id) };
    }
  }

  private plannedFault(
    index: number,
    endpoint: FakeEndpoint,
    path: string,
    body: unknown,
  ): Fault | undefined {
    const plan = this.options.faults;
    if (plan === undefined) return undefined;
    if (typeof plan === 'function') return plan({ index, endpoint, path, body });
    if (this.schedule?.plan !== plan) this.schedule = { plan, next: 0 };
    return plan[this.schedule.next++];
  }

  private randomFault(endpoint: FakeEndpoint): Fault | undefined {
    const fraction = this.options.rate429Fraction ?? 0;
    if (fraction <= 0 || !MODEL_ENDPOINTS.has(endpoint)) return undefined;
    return this.random.float() < fraction ? RANDOM_429 : undefined;
  }

  private record(entry: LoggedRequest): void {
    this.log.push(entry);
    const limit = this.options.requestLogLimit ?? 1000;
    if (this.log.length > limit) this.log.splice(0, this.log.length - limit);
  }
}

/** The fault a random 429 uses; told apart from planned 429s by identity, for the counters. */
const RANDOM_429: Fault = { kind: 'status', status: 429, retryAfterSeconds: 1 };

export function createFakeLlmServer(options: FakeServerOptions = {}): FakeLlmServer {
  return new FakeLlmServer(options);
}

/** OpenAI's out-of-credit 429, which clients must not retry. */
export function insufficientQuotaFault(): Fault {
  return {
    kind: 'status',
    status: 429,
    body: {
      error: {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    },
  };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
