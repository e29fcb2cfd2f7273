import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/llm/call/cache-key.js';
import { createCachedCalls } from '../../../src/llm/call/cached-calls.js';
import type { ModelCall } from '../../../src/llm/call/model-call.js';
import { estimateTokens } from '../../../src/llm/pricing.js';
import { scheduleProvider } from '../../../src/llm/scheduler/scheduled-provider.js';
import { createTemplateProvider } from '../../../src/llm/template.js';
import type { Completion, CompletionRequest, Provider } from '../../../src/llm/types.js';
import { MemoryCache } from './memory-cache.js';

/** Answers "answer to <last message>"; while `hold` is set, every answer waits for it. */
class EchoProvider implements Provider {
  readonly id = 'openai:gpt-4o-mini';
  readonly kind = 'openai' as const;
  readonly model = 'gpt-4o-mini';
  readonly requests: CompletionRequest[] = [];
  hold: Promise<void> | undefined;

  async complete(request: CompletionRequest): Promise<Completion> {
    this.requests.push(request);
    await this.hold;
    return {
      text: `answer to ${request.messages.at(-1)?.content}`,
      usage: { inputTokens: 1000, outputTokens: 500 },
      finishReason: 'stop',
      model: 'gpt-4o-mini-2024-07-18',
    };
  }
}

const request = (content: string): CompletionRequest => ({
  messages: [{ role: 'user', content }],
  params: { seed: 1 },
});
const ask = (content: string, extra: Partial<ModelCall> = {}): ModelCall => ({
  provider: 'openai:gpt-4o-mini',
  purpose: 'answer',
  request: request(content),
  ...extra,
});
const price = { inputPerMillion: 1, outputPerMillion: 2 };

function setup(providers: Provider[] = [new EchoProvider()]) {
  const cache = new MemoryCache();
  const calls = createCachedCalls({
    cache,
    providers: new Map(providers.map((p) => [p.id, p])),
    signal: new AbortController().signal,
    priceOf: (id) => (id === 'openai:gpt-4o-mini' ? price : undefined),
  });
  return { cache, ...calls };
}

function gate(): { promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('createCachedCalls', () => {
  it('sends a miss, stores its answer before returning, and answers the same call from the cache', async () => {
    const provider = new EchoProvider();
    const { cache, call, stats } = setup([provider]);
    const first = await call(ask('Name a tent.'));
    const key = cacheKey('openai:gpt-4o-mini', request('Name a tent.'));
    expect(first).toMatchObject({ key, cached: false, completion: { text: 'answer to Name a tent.' } });
    // Stored by the time the call returns: a crash from here on cannot make anyone pay twice.
    expect(cache.entries.get(key)).toEqual({
      key,
      provider: 'openai:gpt-4o-mini',
      model: 'gpt-4o-mini-2024-07-18',
      response: first.completion,
      inputTokens: 1000,
      outputTokens: 500,
      costUsd: (1000 * 1 + 500 * 2) / 1e6,
    });

    const again = await call(ask('Name a tent.', { purpose: 'answer:retry' }));
    expect(again).toEqual({ key, cached: true, completion: first.completion });
    expect(provider.requests).toHaveLength(1);
    expect(stats).toEqual({ calls: 2, cacheHits: 1, cachedInputTokens: 1000, cachedOutputTokens: 500 });
  });

  it('shares one request between identical calls in flight, and asks the cache again once they end', async () => {
    const provider = new EchoProvider();
    const held = gate();
    provider.hold = held.promise;
    const { cache, call } = setup([provider]);
    const a = call(ask('Name a tent.'));
    const b = call(ask('Name a tent.', { purpose: 'other' }));
    const c = call(ask('Name a stove.'));
    await turn();
    expect(provider.requests.map((r) => r.messages[0]!.content)).toEqual(['Name a tent.', 'Name a stove.']);
    held.open();
    const [ra, rb] = await Promise.all([a, b, c]);
    expect(rb).toBe(ra);
    expect(cache.gets).toHaveLength(2);

    provider.hold = undefined;
    expect((await call(ask('Name a tent.'))).cached).toBe(true);
    expect(provider.requests).toHaveLength(2);
  });

  it('writes the first answer at once, and groups only answers that arrive while a write is in flight', async () => {
    const provider = new EchoProvider();
    const held = gate();
    provider.hold = held.promise;
    const { cache, call } = setup([provider]);
    const pending = ['a', 'b', 'c'].map((x) => call(ask(x)));
    await turn();
    held.open();
    await Promise.all(pending);
    expect(cache.puts[0]).toHaveLength(1);
    expect(cache.puts.flat()).toHaveLength(3);
  });

  it('never caches the template provider, which answers with the offline answer and is still accounted', async () => {
    const template = scheduleProvider(createTemplateProvider());
    const { cache, call, stats } = setup([template]);
    const offline = '{"tent":"a two-person dome"}';
    const call1 = ask('Name a tent.', { provider: 'template', offline: () => offline });
    const first = call1.request;
    for (let i = 0; i < 2; i++) {
      const out = await call(call1);
      expect(out).toMatchObject({ key: cacheKey('template', first), cached: false });
      expect(out.completion.text).toBe(offline);
    }
    expect(cache.gets).toEqual([]);
    expect(cache.puts).toEqual([]);
    expect(stats.cacheHits).toBe(0);
    // The answer travelled through the scheduler, which counted it as any provider's.
    expect(template.stats()).toMatchObject({
      requests: 2,
      succeeded: 2,
      outputTokens: 2 * estimateTokens(offline),
    });
    // Without an offline answer the provider says that no model was called.
    const stub = await call(ask('Name a tent.', { provider: 'template' }));
    expect(stub.completion.text).toBe('[template answer — no model was called] Name a tent.');
  });

  it('asks for the offline answer only when the template provider answers, and sends the request as it is', async () => {
    const provider = new EchoProvider();
    const { call } = setup([provider]);
    let asked = 0;
    const offline = () => {
      asked++;
      return 'offline';
    };
    const out = await call(ask('Name a tent.', { offline }));
    expect(out.completion.text).toBe('answer to Name a tent.');
    expect(asked).toBe(0);
    expect(provider.requests[0]).toEqual(request('Name a tent.'));
  });

  it('hands a miss to `defer` in batch mode instead of sending it; a hit is answered as usual', async () => {
    const provider = new EchoProvider();
    const cache = new MemoryCache();
    const known = request('known');
    const key = cacheKey('openai:gpt-4o-mini', known);
    await cache.put([
      {
        key,
        provider: 'openai:gpt-4o-mini',
        model: 'm',
        response: {
          text: 'from a batch',
          usage: { inputTokens: 1, outputTokens: 2 },
          finishReason: 'stop',
          model: 'm',
        },
        inputTokens: 1,
        outputTokens: 2,
        costUsd: 0,
      },
    ]);
    const deferred: [string, ModelCall][] = [];
    const { call } = createCachedCalls({
      cache,
      providers: new Map([[provider.id, provider]]),
      signal: new AbortController().signal,
      priceOf: () => undefined,
      defer: (k, c) => {
        deferred.push([k, c]);
        throw new Error('deferred');
      },
    });
    const unknown = ask('unknown');
    await expect(call(unknown)).rejects.toThrow('deferred');
    expect(deferred).toEqual([[cacheKey('openai:gpt-4o-mini', unknown.request), unknown]]);
    expect((await call(ask('known'))).completion.text).toBe('from a batch');
    expect(provider.requests).toEqual([]);
  });

  it('fails a call whose answer cannot be stored, lets the next one try again, and refuses unknown providers', async () => {
    const provider = new EchoProvider();
    const { cache, call } = setup([provider]);
    cache.failWith = new Error('disk full');
    await expect(call(ask('Name a tent.'))).rejects.toThrow('disk full');
    cache.failWith = undefined;
    expect((await call(ask('Name a tent.'))).cached).toBe(false);
    expect(provider.requests).toHaveLength(2);
    await expect(call(ask('x', { provider: 'anthropic:claude' }))).rejects.toThrow(
      "provider 'anthropic:claude' was not prepared for this run",
    );
  });
});
