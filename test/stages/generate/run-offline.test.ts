import { afterAll, describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { backends } from '../../helpers/stores.js';

const RECIPE = `
name: offline-support
seed: 7
count: 40
provider: template
columns:
  - name: language
    sampler: language
    values: [en, es, fr]
  - name: intent
    sampler: category
    values: [refund, shipping, { value: escalation, rare: true }]
  - name: customer
    sampler: person
    locale_from: language
  - name: question
    llm: text
    prompt: "A {{ intent }} question from {{ customer.name }} in {{ language }}"
    offline: "{{ 'Hello|Hi|Hey' | pick }}, I am {{ customer.first_name }} and this is about {{ intent }}."
  - name: answer
    llm: structured
    prompt: "Answer: {{ question }}"
    schema:
      type: object
      properties:
        reply: { type: string, minLength: 5 }
        escalate: { type: boolean }
      required: [reply, escalate]
    offline:
      reply: "Thanks {{ customer.first_name }}, we will look at your {{ intent }}."
      escalate: false
  - name: conversation
    llm: chat
    mode: turns
    turns: 4
    system: You are a support agent.
    prompt: "You are {{ customer.name }} with a {{ intent }} problem."
    offline:
      - { role: user, content: "{{ question }}" }
      - { role: assistant, content: "{{ answer.reply }}" }
      - { role: user, content: "Thanks." }
      - { role: assistant, content: "You're welcome." }
  - name: quality
    judge:
      target: "{{ conversation | json }}"
      criteria:
        - { name: helpful, description: Does the agent help?, scale: [1, 5] }
coverage:
  rare_share: 0.1
validators:
  - name: escalations
    fail_if: "intent == 'escalation'"
    action: flag
dataset:
  fields:
    - { name: conversation }
    - { name: answer }
  metadata: [language, intent]
  language: language
`;

for (const b of backends()) {
  describe.skipIf(b.skip)(`offline generation on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('stores exactly count rows with lineage, flags validator hits, and resumes without duplicates', async () => {
      const store = await backend.open();
      try {
        const recipe = loadRecipe(RECIPE, 'offline.yaml');
        const first = await runGeneration(store, { recipe, count: 25, actor: 'test' });
        expect(first.rows.stored).toBe(25);
        const second = await runGeneration(store, { recipe, actor: 'test' });
        expect(second.rows.alreadyStored).toBe(25);
        expect(second.rows.stored).toBe(15);
        const third = await runGeneration(store, { recipe, actor: 'test' });
        expect(third.rows.stored).toBe(0);

        const d = await store.datasets.get('offline-support');
        expect(d.settings.fields.map((f) => [f.name, f.type])).toEqual([
          ['conversation', 'chat'],
          ['answer', 'json'],
        ]);
        const records = [];
        for await (const batch of store.records.stream(d.id)) records.push(...batch);
        expect(records).toHaveLength(40);
        const rows = records.map((r) => (r.provenance as { row: number }).row).sort((a, b) => a - b);
        expect(rows).toEqual(Array.from({ length: 40 }, (_, i) => i));

        const r0 = records.find((r) => (r.provenance as { row: number }).row === 0)!;
        const p = r0.provenance as {
          origin: string;
          recipe: string;
          samplerValues: Record<string, unknown>;
          calls: unknown[];
          seed: number;
        };
        expect(p.origin).toBe('synthetic');
        expect(p.recipe).toBe('offline-support');
        expect(p.seed).toBe(7);
        expect(Object.keys(p.samplerValues).sort()).toEqual(['customer', 'intent', 'language']);
        // question, answer, four chat turns and the judge
        expect(p.calls).toHaveLength(7);
        const conv = r0.fields.conversation as { role: string; content: string }[];
        expect(conv.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
        const customer = p.samplerValues.customer as { first_name: string };
        expect(conv[1]!.content).toContain(customer.first_name);
        expect(r0.language).toBe(p.samplerValues.language);
        expect(r0.metadata.intent).toBe(p.samplerValues.intent);

        // rare_share 0.1 of 40 rows: exactly 4 escalations, each flagged by the validator
        const escalations = records.filter((r) => r.metadata.intent === 'escalation');
        expect(escalations).toHaveLength(4);
        expect(new Set(escalations.map((r) => r.status))).toEqual(new Set(['flagged']));
        expect(records.filter((r) => r.status === 'flagged')).toHaveLength(4);
        const checks = await store.checkResults.forRecord(escalations[0]!.id);
        expect(checks).toEqual([expect.objectContaining({ check: 'validator:escalations', passed: false })]);
        const events = await store.events.list({ datasetId: d.id });
        expect(events.filter((e) => e.action === 'records.insert').length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });

    it('gives the same rows for the same seed whatever the concurrency', async () => {
      const a = await backend.open();
      const b = await backend.open();
      try {
        const recipe = loadRecipe(RECIPE, 'offline.yaml');
        await runGeneration(a, { recipe, count: 12, concurrency: 1, actor: 'test' });
        await runGeneration(b, { recipe, count: 12, concurrency: 8, actor: 'test' });
        const rowsOf = async (s: typeof a) => {
          const d = await s.datasets.get('offline-support');
          const out = new Map<number, unknown>();
          for await (const batch of s.records.stream(d.id))
            for (const r of batch) out.set((r.provenance as { row: number }).row, r.fields);
          return [...out].sort((x, y) => x[0] - y[0]);
        };
        expect(await rowsOf(a)).toEqual(await rowsOf(b));
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
