import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { dryRun } from '../../../src/stages/generate/run/dry-run.js';
import { recipeError } from '../../helpers/recipes.js';

const RECIPE = `name: cond
count: 300
columns:
  - name: language
    sampler: language
    values: [en, ja, fr]
  - name: greeting
    sampler: category
    values: [hello, hi]
    conditional_params:
      - when: "language == 'ja'"
        values: [こんにちは, やあ]
      - when: "language == 'fr'"
        values: [bonjour]
  - name: tone
    sampler: subcategory
    parent: greeting
    values: { hello: [formal], hi: [casual], こんにちは: [丁寧], やあ: [くだけた], bonjour: [poli] }
  - name: wait
    sampler: uniform
    min: 1
    max: 2
    integer: true
    conditional_params:
      - { when: "greeting == 'bonjour'", min: 10, max: 12 }
`;

const errorOf = recipeError;

describe('conditional sampler parameters', () => {
  it('draws with the first entry whose condition holds, else the column’s own', async () => {
    const recipe = loadRecipe(RECIPE, 'r.yaml');
    const result = await dryRun(recipe, { count: 300, show: 300, sample: 300 });
    const rows = result.rows.map((r) => r.samplerValues);
    expect(rows).toHaveLength(300);
    const of = (lang: string, col: string) =>
      new Set(rows.filter((r) => r.language === lang).map((r) => r[col]));
    expect(of('en', 'greeting')).toEqual(new Set(['hello', 'hi']));
    expect(of('ja', 'greeting')).toEqual(new Set(['こんにちは', 'やあ']));
    expect(of('fr', 'greeting')).toEqual(new Set(['bonjour']));
    expect(of('fr', 'wait')).toEqual(new Set([10, 11, 12]));
    expect(of('en', 'wait')).toEqual(new Set([1, 2]));
    // the subcategory branches on the conditional values too
    expect(of('ja', 'tone')).toEqual(new Set(['丁寧', 'くだけた']));
  });

  it('checks each entry as a whole sampler spec, naming the entry and its line', () => {
    const bad = RECIPE.replace('min: 10, max: 12', 'min: 10, max: 3');
    const e = errorOf(bad);
    expect(e.reason).toMatch(/^columns\.3\.conditional_params\.0: max: min must not exceed max/);
    expect(e.location?.line).toBe(25);
  });

  it('rejects a key the sampler does not have and a condition on a later column', () => {
    expect(errorOf(RECIPE.replace('min: 10, max: 12', 'mean: 3')).reason).toMatch(
      /conditional_params\.0.*mean/,
    );
    const later = RECIPE.replace(`"language == 'ja'"`, `"wait == 1"`);
    expect(errorOf(later).reason).toMatch(/conditional_params\.0\.when: 'wait' is not an earlier column/);
  });

  it('a subcategory whose parent’s conditional values have no list is an error', () => {
    const e = errorOf(RECIPE.replace(' bonjour: [poli] ', ' '));
    expect(e.reason).toMatch(/no values listed for greeting = bonjour/);
  });
});
