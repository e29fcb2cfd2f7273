import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError, type ProviderFailure } from '../../src/llm/errors.js';
import { retryAfterMs } from '../../src/llm/http-errors.js';
import { createOpenAIProvider, tokenLimitField } from '../../src/llm/openai.js';
import { createOpenAIClient } from '../../src/llm/openai-client.js';
import type { CompletionRequest, Provider } from '../../src/llm/types.js';
import {
  createFakeLlmServer,
  type Fault,
  insufficientQuotaFault,
  type RunningFakeServer,
  shortHash,
} from '../helpers/fake-llm/fake-llm-server.js';

const fake = createFakeLlmServer();
let server: RunningFakeServer;
let provider: Provider;

beforeAll(async () => {
  server = await fake.start();
  provider = createOpenAIProvider({ model: 'gpt-test', apiKey: 'sk-test', baseURL: server.url });
});
afterAll(() => server.close());
beforeEach(() => {
  fake.options = {};
  fake.reset();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const signal = () => new AbortController().signal;

const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  messages: [
    { role: 'system', content: 'You write short answers.' },
    { role: 'user', content },
  ],
  params: {},
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

function lastChatBody(): Record<string, unknown> {
  const bodies = fake.bodies('chat');
  return bodies[bodies.length - 1] as Record<string, unknown>;
}

describe('createOpenAIProvider: completions', () => {
  it('maps text, usage, finish reason and model', async () => {
    const completion = await provider.complete(ask('Name a fruit.'), signal());
    const text = `echo: ${shortHash('Name a fruit.')} Name a fruit.`;
    expect(completion).toEqual({
      text,
      usage: {
        inputTokens: Math.ceil('You write short answers.Name a fruit.'.length / 4),
        outputTokens: Math.ceil(text.length / 4),
      },
      finishReason: 'stop',
      model: 'gpt-test',
    });
    expect(provider.id).toBe('openai:gpt-test');
  });

  it('sends messages and sampling parameters; a local base URL gets max_tokens', async () => {
    await provider.complete(
      ask('x', { params: { temperature: 0.3, topP: 0.9, maxTokens: 50, seed: 7, stop: ['END'] } }),
      signal(),
    );
    expect(lastChatBody()).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'You write short answers.' },
        { role: 'user', content: 'x' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 50,
      seed: 7,
      stop: ['END'],
    });
  });

  it('uses max_completion_tokens only for api.openai.com', () => {
    expect(tokenLimitField(undefined)).toBe('max_completion_tokens');
    expect(tokenLimitField('https://api.openai.com/v1')).toBe('max_completion_tokens');
    expect(tokenLimitField('http://localhost:8000/v1')).toBe('max_tokens');
    expect(tokenLimitField('not a url')).toBe('max_tokens');
  });

  it('reports a cut answer as length', async () => {
    fake.options.responder = () => 'a'.repeat(100);
    const completion = await provider.complete(ask('x', { params: { maxTokens: 5 } }), signal());
    expect(completion.finishReason).toBe('length');
    expect(completion.text).toBe('a'.repeat(20));
  });

  it('sends json_object, adding a JSON instruction when no message mentions JSON', async () => {
    const completion = await provider.complete(
      ask('Describe a cat.', { responseFormat: { type: 'json_object' } }),
      signal(),
    );
    const body = lastChatBody();
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Answer with a JSON object.' },
      { role: 'system', content: 'You write short answers.' },
      { role: 'user', content: 'Describe a cat.' },
    ]);
    expect(JSON.parse(completion.text)).toMatchObject({ prompt: 'Describe a cat.' });

    await provider.complete(ask('Reply in JSON.', { responseFormat: { type: 'json_object' } }), signal());
    expect((lastChatBody().messages as unknown[]).length).toBe(2);
  });

  it('sends json_schema with a valid name and strict: false', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const completion = await provider.complete(
      ask('x', { responseFormat: { type: 'json_schema', name: 'my answer.v2', schema } }),
      signal(),
    );
    expect(lastChatBody().response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'my_answer_v2', schema, strict: false },
    });
    expect(JSON.parse(completion.text)).toEqual({ answer: expect.any(String) });
  });
});

describe('createOpenAIProvider: failures', () => {
  const cases: [string, Fault, ProviderFailure, boolean][] = [
    ['429', { kind: 'status', status: 429 }, 'rate_limited', true],
    ['429 insufficient_quota', insufficientQuotaFault(), 'quota', false],
    ['401', { kind: 'status', status: 401 }, 'auth', false],
    ['403', { kind: 'status', status: 403 }, 'auth', false],
    ['400', { kind: 'status', status: 400 }, 'bad_request', false],
    ['404', { kind: 'status', status: 404 }, 'bad_request', false],
    ['422', { kind: 'status', status: 422 }, 'bad_request', false],
    ['500', { kind: 'status', status: 500 }, 'server', true],
    ['502', { kind: 'status', status: 502 }, 'server', true],
    ['503', { kind: 'status', status: 503 }, 'overloaded', true],
    ['529', { kind: 'status', status: 529 }, 'overloaded', true],
    ['malformed: broken JSON', { kind: 'malformed' }, 'malformed', true],
    ['malformed: HTML page', { kind: 'malformed', variant: 'html' }, 'malformed', true],
    ['malformed: no choices', { kind: 'malformed', variant: 'wrong_shape' }, 'malformed', true],
  ];

  it.each(cases)('%s → %s', async (_name, fault, expected, retryable) => {
    fake.options.faults = [fault];
    const error = await failure(provider.complete(ask('x'), signal()));
    expect(error.failure).toBe(expected);
    expect(error.retryable).toBe(retryable);
    expect(error.provider).toBe('openai:gpt-test');
    if (fault.kind === 'status') expect(error.status).toBe(fault.status);
  });

  it('says what to do about a rejected key', async () => {
    fake.options.faults = [{ kind: 'status', status: 401 }];
    const error = await failure(provider.complete(ask('x'), signal()));
    expect(error.message).toBe(
      `openai:gpt-test: the API key was rejected by ${server.url} (401) — set OPENAI_API_KEY`,
    );
  });

  it('parses Retry-After in seconds, and prefers retry-after-ms', async () => {
    fake.options.faults = [
      { kind: 'status', status: 429, retryAfterSeconds: 2 },
      { kind: 'status', status: 503, retryAfterSeconds: 9, retryAfterMs: 1500 },
      { kind: 'status', status: 500 },
    ];
    expect((await failure(provider.complete(ask('x'), signal()))).retryAfterMs).toBe(2000);
    expect((await failure(provider.complete(ask('x'), signal()))).retryAfterMs).toBe(1500);
    expect((await failure(provider.complete(ask('x'), signal()))).retryAfterMs).toBeUndefined();
  });

  it('reads Retry-After as an HTTP date', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = retryAfterMs(new Headers({ 'retry-after': inTenSeconds }));
    expect(ms).toBeGreaterThan(5_000);
    expect(ms).toBeLessThanOrEqual(10_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });

  it('gives timeout when the server hangs past timeoutMs, and sends no retry itself', async () => {
    const quick = createOpenAIProvider({
      model: 'gpt-test',
      apiKey: 'k',
      baseURL: server.url,
      timeoutMs: 150,
    });
    fake.options.faults = [{ kind: 'hang' }];
    const error = await failure(quick.complete(ask('x'), signal()));
    expect(error.failure).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(fake.stats.requests).toBe(1);
  });

  it('gives aborted when the caller cancels', async () => {
    fake.options.faults = [{ kind: 'hang' }];
    const controller = new AbortController();
    const pending = failure(provider.complete(ask('x'), controller.signal));
    while (fake.stats.byOutcome.hang !== 1) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    expect(error.failure).toBe('aborted');
    expect(error.retryable).toBe(false);
  });

  it('gives network when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const offline = createOpenAIProvider({ model: 'm', apiKey: 'k', baseURL: `http://127.0.0.1:${port}/v1` });
    const error = await failure(offline.complete(ask('x'), signal()));
    expect(error.failure).toBe('network');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('without a key or base URL, fails with auth on use, not on creation', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    const keyless = createOpenAIProvider({ model: 'gpt-test' });
    const error = await failure(keyless.complete(ask('x'), signal()));
    expect(error.failure).toBe('auth');
    expect(error.message).toMatch(/set OPENAI_API_KEY/);
    expect(() => createOpenAIClient({ model: 'gpt-test' })).toThrow(ProviderError);
  });

  it('takes the base URL from OPENAI_BASE_URL and then needs no key', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', server.url);
    const local = createOpenAIProvider({ model: 'local-model' });
    expect((await local.complete(ask('x'), signal())).model).toBe('local-model');
  });
});

describe('createOpenAIProvider: embeddings', () => {
  it('returns one vector per text in order, asking for floats', async () => {
    const vectors = await provider.embed!(['red', 'blue', 'red'], signal());
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toHaveLength(64);
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(fake.bodies('embeddings')).toEqual([
      { model: 'gpt-test', input: ['red', 'blue', 'red'], encoding_format: 'float' },
    ]);
  });

  it('maps embedding failures the same way', async () => {
    fake.options.faults = [
      { kind: 'status', status: 429, retryAfterSeconds: 1 },
      { kind: 'malformed', variant: 'wrong_shape' },
    ];
    const limited = await failure(provider.embed!(['a'], signal()));
    expect([limited.failure, limited.retryAfterMs]).toEqual(['rate_limited', 1000]);
    expect((await failure(provider.embed!(['a'], signal()))).failure).toBe('malformed');
  });
});
