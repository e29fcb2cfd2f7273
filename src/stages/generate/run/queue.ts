import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../core/actor.js';
import type { OpenStore as Store } from '../../../store/store.js';
import { loadRecipe } from '../recipe/load.js';
import { recipeDataset } from './recipe-dataset.js';

/**
 * A run split into jobs of consecutive rows for `tandem worker` processes. Each job carries the
 * recipe's text, so a worker on another machine needs only the database. Rows are numbered, so a
 * job done twice (a lease that ran out while its worker was merely slow) stores nothing twice.
 */

export const GENERATE_JOB = 'generate';

export interface GenerateJobPayload {
  recipeText: string;
  recipeFile: string;
  count: number;
  seed: number;
  dataset: string;
  provider?: string | undefined;
  concurrency?: number | undefined;
  start: number;
  end: number;
}

export interface QueueOptions {
  recipeText: string;
  recipeFile: string;
  count?: number | undefined;
  seed?: number | undefined;
  dataset?: string | undefined;
  provider?: string | undefined;
  concurrency?: number | undefined;
  jobSize?: number | undefined;
  actor: Actor;
}

export async function queueGeneration(store: Store, o: QueueOptions) {
  const recipe = loadRecipe(o.recipeText, o.recipeFile);
  const count = o.count ?? recipe.recipe.count;
  const seed = o.seed ?? recipe.recipe.seed;
  const dataset = recipeDataset(recipe, o.dataset).name;
  const jobSize = o.jobSize ?? 100;
  const runId = `generate:${recipe.recipe.name}:s${seed}:${randomUUID().slice(0, 8)}`;
  const payloads: GenerateJobPayload[] = [];
  for (let start = 0; start < count; start += jobSize) {
    payloads.push({
      recipeText: o.recipeText,
      recipeFile: o.recipeFile,
      count,
      seed,
      dataset,
      provider: o.provider,
      concurrency: o.concurrency,
      start,
      end: Math.min(count, start + jobSize),
    });
  }
  await store.jobs.enqueue(GENERATE_JOB, runId, payloads);
  return { runId, dataset, rows: count, jobs: payloads.length, jobSize };
}
