import { afterAll, describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { backends } from '../../helpers/stores.js';

const RECIPE = `
name: gens
seed: 3
count: 12
num_generations: 3
provider: template
columns:
  - name: topic
    sampler: category
    values: [tea, coffee, juice, water, soda, milk]
  - name: temperature_c
    sampler: uniform
    min: 0
    max: 100
  - name: answer
    llm: text
    prompt: "Write about {{ topic }}"
    offline: "{{ 'a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p' | pick }} {{ topic }}"
dataset:
  fields: [{ name: answer }]
  metadata: [topic]
`;

interface Prov {
  row: number;
  input?: number;
  generation?: number;
  samplerValues: Record<string, unknown>;
  calls: { promptHash: string }[];
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`num_generations on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('makes N rows per input: same inputs, own answers and cache keys, lineage names the generation', async () => {
      const store = await backend.open();
      try {
        const recipe = loadRecipe(RECIPE, 'gens.yaml');
        const summary = await runGeneration(store, { recipe, actor: 'test' });
        expect(summary.rows.stored).toBe(12);
        const d = await store.datasets.get('gens');
        const records = [];
        for await (const batch of store.records.stream(d.id)) records.push(...batch);
        const provs = records.map((r) => r.provenance as unknown as Prov).sort((a, b) => a.row - b.row);
        expect(provs.map((p) => [p.input, p.generation])).toEqual(
          Array.from({ length: 12 }, (_, i) => [Math.floor(i / 3), i % 3]),
        );
        for (let input = 0; input < 4; input++) {
          const group = provs.filter((p) => p.input === input);
          expect(group).toHaveLength(3);
          // the inputs are shared…
          expect(new Set(group.map((p) => JSON.stringify(p.samplerValues))).size).toBe(1);
          // …the generations are not: each has its own cache key
          expect(new Set(group.map((p) => p.calls[0]!.promptHash)).size).toBe(3);
        }
        // inputs differ from one another (4 inputs drawn from 6 values × a continuous number)
        expect(new Set(provs.map((p) => p.samplerValues.temperature_c)).size).toBe(4);
        const answers = new Set(records.map((r) => String(r.fields.answer)));
        expect(answers.size).toBeGreaterThan(4);
      } finally {
        await store.close();
      }
    });
  });
}
