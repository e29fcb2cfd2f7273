import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/llm/errors.js';
import {
  type BatchResult,
  buildBatchLine,
  cancelBatch,
  createBatch,
  downloadResults,
  getBatch,
  parseResultLine,
  uploadBatch,
} from '../../src/llm/openai-batch.js';
import { createOpenAIClient } from '../../src/llm/openai-client.js';
import type { CompletionRequest } from '../../src/llm/types.js';
import {
  createFakeLlmServer,
  type RunningFakeServer,
  shortHash,
} from '../helpers/fake-llm/fake-llm-server.js';

const fake = createFakeLlmServer();
let server: RunningFakeServer;
let client: OpenAI;

beforeAll(async () => {
  server = await fake.start();
  client = createOpenAIClient({ model: 'gpt-batch', apiKey: 'k', baseURL: server.url });
});
afterAll(() => server.close());
beforeEach(() => {
  fake.options = {};
  fake.reset();
});

const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  messages: [{ role: 'user', content }],
  params: { maxTokens: 200 },
  ...extra,
});

async function collect(results: AsyncIterable<BatchResult>): Promise<BatchResult[]> {
  const out: BatchResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

describe('buildBatchLine', () => {
  it('writes a chat completions request with max_completion_tokens and the JSON format', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const line = buildBatchLine(
      'row-1',
      ask('hi', {
        params: { maxTokens: 10, temperature: 0 },
        responseFormat: { type: 'json_schema', name: 'a', schema },
      }),
      'gpt-4o-mini',
    );
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      custom_id: 'row-1',
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0,
        max_completion_tokens: 10,
        response_format: { type: 'json_schema', json_schema: { name: 'a', schema, strict: false } },
      },
    });
  });
});

describe('batch round trip', () => {
  it('uploads, creates, polls to completion and downloads one result per line, custom ids kept', async () => {
    fake.options.batchPollsUntilComplete = 3;
    const prompts = { 'row-a': 'first prompt', 'row-b': 'second prompt', 'row-c': 'third prompt' };
    const lines = Object.entries(prompts).map(([id, prompt]) => buildBatchLine(id, ask(prompt), 'gpt-batch'));

    const fileId = await uploadBatch(client, lines);
    const upload = fake.requestLog.find((r) => r.endpoint === 'file_upload');
    expect(upload?.body).toMatchObject({ purpose: 'batch', filename: 'tandem-batch.jsonl' });
    const batchId = await createBatch(client, fileId);

    const seen: string[] = [];
    let state = await getBatch(client, batchId);
    seen.push(state.status);
    while (state.status !== 'completed') {
      state = await getBatch(client, batchId);
      seen.push(state.status);
    }
    expect(seen).toEqual(['in_progress', 'in_progress', 'completed']);
    expect(state.counts).toEqual({ total: 3, completed: 3, failed: 0 });
    expect(state.errorFileId).toBeUndefined();

    const results = await collect(downloadResults(client, state.outputFileId!));
    expect(results.map((r) => r.customId)).toEqual(['row-a', 'row-b', 'row-c']);
    for (const result of results) {
      if (!result.ok) throw result.error;
      const prompt = prompts[result.customId as keyof typeof prompts];
      expect(result.completion.text).toBe(`echo: ${shortHash(prompt)} ${prompt}`);
      expect(result.completion.model).toBe('gpt-batch');
      expect(result.completion.usage.outputTokens).toBeGreaterThan(0);
    }
  });

  it('puts failed lines in the error file, with the failure a direct request would get', async () => {
    fake.options = {
      batchPollsUntilComplete: 1,
      batchLineError: (id) => (id === 'row-2' ? { status: 500, message: 'upstream broke' } : undefined),
    };
    const lines = ['row-1', 'row-2', 'row-3'].map((id) => buildBatchLine(id, ask(id), 'gpt-batch'));
    const batchId = await createBatch(client, await uploadBatch(client, lines));
    const state = await getBatch(client, batchId);
    expect(state.counts).toEqual({ total: 3, completed: 2, failed: 1 });

    const ok = await collect(downloadResults(client, state.outputFileId!));
    expect(ok.map((r) => [r.customId, r.ok])).toEqual([
      ['row-1', true],
      ['row-3', true],
    ]);
    const failed = await collect(downloadResults(client, state.errorFileId!));
    expect(failed).toHaveLength(1);
    const [only] = failed;
    if (!only || only.ok) throw new Error('expected a failed line');
    expect(only.customId).toBe('row-2');
    expect([only.error.failure, only.error.status, only.error.retryable]).toEqual(['server', 500, true]);
    expect(only.error.message).toContain('upstream broke');
  });

  it('fails a batch whose input has an invalid line, saying which', async () => {
    fake.options.batchPollsUntilComplete = 1;
    const lines = [buildBatchLine('ok', ask('x'), 'gpt-batch'), '{"custom_id": "broken"']; // cut short
    const state = await getBatch(client, await createBatch(client, await uploadBatch(client, lines)));
    expect(state.status).toBe('failed');
    expect(state.errors).toEqual(['line 2: the line is not valid JSON']);
    expect(state.outputFileId).toBeUndefined();
  });

  it('cancels a running batch', async () => {
    fake.options.batchPollsUntilComplete = 5;
    const batchId = await createBatch(
      client,
      await uploadBatch(client, [buildBatchLine('a', ask('x'), 'm')]),
    );
    expect(await cancelBatch(client, batchId)).toBe('cancelling');
    expect((await getBatch(client, batchId)).status).toBe('cancelled');
  });

  it('maps API errors of batch calls to ProviderErrors', async () => {
    const missing = await failure(getBatch(client, 'batch_nope'));
    expect([missing.failure, missing.status]).toEqual(['bad_request', 404]);
    fake.options.faults = [{ kind: 'status', status: 503, retryAfterSeconds: 30 }];
    const busy = await failure(uploadBatch(client, [buildBatchLine('a', ask('x'), 'm')]));
    expect([busy.failure, busy.retryAfterMs]).toEqual(['overloaded', 30_000]);
  });
});

describe('parseResultLine', () => {
  it('classifies expired, cancelled and unusable lines', () => {
    const line = (value: unknown) => parseResultLine(JSON.stringify(value));
    const expired = line({
      custom_id: 'a',
      response: null,
      error: { code: 'batch_expired', message: 'late' },
    });
    const cancelled = line({
      custom_id: 'b',
      response: null,
      error: { code: 'batch_cancelled', message: 'stop' },
    });
    const noChoices = line({
      custom_id: 'c',
      response: { status_code: 200, body: { model: 'm' } },
      error: null,
    });
    const quota = line({
      custom_id: 'd',
      response: { status_code: 429, body: { error: { code: 'insufficient_quota', message: 'no money' } } },
      error: null,
    });
    const garbage = parseResultLine('not json at all');
    const failures = [expired, cancelled, noChoices, quota, garbage].map((r) =>
      r.ok ? 'ok' : r.error.failure,
    );
    expect(failures).toEqual(['timeout', 'aborted', 'malformed', 'quota', 'malformed']);
    expect([expired.customId, garbage.customId]).toEqual(['a', '']);
  });
});
