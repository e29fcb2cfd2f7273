import type { Actor } from '../../../core/actor.js';
import type { Dataset } from '../../../store/datasets.js';
import type { OpenStore as Store } from '../../../store/store.js';
import { type CompiledRecipe, openSeeds, samplerColumnsOf } from '../recipe/compiled.js';
import { type CoveragePlan, coveragePlan } from '../samplers/coverage.js';
import { assertCompatible, type RecipeDataset, recipeDataset } from './recipe-dataset.js';
import { rowIndexOf, rowPrefix } from './to-record.js';

/** What every run (direct, batch, a worker's slice) settles before computing rows. */
export interface PreparedRun {
  seed: number;
  count: number;
  start: number;
  end: number;
  target: RecipeDataset;
  dataset: Dataset;
  /** Row indices in [start, end) not stored yet, ascending. */
  pending: number[];
  alreadyStored: number;
  plan: CoveragePlan | undefined;
}

export async function prepareRun(
  store: Store,
  recipe: CompiledRecipe,
  o: {
    count?: number | undefined;
    seed?: number | undefined;
    dataset?: string | undefined;
    rows?: { start: number; end: number } | undefined;
    actor: Actor;
  },
): Promise<PreparedRun> {
  const seed = o.seed ?? recipe.recipe.seed;
  const count = o.count ?? recipe.recipe.count;
  const start = o.rows?.start ?? 0;
  const end = Math.min(o.rows?.end ?? count, count);
  // The plan first: an impossible coverage request fails before anything is created.
  const plan = coveragePlanOf(recipe, count, seed);
  // Streamed seed files are read (and checked) before a dataset is created for them.
  await openSeeds(recipe);

  const target = recipeDataset(recipe, o.dataset);
  let dataset = await store.datasets.find(target.name);
  if (dataset) assertCompatible(dataset.settings, target);
  else {
    // Workers starting together race to create it: the loser uses the winner's.
    dataset = await store.datasets.create(target.name, target.settings, o.actor).catch(async (e: unknown) => {
      const created = await store.datasets.find(target.name);
      if (!created) throw e;
      return created;
    });
    assertCompatible(dataset.settings, target);
  }

  const prefix = rowPrefix(recipe.recipe.name, seed);
  const stored = new Uint8Array(Math.max(end, 0));
  let alreadyStored = 0;
  for await (const id of store.records.externalIdsWithPrefix(dataset.id, prefix)) {
    const i = rowIndexOf(id, prefix);
    if (i >= start && i < end && stored[i] === 0) {
      stored[i] = 1;
      alreadyStored++;
    }
  }
  const pending: number[] = [];
  for (let i = start; i < end; i++) if (stored[i] === 0) pending.push(i);
  return { seed, count, start, end, target, dataset, pending, alreadyStored, plan };
}

/** The recipe's coverage plan for a run of `count` rows, if it asks for coverage. */
export function coveragePlanOf(
  recipe: CompiledRecipe,
  count: number,
  seed: number,
): CoveragePlan | undefined {
  // The plan places values on inputs; with num_generations every generation of an input shares them.
  const inputs = Math.ceil(count / recipe.recipe.num_generations);
  return recipe.recipe.coverage
    ? coveragePlan(recipe.recipe.coverage, samplerColumnsOf(recipe), inputs, seed)
    : undefined;
}
