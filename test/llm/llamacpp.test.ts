import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkStructured } from '../../src/llm/call/structured.js';
import { closeLlamaEngines, createLlamaCppProvider, toChat } from '../../src/llm/llamacpp.js';
import { locateEngine, missingEngine } from '../../src/llm/llamacpp-engine.js';
import type { CompletionRequest, JsonSchema } from '../../src/llm/types.js';
import { loadRecipe } from '../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../src/stages/generate/run/run-generation.js';
import { openStore } from '../../src/store/connect.js';
import { fixtures } from '../helpers/files.js';

/**
 * The embedded provider on a real engine: node-llama-cpp running the tiny random-weight model in
 * test/fixtures/models (its README says how it was made). Its words are noise, so these tests
 * assert what a real engine must get right whatever the weights: the shape of answers, grammars
 * that make them valid JSON, token counts from the real tokenizer, finish reasons, and requests on
 * several sequences that do not see each other.
 *
 * The engine is optional (not in package.json): `.ci/run` installs it into .engines/. Without it
 * these tests are skipped — except in CI, where its absence is a failure.
 */

const MODEL = fileURLToPath(new URL('../fixtures/models/tiny-llama.gguf', import.meta.url));
const installed = locateEngine() !== undefined;
const signal = new AbortController().signal;

afterAll(() => closeLlamaEngines());

it('has the engine installed in CI', () => {
  if (process.env.CI) expect(installed).toBe(true);
});

const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content },
  ],
  params: { maxTokens: 24, temperature: 0 },
  ...extra,
});

const schema: JsonSchema = {
  type: 'object',
  properties: {
    label: { enum: ['good', 'bad', 'unsure'] },
    // No minimum/maximum: node-llama-cpp's grammars do not enforce ranges (the runner's check and
    // repair do), so the random weights would break them.
    score: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
  },
  required: ['label', 'score', 'tags'],
  additionalProperties: false,
};

describe('the optional engine', () => {
  it('is not a dependency: found only in an engines folder', () => {
    expect(locateEngine(['/nonexistent-engines'])).toBeUndefined();
  });

  it('says how to install it when it is missing', () => {
    const e = missingEngine('llamacpp:m.gguf');
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('npm install --no-save --prefix .engines node-llama-cpp@3.21.1');
  });
});

describe('chat history for the engine', () => {
  it('keeps the last user message as the prompt and everything before as history', () => {
    expect(
      toChat([
        { role: 'system', content: 's' },
        { role: 'user', content: 'u1' },
        { role: 'assistant', content: 'a1' },
        { role: 'user', content: 'u2' },
      ]),
    ).toEqual({
      history: [
        { type: 'system', text: 's' },
        { type: 'user', text: 'u1' },
        { type: 'model', response: ['a1'] },
      ],
      prompt: 'u2',
    });
  });
});

// A shared 2-core machine can make a real engine slow; correctness, not speed, is tested here.
describe.skipIf(!installed)('llamacpp provider on the tiny model', { timeout: 180_000 }, () => {
  it('answers text with real token counts, and says when max_tokens cut the answer', async () => {
    const p = createLlamaCppProvider({ model: MODEL, threads: 1 });
    const cut = await p.complete(ask('hello', { params: { maxTokens: 4, temperature: 0 } }), signal);
    expect(cut.finishReason).toBe('length');
    expect(cut.usage.outputTokens).toBe(4);
    expect(cut.model).toBe('tiny-llama.gguf');
    // The prompt is counted by the model's tokenizer (ChatML markup included), so a longer prompt
    // costs exactly the extra tokens of its text: letters of this vocabulary are one token each.
    const short = await p.complete(ask('ab'), signal);
    const long = await p.complete(ask('ab ab ab'), signal);
    expect(short.usage.inputTokens).toBeGreaterThan(10);
    expect(long.usage.inputTokens).toBeGreaterThan(short.usage.inputTokens);
    expect(short.usage.outputTokens).toBeLessThanOrEqual(24);
    expect(['stop', 'length']).toContain(short.finishReason);
  });

  it('constrains structured answers by their JSON Schema', async () => {
    const p = createLlamaCppProvider({ model: MODEL, threads: 1 });
    for (let seed = 0; seed < 4; seed++) {
      const c = await p.complete(
        ask(`rate ${seed}`, {
          params: { maxTokens: 120, temperature: 0.8, seed },
          responseFormat: { type: 'json_schema', name: 'rating', schema },
        }),
        signal,
      );
      expect(c.finishReason).toBe('stop');
      expect(checkStructured(c.text, schema)).toMatchObject({ ok: true });
    }
  });

  it('answers requests on several sequences at once exactly as one at a time', async () => {
    const prompts = ['one', 'two', 'three', 'four', 'five', 'six'];
    const one = createLlamaCppProvider({ model: MODEL, sequences: 1, threads: 1 });
    const serial = [];
    for (const q of prompts) serial.push((await one.complete(ask(q), signal)).text);
    const four = createLlamaCppProvider({ model: MODEL, sequences: 4, threads: 1 });
    const parallel = await Promise.all(prompts.map((q) => four.complete(ask(q), signal)));
    // Greedy decoding: each request is answered from its own prompt alone (a cleared sequence),
    // so sharing the context with others changes nothing.
    expect(parallel.map((c) => c.text)).toEqual(serial);
  });

  it('runs a recipe with text, structured and judge columns end to end', async () => {
    const store = await openStore(fixtures('llamacpp', '.db')(''));
    try {
      const recipe = loadRecipe(
        `
name: tiny-run
count: 3
provider: llamacpp:${MODEL}
limits: { concurrency: 2 }
defaults: { max_tokens: 60, temperature: 0.7 }
columns:
  - name: question
    llm: text
    prompt: "Ask something (row {{ row_index }})."
  - name: facts
    llm: structured
    prompt: "Facts for {{ question }}"
    max_tokens: 150
    schema: { type: object, properties: { kind: { enum: [a, b] }, note: { type: string, maxLength: 40 } }, required: [kind, note] }
  - name: verdict
    judge:
      target: "{{ question }}"
      criteria: [{ name: clarity, description: Clear., scale: [1, 5] }]
    max_tokens: 200
`,
        'r.yaml',
      );
      const s = await runGeneration(store, { recipe, actor: 't' });
      expect(s.rows.alreadyStored + s.rows.stored + s.rows.failed).toBe(3);
      expect(s.costUsd).toBe(0);
      expect(s.tokens.input).toBeGreaterThan(0);
      const d = await store.datasets.get('tiny-run');
      for await (const page of store.records.stream(d.id))
        for (const r of page) {
          expect(['a', 'b']).toContain((r.fields.facts as { kind: string }).kind);
          const calls = (r.provenance as { calls: { finishReason: string; model: string }[] }).calls;
          expect(calls.every((c) => c.model === 'tiny-llama.gguf' && c.finishReason !== undefined)).toBe(
            true,
          );
        }
    } finally {
      await store.close();
    }
  });

  it('fails with the path when the model file is missing', async () => {
    const p = createLlamaCppProvider({ model: '/nonexistent/m.gguf' });
    await expect(p.complete(ask('x'), signal)).rejects.toMatchObject({
      failure: 'bad_request',
      message: expect.stringContaining('no model file at /nonexistent/m.gguf'),
    });
  });
});
