import { TandemError } from '../../../core/errors.js';
import { isProviderError } from '../../../llm/errors.js';
import type { RetryEvent } from '../../../llm/scheduler/scheduled-provider.js';
import type { OpenStore as Store } from '../../../store/store.js';
import { type CompiledRecipe, openSeeds } from '../recipe/compiled.js';
import { computeRow, type RowResult } from '../row/compute-row.js';
import { coveragePlanOf } from './prepare-run.js';
import { runCalls } from './providers-for-run.js';
import { recipeDataset } from './recipe-dataset.js';
import { rowToRecord } from './to-record.js';

/**
 * `tandem generate --preview N`: the first N rows of the run the same command would make, generated
 * for real (real calls, real cost) and returned rather than stored. No dataset is created or written.
 * Answers go to the store's cache like any run's, so the run that follows pays for none of them again.
 */

export interface PreviewRow {
  row: number;
  /** stored as `new` or `flagged` by a real run; `dropped` by a validator; `failed` with a reason. */
  status: 'new' | 'flagged' | 'dropped' | 'failed';
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  samplerValues: Record<string, unknown>;
  /** Why a row was flagged, dropped or failed. */
  notes: string[];
  calls: number;
}

export interface PreviewResult {
  recipe: string;
  seed: number;
  provider: string;
  rows: PreviewRow[];
  calls: { sent: number; cacheHits: number };
  tokens: { input: number; output: number };
  /** This preview's cost; undefined when a model has no known price. */
  costUsd: number | undefined;
  count: number;
}

export interface PreviewOptions {
  recipe: CompiledRecipe;
  rows: number;
  count?: number | undefined;
  seed?: number | undefined;
  dataset?: string | undefined;
  provider?: string | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal;
  onRetry?: (e: RetryEvent) => void;
}

export async function previewRun(store: Store, o: PreviewOptions): Promise<PreviewResult> {
  const recipe = o.recipe;
  const seed = o.seed ?? recipe.recipe.seed;
  const count = o.count ?? recipe.recipe.count;
  const n = Math.min(o.rows, count);
  // The plan of the full run, so the preview's rows are the rows that run would make.
  const plan = coveragePlanOf(recipe, count, seed);
  await openSeeds(recipe);
  const target = recipeDataset(recipe, o.dataset);

  const { controller, signal, providers, calls } = await runCalls(
    store,
    recipe,
    { override: o.provider, concurrency: o.concurrency, ...(o.onRetry ? { onRetry: o.onRetry } : {}) },
    o.signal,
  );
  const inputs = { recipe, seed, providerFor: providers.providerFor, plan, call: calls.call };
  const results: RowResult[] = new Array(n);
  let next = 0;
  let fatal: unknown;
  const lanes = Math.max(1, Math.min(n, o.concurrency ?? recipe.recipe.limits.concurrency));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (fatal === undefined && !signal.aborted) {
        const i = next++;
        if (i >= n) return;
        try {
          results[i] = await computeRow(inputs, i);
        } catch (e) {
          fatal ??= e;
          controller.abort();
        }
      }
    }),
  );
  if (fatal !== undefined) {
    if (isProviderError(fatal)) throw new TandemError('provider', fatal.message, { cause: fatal });
    throw fatal;
  }
  if (o.signal?.aborted) throw new TandemError('internal', 'the preview was interrupted');

  const ctx = { recipe, seed, fields: target.fields, provider: providers.main };
  const rows = results.map((r): PreviewRow => {
    const record = rowToRecord(ctx, r);
    const base = {
      row: r.index,
      fields: record.fields,
      metadata: record.metadata,
      samplerValues: r.samplerValues,
      calls: r.calls.length,
    };
    const cut = r.truncated.map((t) => `${t.column}: answer cut at max_tokens`);
    switch (r.outcome.kind) {
      case 'ok':
        return {
          ...base,
          status: record.status === 'flagged' ? 'flagged' : 'new',
          notes: [...r.outcome.flags.map((f) => `validator ${f.validator}: ${f.message}`), ...cut],
        };
      case 'dropped':
        return {
          ...base,
          status: 'dropped',
          notes: [`validator ${r.outcome.validator}: ${r.outcome.message}`],
        };
      default:
        return { ...base, status: 'failed', notes: [`${r.outcome.column}: ${r.outcome.reason}`] };
    }
  });

  let input = 0;
  let output = 0;
  let cost: number | undefined = 0;
  for (const s of providers.stats().values()) {
    input += s.inputTokens;
    output += s.outputTokens;
    cost = cost === undefined || s.costUsd === undefined ? undefined : cost + s.costUsd;
  }
  return {
    recipe: recipe.recipe.name,
    seed,
    provider: providers.main,
    rows,
    calls: { sent: calls.stats.calls - calls.stats.cacheHits, cacheHits: calls.stats.cacheHits },
    tokens: { input, output },
    costUsd: cost,
    count,
  };
}
