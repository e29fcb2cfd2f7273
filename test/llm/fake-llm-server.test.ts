import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createFakeLlmServer,
  insufficientQuotaFault,
  type RunningFakeServer,
  shortHash,
} from '../helpers/fake-llm/fake-llm-server.js';

const fake = createFakeLlmServer();
let server: RunningFakeServer;

beforeAll(async () => {
  server = await fake.start();
});
afterAll(() => server.close());
beforeEach(() => {
  fake.options = {};
  fake.reset();
});

async function post(path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** The fields these tests read; answers are cast to it, not validated (the assertions do that). */
interface Wire {
  object: string;
  model: string;
  choices: { message: { role: string; content: string }; finish_reason: string }[];
  usage: Record<string, number>;
  data: { embedding: unknown }[];
  error: { type: string; code: string | null; message: string };
}

const read = async (res: Response): Promise<Wire> => (await res.json()) as Wire;
const call = async (path: string, body: unknown): Promise<Wire> => read(await post(path, body));

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'fake-model',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content },
  ],
  ...extra,
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('OpenAI chat completions', () => {
  it('answers with an echo of the last user message, usage and finish_reason, with or without /v1', async () => {
    for (const path of ['/v1/chat/completions', '/chat/completions']) {
      const res = await post(path, chat('Name a colour.'));
      expect(res.status).toBe(200);
      const body = await read(res);
      expect(body.object).toBe('chat.completion');
      expect(body.model).toBe('fake-model');
      const text = `echo: ${shortHash('Name a colour.')} Name a colour.`;
      expect(body.choices[0]).toMatchObject({
        message: { role: 'assistant', content: text },
        finish_reason: 'stop',
      });
      expect(body.usage).toEqual({
        prompt_tokens: Math.ceil('Be brief.Name a colour.'.length / 4),
        completion_tokens: Math.ceil(text.length / 4),
        total_tokens: Math.ceil('Be brief.Name a colour.'.length / 4) + Math.ceil(text.length / 4),
      });
    }
    expect(fake.stats.byPath['POST /v1/chat/completions']).toBe(2);
  });

  it('returns JSON for json_object, and an object fitting the schema for json_schema', async () => {
    const plain = await call('/v1/chat/completions', chat('x', { response_format: { type: 'json_object' } }));
    expect(JSON.parse(plain.choices[0]?.message.content ?? '')).toEqual({
      echo: `echo: ${shortHash('x')}`,
      prompt: 'x',
    });

    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        rating: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        mood: { enum: ['calm', 'angry'] },
      },
    };
    const format = { type: 'json_schema', json_schema: { name: 'review', schema } };
    const body = await call('/v1/chat/completions', chat('y', { response_format: format }));
    const value = JSON.parse(body.choices[0]?.message.content ?? '');
    expect(Object.keys(value).sort()).toEqual(['mood', 'rating', 'tags', 'title']);
    expect(typeof value.title).toBe('string');
    expect(Number.isInteger(value.rating)).toBe(true);
    expect(value.tags).toHaveLength(2);
    expect(value.mood).toBe('calm');
  });

  it('cuts at stop sequences and at the token limit, like a model', async () => {
    fake.options.responder = () => 'one two three four five six seven eight';
    const stopped = await call('/v1/chat/completions', chat('x', { stop: ['four'] }));
    expect(stopped.choices[0]).toMatchObject({
      message: { content: 'one two three ' },
      finish_reason: 'stop',
    });
    const cut = await call('/v1/chat/completions', chat('x', { max_completion_tokens: 2 }));
    expect(cut.choices[0]).toMatchObject({ message: { content: 'one two ' }, finish_reason: 'length' });
  });

  it('passes the normalised request to the responder', async () => {
    const seen: unknown[] = [];
    fake.options.responder = (request) => {
      seen.push(request);
      return 'ok';
    };
    await post('/v1/chat/completions', chat('hello', { response_format: { type: 'json_object' } }));
    expect(seen).toEqual([
      {
        protocol: 'openai',
        model: 'fake-model',
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'hello' }],
        lastUserMessage: 'hello',
        responseFormat: 'json_object',
        schema: undefined,
        customId: undefined,
      },
    ]);
  });

  it('refuses requests the real service would refuse', async () => {
    expect((await post('/v1/chat/completions', '{not json')).status).toBe(400);
    expect((await post('/v1/chat/completions', { model: 'm', messages: [] })).status).toBe(400);
    const unknown = await post('/v1/nothing-here', {});
    expect(unknown.status).toBe(404);
    expect((await read(unknown)).error.message).toMatch(/Unknown request URL/);
    expect(fake.stats.byOutcome).toEqual({ error_400: 2, error_404: 1 });
  });
});

describe('OpenAI embeddings', () => {
  it('gives equal vectors for equal texts, unit length, in float or base64', async () => {
    const res = await post('/v1/embeddings', { model: 'emb', input: ['a cat', 'a dog', 'a cat'] });
    const body = await read(res);
    const [a = [], b, c] = body.data.map((d) => d.embedding as number[]);
    expect(a).toHaveLength(64);
    expect(a).toEqual(c);
    expect(a).not.toEqual(b);
    expect(Math.hypot(...a)).toBeCloseTo(1, 6);

    const b64 = await call('/v1/embeddings', {
      model: 'emb',
      input: 'a cat',
      encoding_format: 'base64',
      dimensions: 8,
    });
    const bytes = Buffer.from(String(b64.data[0]?.embedding), 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toHaveLength(8);
    expect(Math.hypot(...decoded)).toBeCloseTo(1, 5);
  });
});

describe('faults', () => {
  it('follows a schedule in request order, then answers normally; a new array restarts it', async () => {
    fake.options.faults = [
      { kind: 'status', status: 500 },
      undefined,
      { kind: 'status', status: 503, retryAfterSeconds: 3 },
    ];
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await post('/v1/chat/completions', chat(`q${i}`));
      statuses.push(res.status);
      if (res.status === 503) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([500, 200, 503, 200]);
    expect(retryAfter).toBe('3');
    fake.options.faults = [{ kind: 'status', status: 401 }];
    expect((await post('/v1/chat/completions', chat('again'))).status).toBe(401);
    expect(fake.stats.byOutcome).toEqual({ fault_500: 1, fault_503: 1, fault_401: 1, ok: 2 });
  });

  it('asks a fault function about every request, with its endpoint and body', async () => {
    fake.options.faults = ({ endpoint, body }) =>
      endpoint === 'chat' && JSON.stringify(body).includes('bad')
        ? { kind: 'status', status: 400 }
        : undefined;
    expect((await post('/v1/chat/completions', chat('good'))).status).toBe(200);
    expect((await post('/v1/chat/completions', chat('bad'))).status).toBe(400);
    expect((await post('/v1/embeddings', { model: 'e', input: 'bad' })).status).toBe(200);
  });

  it('sends error bodies in each protocol’s shape, or the body given', async () => {
    fake.options.faults = [
      { kind: 'status', status: 529 },
      { kind: 'status', status: 429 },
      insufficientQuotaFault(),
    ];
    const anthropic = await post('/v1/messages', {
      model: 'c',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(anthropic.status).toBe(529);
    expect(await read(anthropic)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    const limited = await call('/v1/chat/completions', chat('x'));
    expect(limited.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    const quota = await call('/v1/chat/completions', chat('x'));
    expect(quota.error.code).toBe('insufficient_quota');
  });

  it('answers malformed 200s in three ways', async () => {
    fake.options.faults = [
      { kind: 'malformed' },
      { kind: 'malformed', variant: 'html' },
      { kind: 'malformed', variant: 'wrong_shape' },
    ];
    const notJson = await post('/v1/chat/completions', chat('x'));
    expect(notJson.status).toBe(200);
    await expect(notJson.json()).rejects.toThrow(SyntaxError);
    const html = await post('/v1/chat/completions', chat('x'));
    expect(html.headers.get('content-type')).toBe('text/html');
    const shape = await call('/v1/chat/completions', chat('x'));
    expect(shape.choices).toBeUndefined();
    expect(fake.stats.byOutcome.malformed).toBe(3);
  });

  it('holds a hung request until the client gives up', async () => {
    fake.options.faults = [{ kind: 'hang' }];
    const controller = new AbortController();
    const pending = post('/v1/chat/completions', chat('x'), { signal: controller.signal });
    await until(() => fake.stats.byOutcome.hang === 1);
    expect(fake.stats.inFlight).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await until(() => fake.stats.inFlight === 0);
  });

  it('rejects requests beyond maxConcurrent with 429 and records the peak', async () => {
    fake.options = { maxConcurrent: 2, faults: (c) => (c.index < 2 ? { kind: 'hang' } : undefined) };
    const controller = new AbortController();
    const hung = [0, 1].map(() =>
      post('/v1/chat/completions', chat('x'), { signal: controller.signal }).catch(() => 0),
    );
    await until(() => fake.stats.inFlight === 2);
    const third = await post('/v1/chat/completions', chat('y'));
    expect(third.status).toBe(429);
    expect(fake.stats.peakConcurrency).toBe(3);
    expect(fake.stats.byOutcome.concurrency_429).toBe(1);
    controller.abort();
    await Promise.all(hung);
    await until(() => fake.stats.inFlight === 0);
    expect((await post('/v1/chat/completions', chat('z'))).status).toBe(200);
  });

  it('gives a seeded random share of 429s, the same for the same seed', async () => {
    const pattern = async (seed: number) => {
      fake.options = { rate429Fraction: 0.3, seed };
      fake.reset();
      const out: number[] = [];
      for (let i = 0; i < 60; i++)
        out.push((await post('/v1/embeddings', { model: 'e', input: `t${i}` })).status);
      return out;
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    const share = first.filter((s) => s === 429).length / first.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.55);
    expect(fake.stats.byOutcome.random_429).toBe(first.filter((s) => s === 429).length);
  });
});

describe('Anthropic messages', () => {
  it('reads the top-level system field and answers with content blocks and usage', async () => {
    const res = await post('/v1/messages', {
      model: 'claude-x',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi there' }] }],
    });
    const body = await read(res);
    const text = `echo: ${shortHash('Hi there')} Hi there`;
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      usage: {
        input_tokens: Math.ceil('Be brief.Hi there'.length / 4),
        output_tokens: Math.ceil(text.length / 4),
      },
    });
    expect(res.headers.get('request-id')).toMatch(/^req_/);
  });

  it('refuses a missing max_tokens and a system role inside messages, in Anthropic’s error shape', async () => {
    const noMax = await post('/v1/messages', { model: 'c', messages: [{ role: 'user', content: 'x' }] });
    expect(noMax.status).toBe(400);
    expect((await read(noMax)).error.type).toBe('invalid_request_error');
    const systemRole = await post('/v1/messages', {
      model: 'c',
      max_tokens: 10,
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'x' },
      ],
    });
    expect(systemRole.status).toBe(400);
  });
});

describe('request log', () => {
  it('keeps the most recent bodies up to its limit, with headers', async () => {
    fake.options.requestLogLimit = 2;
    for (const q of ['a', 'b', 'c'])
      await post('/v1/chat/completions', chat(q), {
        headers: { 'content-type': 'application/json', 'x-test': q },
      });
    expect(fake.requestLog.map((r) => r.index)).toEqual([1, 2]);
    expect(fake.requestLog[1]?.headers['x-test']).toBe('c');
    expect(fake.bodies('chat')).toEqual([chat('b'), chat('c')]);
    expect(fake.stats.requests).toBe(3);
  });
});
