import { afterAll, describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { diversityOfRun } from '../../../src/stages/generate/run/run-diversity.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { setUpFakeLlm } from '../../helpers/fake-llm/set-up-fake-llm.js';
import { backends } from '../../helpers/stores.js';

const RECIPE = `
name: cost-run
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
dataset:
  fields: [{ name: question }, { name: answer }]
`;

setUpFakeLlm({ seed: 5 });

for (const b of backends()) {
  describe.skipIf(b.skip)(`the cost of a dataset over resumed runs on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('adds what earlier runs paid for the stored rows to this run’s cost', async () => {
      const store = await backend.open();
      try {
        const recipe = loadRecipe(RECIPE, 'r.yaml');
        const first = await runGeneration(store, { recipe, count: 6, actor: 'test' });
        const second = await runGeneration(store, { recipe, count: 12, actor: 'test' });
        expect(first.costUsd).toBeGreaterThan(0);
        expect(second.costUsd).toBeGreaterThan(0);
        expect(second.calls.cacheHits).toBe(0);
        expect(second.rows).toMatchObject({ alreadyStored: 6, stored: 6 });
        const { cost } = await diversityOfRun(store, recipe, second);
        expect(cost.answers).toBe(24);
        expect(cost.costUsd!).toBeCloseTo(first.costUsd! + second.costUsd!, 10);
        expect(cost.inputTokens).toBeGreaterThan(0);

        // A third run that stores nothing new still reports the whole.
        const third = await runGeneration(store, { recipe, count: 12, actor: 'test' });
        expect(third.costUsd).toBe(0);
        expect((await diversityOfRun(store, recipe, third)).cost.costUsd).toBeCloseTo(cost.costUsd!, 10);
      } finally {
        await store.close();
      }
    });
  });
}
