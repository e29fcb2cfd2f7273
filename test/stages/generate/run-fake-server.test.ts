import { afterEach, describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { runBatchGeneration } from '../../../src/stages/generate/run/batch-run.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { openStore } from '../../../src/store/connect.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { setUpFakeLlm } from '../../helpers/fake-llm/set-up-fake-llm.js';
import { fixtures } from '../../helpers/files.js';

const file = fixtures('gen-fake', '.db');

const recipeText = (provider: string, extra = '') => `
name: fake-run
seed: 3
count: 60
provider: ${provider}
limits: { concurrency: 8, max_attempts: 8 }
columns:
  - name: topic
    sampler: category
    values: [tents, boots, stoves]
  - name: question
    llm: text
    prompt: "Ask a customer question about {{ topic }} (row {{ row_index }})."
  - name: answer
    llm: structured
    prompt: "Answer this: {{ question }}"
    schema:
      type: object
      properties: { reply: { type: string } }
      required: [reply]
${extra}`;

const llm = setUpFakeLlm({ seed: 5 }, { anthropic: true });
afterEach(async () => {
  // Requests a failed run had already written reach this in-process server a moment later.
  await new Promise((r) => setTimeout(r, 200));
  llm.fake.options = { seed: 5 };
  llm.fake.reset();
});

async function recordsOf(store: Store, name = 'fake-run') {
  const d = await store.datasets.get(name);
  const out = [];
  for await (const page of store.records.stream(d.id)) out.push(...page);
  return out;
}

describe('generation against an OpenAI-compatible server', () => {
  it('stores exactly N rows while 10% of requests are answered 429, and retries them', async () => {
    llm.fake.options = { seed: 5, rate429Fraction: 0.1 };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(recipeText('openai:fake-model'), 'r.yaml');
      const s = await runGeneration(store, { recipe, actor: 'test' });
      expect(s.rows).toMatchObject({ wanted: 60, stored: 60, failed: 0 });
      expect(s.calls.retries).toBeGreaterThan(0);
      expect(s.calls.failures.rate_limited).toBe(llm.fake.stats.byOutcome.random_429);
      const records = await recordsOf(store);
      expect(new Set(records.map((r) => r.externalId)).size).toBe(60);
      // Each row's question came from its own prompt: the fake echoes the prompt it got.
      for (const r of records.slice(0, 5)) {
        const row = (r.provenance as { row: number }).row;
        expect(String(r.fields.question)).toContain(`(row ${row})`);
      }
      expect(s.tokens.input).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('still stores exactly N rows when some answers are 500s, 503s or not JSON', async () => {
    llm.fake.options = {
      seed: 5,
      faults: (c) => {
        if (c.endpoint !== 'chat') return undefined;
        const k = c.index % 13;
        if (k === 3) return { kind: 'status', status: 500 };
        if (k === 7) return { kind: 'status', status: 503, retryAfterMs: 10 };
        if (k === 11) return { kind: 'malformed', variant: 'not_json' };
        return undefined;
      },
    };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(recipeText('openai:fake-model').replace('count: 60', 'count: 30'), 'r.yaml');
      const s = await runGeneration(store, { recipe, actor: 'test' });
      expect(s.rows).toMatchObject({ wanted: 30, stored: 30, failed: 0 });
      expect(s.calls.failures.server).toBe(llm.fake.stats.byOutcome.fault_500);
      expect(s.calls.failures.overloaded).toBe(llm.fake.stats.byOutcome.fault_503);
      expect(s.calls.failures.malformed).toBe(llm.fake.stats.byOutcome.malformed);
      expect((await recordsOf(store)).length).toBe(30);
    } finally {
      await store.close();
    }
  });

  it('never sends more requests at once than the concurrency limit', async () => {
    llm.fake.options = { seed: 5, latencyMs: 20 };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(recipeText('openai:fake-model'), 'r.yaml');
      await runGeneration(store, { recipe, concurrency: 4, actor: 'test' });
      expect(llm.fake.stats.peakConcurrency).toBeLessThanOrEqual(4);
      expect(llm.fake.stats.peakConcurrency).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
  });

  it('repairs an invalid structured answer with one more call, and records the repair', async () => {
    llm.fake.options = {
      seed: 5,
      responder: (req) => {
        if (req.responseFormat === 'text') return `A question about ${req.lastUserMessage.slice(0, 40)}`;
        return req.lastUserMessage.includes('could not be used') ? '{"reply": "fixed"}' : '{"reply": 42}';
      },
    };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(recipeText('openai:fake-model').replace('count: 60', 'count: 5'), 'r.yaml');
      const s = await runGeneration(store, { recipe, actor: 'test' });
      expect(s.rows.stored).toBe(5);
      const records = await recordsOf(store);
      expect(records.every((r) => (r.fields.answer as { reply: string }).reply === 'fixed')).toBe(true);
      const calls = (records[0]!.provenance as { calls: { purpose: string }[] }).calls.map((c) => c.purpose);
      expect(calls).toEqual(['answer', 'answer', 'answer:repair']);
    } finally {
      await store.close();
    }
  });

  it('records a row as failed with the reason when repair and retry both fail, and goes on', async () => {
    llm.fake.options = {
      seed: 5,
      responder: (req) => (req.responseFormat === 'text' ? 'q' : 'not json at all'),
    };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(recipeText('openai:fake-model').replace('count: 60', 'count: 3'), 'r.yaml');
      const s = await runGeneration(store, { recipe, actor: 'test' });
      expect(s.rows).toMatchObject({ stored: 0, failed: 3 });
      expect(s.failures[0]).toMatchObject({ column: 'answer' });
      expect(s.failures[0]!.reason).toMatch(/not valid JSON.*after a repair and a retry/);
      const d = await store.datasets.get('fake-run');
      const events = await store.events.list({ datasetId: d.id });
      expect(events.filter((e) => e.action === 'generation.row_failed')).toHaveLength(3);
      // answer, repair, retry per row, after the question
      expect(llm.fake.stats.byPath['POST /v1/chat/completions']).toBe(3 * 4);
    } finally {
      await store.close();
    }
  });

  it('fails fast with a clear message when the key is rejected, storing nothing', async () => {
    llm.fake.options = { seed: 5, faults: () => ({ kind: 'status', status: 401 }) };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(recipeText('openai:fake-model'), 'r.yaml');
      const err = await runGeneration(store, { recipe, actor: 'test' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'provider' });
      expect(String((err as Error).message)).toMatch(/401|key/i);
      expect(llm.fake.stats.requests).toBeLessThanOrEqual(8);
      expect(await recordsOf(store)).toHaveLength(0);
    } finally {
      await store.close();
    }
  });

  it('retries a timed-out request and still completes', async () => {
    let hung = 0;
    llm.fake.options = {
      seed: 5,
      faults: (c) => (c.endpoint === 'chat' && hung++ < 2 ? { kind: 'hang' } : undefined),
    };
    const store = await openStore(file(''));
    try {
      const text = recipeText('openai:fake-model', '').replace(
        'limits: { concurrency: 8, max_attempts: 8 }',
        'limits: { concurrency: 8, max_attempts: 4, timeout_seconds: 0.3 }',
      );
      const recipe = loadRecipe(text.replace('count: 60', 'count: 4'), 'r.yaml');
      const s = await runGeneration(store, { recipe, actor: 'test' });
      expect(s.rows.stored).toBe(4);
      expect(s.calls.failures.timeout).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('runs the same recipe against the Anthropic messages API', async () => {
    // Anthropic has no JSON mode: the schema travels in the prompt, and this fake answers it.
    llm.fake.options = {
      seed: 5,
      responder: (req) =>
        req.lastUserMessage.includes('JSON Schema') ? '{"reply": "ok"}' : `Q: ${req.lastUserMessage}`,
    };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(
        recipeText('anthropic:claude-test').replace('count: 60', 'count: 6'),
        'r.yaml',
      );
      const s = await runGeneration(store, { recipe, actor: 'test' });
      expect(s.rows.stored).toBe(6);
      expect(llm.fake.stats.byPath['POST /v1/messages']).toBe(12);
      const records = await recordsOf(store);
      expect(records.every((r) => (r.fields.answer as { reply: string }).reply === 'ok')).toBe(true);
      expect((records[0]!.provenance as { model: string }).model).toBe('claude-test');
    } finally {
      await store.close();
    }
  });

  it('collects through the Batch API in rounds, and a restarted run collects the batch it sent instead of paying again', async () => {
    llm.fake.options = { seed: 5, batchPollsUntilComplete: 1 };
    const path = file('');
    const store = await openStore(path);
    try {
      const recipe = loadRecipe(recipeText('openai:gpt-4o-mini').replace('count: 60', 'count: 10'), 'r.yaml');
      // Interrupt the first run while it polls its first batch.
      llm.fake.options = { seed: 5, batchPollsUntilComplete: 1000 };
      const controller = new AbortController();
      const watch = setInterval(() => {
        if ((llm.fake.stats.byPath['GET /v1/batches/:id'] ?? 0) >= 1) controller.abort();
      }, 1);
      const first = await runBatchGeneration(store, {
        recipe,
        actor: 'test',
        pollMs: 20,
        signal: controller.signal,
      }).catch((e: unknown) => e);
      clearInterval(watch);
      expect(first).toBeInstanceOf(Error);
      expect(llm.fake.stats.byPath['POST /v1/batches']).toBe(1);

      llm.fake.options = { seed: 5, batchPollsUntilComplete: 1 };
      // Worse: the run died before it learned the batch id. The batch is found by its input file.
      const [job] = await store.jobs.ofRun<{ batchId: string; fileId: string }>(
        'batch:fake-run:fake-run:s3',
        'openai-batch',
      );
      await store.jobs.updatePayload(job!.id, { ...job!.payload, batchId: '' });
      const s = await runBatchGeneration(store, { recipe, actor: 'test', pollMs: 5 });
      expect(s.rows.stored).toBe(10);
      // Round 1 (questions) was collected, not resent; round 2 (answers) is the only other batch.
      expect(llm.fake.stats.byPath['POST /v1/batches']).toBe(2);
      expect(llm.fake.stats.byPath['POST /v1/files']).toBe(2);
      expect(llm.fake.stats.byPath['POST /v1/chat/completions'] ?? 0).toBe(0);
      expect(s.costUsd).toBeGreaterThan(0);
      const records = await recordsOf(store);
      expect(records).toHaveLength(10);
    } finally {
      await store.close();
    }
  });
});
