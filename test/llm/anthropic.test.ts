import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider, DEFAULT_MAX_TOKENS } from '../../src/llm/anthropic.js';
import { ProviderError, type ProviderFailure } from '../../src/llm/errors.js';
import type { CompletionRequest, Provider } from '../../src/llm/types.js';
import {
  createFakeLlmServer,
  type Fault,
  type RunningFakeServer,
  shortHash,
} from '../helpers/fake-llm/fake-llm-server.js';

const fake = createFakeLlmServer();
let server: RunningFakeServer;
let provider: Provider;

beforeAll(async () => {
  server = await fake.start();
  provider = createAnthropicProvider({ model: 'claude-test', apiKey: 'sk-ant-test', baseURL: server.origin });
});
afterAll(() => server.close());
beforeEach(() => {
  fake.options = {};
  fake.reset();
});

const signal = () => new AbortController().signal;

const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  messages: [
    { role: 'system', content: 'You are terse.' },
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

function lastBody(): Record<string, unknown> {
  const bodies = fake.bodies('messages');
  return bodies[bodies.length - 1] as Record<string, unknown>;
}

describe('createAnthropicProvider: completions', () => {
  it('maps text, usage, stop reason and model', async () => {
    const completion = await provider.complete(ask('Name a tree.'), signal());
    const text = `echo: ${shortHash('Name a tree.')} Name a tree.`;
    expect(completion).toEqual({
      text,
      usage: {
        inputTokens: Math.ceil('You are terse.Name a tree.'.length / 4),
        outputTokens: Math.ceil(text.length / 4),
      },
      finishReason: 'stop',
      model: 'claude-test',
    });
    expect(provider.id).toBe('anthropic:claude-test');
  });

  it('puts system messages in the top-level system field and defaults max_tokens', async () => {
    await provider.complete(
      {
        messages: [
          { role: 'system', content: 'Rule one.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'system', content: 'Rule two.' },
          { role: 'user', content: 'Again' },
        ],
        params: { temperature: 0.5, seed: 3, stop: ['STOP'] },
      },
      signal(),
    );
    expect(lastBody()).toEqual({
      model: 'claude-test',
      max_tokens: DEFAULT_MAX_TOKENS,
      system: 'Rule one.\n\nRule two.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Again' },
      ],
      stop_sequences: ['STOP'],
    });
    expect(fake.requestLog[0]?.headers['x-api-key'] ?? fake.requestLog[0]?.headers.authorization).toContain(
      'sk-ant-test',
    );
  });

  it('reports max_tokens as length', async () => {
    fake.options.responder = () => 'b'.repeat(80);
    const completion = await provider.complete(ask('x', { params: { maxTokens: 4 } }), signal());
    expect(lastBody().max_tokens).toBe(4);
    expect(completion).toMatchObject({ finishReason: 'length', text: 'b'.repeat(16) });
  });

  it('asks for JSON in the system prompt, with the schema, and unwraps a fenced answer', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    fake.options.responder = () => '```json\n{"city": "Oslo"}\n```';
    const completion = await provider.complete(
      ask('A city?', { responseFormat: { type: 'json_schema', name: 'city', schema } }),
      signal(),
    );
    const system = String(lastBody().system);
    expect(system.startsWith('You are terse.\n\nAnswer with a single JSON object and nothing else')).toBe(
      true,
    );
    expect(system).toContain(JSON.stringify(schema, null, 2));
    expect(JSON.parse(completion.text)).toEqual({ city: 'Oslo' });

    await provider.complete(ask('x', { responseFormat: { type: 'json_object' } }), signal());
    expect(String(lastBody().system)).toMatch(/single JSON object/);
    expect(String(lastBody().system)).not.toMatch(/JSON Schema/);

    const plain = await provider.complete(ask('x'), signal());
    expect(plain.text).toBe('```json\n{"city": "Oslo"}\n```');
    expect(lastBody().system).toBe('You are terse.');
  });
});

describe('createAnthropicProvider: failures', () => {
  const cases: [string, Fault, ProviderFailure, boolean][] = [
    ['429', { kind: 'status', status: 429 }, 'rate_limited', true],
    ['529 overloaded_error', { kind: 'status', status: 529 }, 'overloaded', true],
    ['503', { kind: 'status', status: 503 }, 'overloaded', true],
    [
      '529 whatever its body says',
      { kind: 'status', status: 529, body: { type: 'error', error: { type: 'api_error', message: 'x' } } },
      'overloaded',
      true,
    ],
    ['500', { kind: 'status', status: 500 }, 'server', true],
    ['401', { kind: 'status', status: 401 }, 'auth', false],
    ['403', { kind: 'status', status: 403 }, 'auth', false],
    ['402 billing_error', { kind: 'status', status: 402 }, 'quota', false],
    ['400', { kind: 'status', status: 400 }, 'bad_request', false],
    ['404', { kind: 'status', status: 404 }, 'bad_request', false],
    [
      '400 low credit',
      {
        kind: 'status',
        status: 400,
        body: {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: 'Your credit balance is too low to access the API.',
          },
        },
      },
      'quota',
      false,
    ],
    [
      'overloaded_error under another status',
      {
        kind: 'status',
        status: 500,
        body: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } },
      },
      'overloaded',
      true,
    ],
    ['malformed: broken JSON', { kind: 'malformed' }, 'malformed', true],
    ['malformed: HTML page', { kind: 'malformed', variant: 'html' }, 'malformed', true],
    ['malformed: no content', { kind: 'malformed', variant: 'wrong_shape' }, 'malformed', true],
  ];

  it.each(cases)('%s → %s', async (_name, fault, expected, retryable) => {
    fake.options.faults = [fault];
    const error = await failure(provider.complete(ask('x'), signal()));
    expect(error.failure).toBe(expected);
    expect(error.retryable).toBe(retryable);
    if (fault.kind === 'status') expect(error.status).toBe(fault.status);
  });

  it('keeps the service’s message and says what to do about a rejected key', async () => {
    fake.options.faults = [
      { kind: 'status', status: 401 },
      {
        kind: 'status',
        status: 400,
        body: { type: 'error', error: { type: 'invalid_request_error', message: 'bad field' } },
      },
    ];
    const auth = await failure(provider.complete(ask('x'), signal()));
    expect(auth.message).toBe(
      'anthropic:claude-test: the API key was rejected (401) — set ANTHROPIC_API_KEY',
    );
    const bad = await failure(provider.complete(ask('x'), signal()));
    expect(bad.message).toBe('anthropic:claude-test: the request was refused (400): bad field');
  });

  it('parses retry-after', async () => {
    fake.options.faults = [
      { kind: 'status', status: 429, retryAfterSeconds: 4 },
      { kind: 'status', status: 529 },
    ];
    expect((await failure(provider.complete(ask('x'), signal()))).retryAfterMs).toBe(4000);
    expect((await failure(provider.complete(ask('x'), signal()))).retryAfterMs).toBeUndefined();
  });

  it('gives timeout for a hang past timeoutMs, with a single request sent', async () => {
    const quick = createAnthropicProvider({
      model: 'claude-test',
      apiKey: 'k',
      baseURL: server.origin,
      timeoutMs: 150,
    });
    fake.options.faults = [{ kind: 'hang' }];
    const error = await failure(quick.complete(ask('x'), signal()));
    expect([error.failure, error.retryable]).toEqual(['timeout', true]);
    expect(fake.stats.requests).toBe(1);
  });

  it('gives aborted when the caller cancels', async () => {
    fake.options.faults = [{ kind: 'hang' }];
    const controller = new AbortController();
    const pending = failure(provider.complete(ask('x'), controller.signal));
    while (fake.stats.byOutcome.hang !== 1) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await pending).failure).toBe('aborted');
  });
});
