import { afterAll, describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { previewRun } from '../../../src/stages/generate/run/preview.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { setUpFakeLlm } from '../../helpers/fake-llm/set-up-fake-llm.js';
import { backends } from '../../helpers/stores.js';

const RECIPE = `
name: preview-run
seed: 3
count: 20
provider: openai:gpt-4o-mini
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
validators:
  - { name: about_boots, fail_if: "topic == 'boots'", action: drop, message: no boots }
dataset:
  fields: [{ name: question }, { name: answer }]
`;

const llm = setUpFakeLlm({ seed: 5 });

for (const b of backends()) {
  describe.skipIf(b.skip)(`generate --preview on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('generates the first rows for real with their cost, stores no dataset, and the run reuses the answers', async () => {
      const store = await backend.open();
      try {
        const recipe = loadRecipe(RECIPE, 'r.yaml');
        const before = llm.fake.stats.requests;
        const p = await previewRun(store, { recipe, rows: 4 });
        expect(llm.fake.stats.requests - before).toBe(8);
        expect(p.rows.map((r) => r.row)).toEqual([0, 1, 2, 3]);
        expect(p.calls).toEqual({ sent: 8, cacheHits: 0 });
        expect(p.tokens.input).toBeGreaterThan(0);
        expect(p.costUsd).toBeGreaterThan(0);
        for (const r of p.rows) {
          if (r.samplerValues.topic === 'boots') {
            expect(r.status).toBe('dropped');
            expect(r.notes).toEqual(['validator about_boots: no boots']);
          } else {
            expect(r.status).toBe('new');
            expect(String(r.fields.question)).toContain(`(row ${r.row})`);
            expect(r.fields.answer).toHaveProperty('reply');
          }
        }
        expect(await store.datasets.find('preview-run')).toBeUndefined();

        const s = await runGeneration(store, { recipe, count: 4, actor: 'test' });
        expect(s.calls.sent).toBe(0);
        expect(s.calls.cacheHits).toBe(8);
      } finally {
        await store.close();
      }
    });
  });
}
