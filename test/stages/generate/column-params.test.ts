import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/llm/call/cache-key.js';
import { createTemplateProvider, withOfflineAnswer } from '../../../src/llm/template.js';
import type { GenerationParams } from '../../../src/llm/types.js';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { computeRow, type RowCall, type RowResult } from '../../../src/stages/generate/row/compute-row.js';
import { recipeError } from '../../helpers/recipes.js';

/**
 * Request parameters drawn per row: `temperature: "{{ temp }}"` reads an earlier column (a sampler
 * usually), checked when the recipe loads and, on each row, for its range.
 */
const RECIPE = `name: params
provider: openai:gpt-4o-mini
columns:
  - { name: temp, sampler: uniform, min: 0.2, max: 1.2 }
  - { name: budget, sampler: uniform, min: 50, max: 60, integer: true }
  - { name: nucleus, sampler: uniform, min: 0.5, max: 1 }
  - name: answer
    llm: text
    prompt: "Say something."
    temperature: "{{ temp }}"
    max_tokens: "{{budget}}"
    top_p: 0.9
  - name: verdict
    judge:
      target: "{{ answer }}"
      criteria: [{ name: clear, description: "Is it clear?", scale: [1, 5] }]
    top_p: "{{ nucleus }}"
`;

const template = createTemplateProvider();
const signal = new AbortController().signal;

async function row(text: string, index: number): Promise<{ result: RowResult; params: GenerationParams[] }> {
  const recipe = loadRecipe(text, 'r.yaml');
  const params: GenerationParams[] = [];
  const call = async (spec: RowCall) => {
    params.push(spec.request.params);
    const completion = await template.complete(withOfflineAnswer(spec.request, spec.offline), signal);
    return { completion, key: cacheKey(spec.provider, spec.request), cached: false };
  };
  const result = await computeRow(
    { recipe, seed: 7, providerFor: () => 'openai:gpt-4o-mini', plan: undefined, call },
    index,
  );
  return { result, params };
}

const errorOf = recipeError;

describe('request parameters from columns', () => {
  it('sends each row the value its sampler drew; numbers written in place stay as they are', async () => {
    const temps = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const { result, params } = await row(RECIPE, i);
      expect(result.outcome).toMatchObject({ kind: 'ok' });
      const [answer, verdict] = params as [GenerationParams, GenerationParams];
      expect(answer.temperature).toBe(result.samplerValues.temp);
      expect(answer.maxTokens).toBe(result.samplerValues.budget);
      expect(answer.topP).toBe(0.9);
      // The judge keeps its temperature 0 and reads its top_p from the column.
      expect(verdict.temperature).toBe(0);
      expect(verdict.topP).toBe(result.samplerValues.nucleus);
      temps.add(answer.temperature!);
    }
    expect(temps.size).toBeGreaterThan(15); // drawn per row, not once
  });

  it('fails the row, naming the column and the value, when the value is out of range', async () => {
    const { result, params } = await row(
      RECIPE.replace('max: 1.2 }', 'max: 1.2 }\n  - { name: t2, expression: "hot" }').replace(
        '"{{ temp }}"\n    max_tokens',
        '"{{ t2 }}"\n    max_tokens',
      ),
      0,
    );
    expect(result.outcome).toEqual({
      kind: 'failed',
      column: 'answer',
      reason: "temperature from column 't2' is 'hot', not a number from 0 to 2",
    });
    expect(params).toEqual([]); // nothing was asked
    const tooMany = await row(RECIPE.replace('min: 50, max: 60', 'min: 300000, max: 300001'), 0);
    expect(tooMany.result.outcome).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/^max_tokens from column 'budget' is 30000[01], not a whole number/),
    });
  });

  it('rejects a reference to a later or unknown column, and a template that is not a plain reference', () => {
    const later = errorOf(RECIPE.replace('"{{ temp }}"\n    max_tokens', '"{{ verdict }}"\n    max_tokens'));
    expect(later.reason).toMatch(
      /^columns\.3\.temperature: 'verdict' is not an earlier column \(earlier: temp, budget, nucleus\)/,
    );
    expect(later.location?.line).toBe(10);
    expect(
      errorOf(RECIPE.replace('"{{ temp }}"\n    max_tokens', '"{{ temp | times: 2 }}"\n    max_tokens'))
        .reason,
    ).toMatch(/columns\.3\.temperature.*"\{\{ column \}\}"/);
    expect(errorOf(RECIPE.replace('top_p: 0.9', 'top_p: 1.5')).reason).toMatch(/columns\.3\.top_p/);
  });
});
