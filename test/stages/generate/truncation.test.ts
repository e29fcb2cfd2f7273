import { afterEach, describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { openStore } from '../../../src/store/connect.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { setUpFakeLlm } from '../../helpers/fake-llm/set-up-fake-llm.js';
import { fixtures } from '../../helpers/files.js';

/**
 * Answers cut at max_tokens. The fake cuts the responder's text at the token limit and answers
 * `finish_reason: "length"`, as llama.cpp's llama-server did for the tiny model with `max_tokens: 8`:
 * `{"choices":[{"finish_reason":"length","message":{"role":"assistant","content":"…"}}],
 * "usage":{"completion_tokens":8,…}}` — a 200 whose text simply stops.
 */

const file = fixtures('gen-trunc', '.db');

const recipeText = (extra: string) => `
name: trunc
seed: 1
count: 4
provider: openai:fake-model
limits: { concurrency: 4 }
${extra}`;

const textColumn = `
columns:
  - name: story
    llm: text
    max_tokens: 5
    prompt: "Tell a long story (row {{ row_index }})."`;

const long = 'once upon a time there was a very long story that went on and on';
const llm = setUpFakeLlm({ seed: 5 });
afterEach(() => {
  llm.fake.options = { seed: 5 };
  llm.fake.reset();
});

async function recordsOf(store: Store) {
  const d = await store.datasets.get('trunc');
  const out = [];
  for await (const page of store.records.stream(d.id)) out.push(...page);
  return out;
}

type Calls = { purpose: string; finishReason?: string }[];

describe('answers cut at max_tokens', () => {
  it('are stored flagged by default, with the finish reason in provenance and a count in the summary', async () => {
    llm.fake.options = { seed: 5, responder: () => long };
    const store = await openStore(file(''));
    try {
      const s = await runGeneration(store, {
        recipe: loadRecipe(recipeText(textColumn), 'r.yaml'),
        actor: 't',
      });
      expect(s.rows).toMatchObject({ stored: 4, truncated: 4, flagged: 4, failed: 0 });
      const records = await recordsOf(store);
      for (const r of records) {
        expect(r.status).toBe('flagged');
        expect(String(r.fields.story).length).toBeLessThanOrEqual(20);
        expect((r.provenance as { calls: Calls }).calls[0]!.finishReason).toBe('length');
        const checks = await store.checkResults.forRecord(r.id);
        expect(checks).toEqual([expect.objectContaining({ check: 'generation:truncated', passed: false })]);
        expect(JSON.stringify(checks[0]!.details)).toMatch(/story \(answer\).*max_tokens \(5\)/);
      }
    } finally {
      await store.close();
    }
  });

  it('are not flagged when the answer ended by itself', async () => {
    llm.fake.options = { seed: 5, responder: () => 'short' };
    const store = await openStore(file(''));
    try {
      const s = await runGeneration(store, {
        recipe: loadRecipe(recipeText(textColumn), 'r.yaml'),
        actor: 't',
      });
      expect(s.rows).toMatchObject({ stored: 4, truncated: 0, flagged: 0 });
      const records = await recordsOf(store);
      expect(records.every((r) => r.status === 'new')).toBe(true);
      expect((records[0]!.provenance as { calls: Calls }).calls[0]!.finishReason).toBe('stop');
    } finally {
      await store.close();
    }
  });

  it('fail their rows when the recipe says truncated: fail', async () => {
    llm.fake.options = { seed: 5, responder: () => long };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(recipeText(`truncated: fail\n${textColumn}`), 'r.yaml');
      const s = await runGeneration(store, { recipe, actor: 't' });
      expect(s.rows).toMatchObject({ stored: 0, failed: 4, truncated: 4 });
      expect(s.failures[0]).toMatchObject({ column: 'story' });
      expect(s.failures[0]!.reason).toMatch(/truncated.*max_tokens \(5\).*truncated: fail/);
    } finally {
      await store.close();
    }
  });

  it('report a structured answer cut short as truncated, and ask the repair and retry with more tokens', async () => {
    // 70 characters of JSON: ~18 tokens, cut at 8 and at 16, whole at 32.
    const json = JSON.stringify({ reply: 'x'.repeat(56) });
    llm.fake.options = { seed: 5, responder: () => json };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(
        recipeText(`
columns:
  - name: answer
    llm: structured
    max_tokens: 8
    prompt: "Answer (row {{ row_index }})."
    schema: { type: object, properties: { reply: { type: string } }, required: [reply] }`),
        'r.yaml',
      );
      const s = await runGeneration(store, { recipe, actor: 't' });
      expect(s.rows).toMatchObject({ stored: 4, failed: 0, truncated: 0 });
      const limits = (llm.fake.bodies('chat') as { max_tokens: number }[]).map((b) => b.max_tokens).sort();
      // answer, repair, retry for each of 4 rows.
      expect(limits).toEqual([...Array(4).fill(8), ...Array(4).fill(16), ...Array(4).fill(32)].sort());
      const [r] = await recordsOf(store);
      const calls = (r!.provenance as { calls: Calls }).calls;
      expect(calls.map((c) => [c.purpose, c.finishReason])).toEqual([
        ['answer', 'length'],
        ['answer:repair', 'length'],
        ['answer:retry', 'stop'],
      ]);
      // The repair said what was wrong: cut short, not "no JSON object".
      const repair = (llm.fake.bodies('chat') as { messages: { content: string }[] }[]).find((b) =>
        b.messages.at(-1)!.content.includes('could not be used'),
      )!;
      expect(repair.messages.at(-1)!.content).toMatch(/truncated.*max_tokens \(8\)/);
    } finally {
      await store.close();
    }
  });

  it('fail a structured row as truncated when even the larger limits cut it', async () => {
    llm.fake.options = { seed: 5, responder: () => JSON.stringify({ reply: 'y'.repeat(400) }) };
    const store = await openStore(file(''));
    try {
      const recipe = loadRecipe(
        recipeText(`
columns:
  - name: answer
    llm: structured
    max_tokens: 8
    prompt: "Answer (row {{ row_index }})."
    schema: { type: object, properties: { reply: { type: string } }, required: [reply] }`),
        'r.yaml',
      );
      const s = await runGeneration(store, { recipe, actor: 't' });
      expect(s.rows).toMatchObject({ stored: 0, failed: 4, truncated: 4 });
      expect(s.failures[0]!.reason).toMatch(
        /^truncated: the answer was cut at max_tokens \(32\).*after a repair and a retry with more tokens/,
      );
    } finally {
      await store.close();
    }
  });
});
