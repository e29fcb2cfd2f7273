import type { Actor } from '../../../core/actor.js';
import { TandemError } from '../../../core/errors.js';
import { isProviderError } from '../../../llm/errors.js';
import type { CircuitEvent } from '../../../llm/scheduler/circuit-breaker.js';
import type { RetryEvent } from '../../../llm/scheduler/scheduled-provider.js';
import type { OpenStore as Store } from '../../../store/store.js';
import type { CompiledRecipe } from '../recipe/compiled.js';
import { computeRow, type RowResult } from '../row/compute-row.js';
import { prepareRun } from './prepare-run.js';
import { runCalls } from './providers-for-run.js';
import { RowWriter } from './row-writer.js';
import { rowToRecord } from './to-record.js';

/**
 * A generation run: rows `start … end-1` of a recipe (all `count` rows unless a worker's job says
 * otherwise). Rows already in the dataset are skipped, so running the same command again after a
 * crash completes only the missing ones; answers already paid for come from the cache.
 */

export interface GenerateOptions {
  recipe: CompiledRecipe;
  count?: number | undefined;
  seed?: number | undefined;
  dataset?: string | undefined;
  provider?: string | undefined;
  concurrency?: number | undefined;
  /** A slice of the rows (a worker's job); default all. */
  rows?: { start: number; end: number };
  actor: Actor;
  signal?: AbortSignal;
  onProgress?: (p: GenerateProgress) => void;
  onRetry?: (e: RetryEvent) => void;
  /** The provider became unreachable (the run pauses), came back, or stayed away (the run stops). */
  onCircuit?: (e: CircuitEvent) => void;
}

export interface GenerateProgress {
  done: number;
  total: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | undefined;
}

export interface RowFailureNote {
  row: number;
  column: string;
  reason: string;
}

export interface GenerateSummary {
  dataset: string;
  recipe: string;
  seed: number;
  count: number;
  provider: string;
  rows: {
    wanted: number;
    alreadyStored: number;
    generated: number;
    stored: number;
    flagged: number;
    dropped: number;
    failed: number;
    /** Rows with an answer cut at max_tokens: flagged, or failed (the recipe's `truncated`). */
    truncated: number;
  };
  /** The first failures, with reasons (all are in the event log). */
  failures: RowFailureNote[];
  /** The first rows validators dropped (all are in the event log as generation.row_dropped). */
  dropped: { row: number; validator: string; message: string }[];
  /** Each validator that dropped or flagged rows: how many, and its message. */
  validators: { validator: string; action: 'drop' | 'flag'; rows: number; message: string }[];
  calls: { sent: number; cacheHits: number; retries: number; failures: Record<string, number> };
  tokens: { input: number; output: number };
  /** Undefined when a model has no known price. */
  costUsd: number | undefined;
  elapsedMs: number;
  rowsPerSecond: number;
}

export async function runGeneration(store: Store, o: GenerateOptions): Promise<GenerateSummary> {
  const recipe = o.recipe;
  const started = performance.now();
  const { seed, count, start, end, target, dataset, pending, alreadyStored, plan } = await prepareRun(
    store,
    recipe,
    o,
  );

  const { controller, signal, providers, calls } = await runCalls(
    store,
    recipe,
    {
      override: o.provider,
      concurrency: o.concurrency,
      ...(o.onRetry ? { onRetry: o.onRetry } : {}),
      ...(o.onCircuit ? { onCircuit: o.onCircuit } : {}),
    },
    o.signal,
  );
  const writer = new RowWriter(store, dataset.id, o.actor, `${recipe.recipe.name}:s${seed}`);
  const recordCtx = { recipe, seed, fields: target.fields, provider: providers.main };

  const counts = writer.counts;
  let fatal: unknown;

  const totals = () => {
    let input = 0;
    let output = 0;
    let cost: number | undefined = 0;
    for (const s of providers.stats().values()) {
      input += s.inputTokens;
      output += s.outputTokens;
      cost = cost === undefined || s.costUsd === undefined ? undefined : cost + s.costUsd;
    }
    return { input, output, cost };
  };
  // Progress at most every 100 ms: a fast run finishes thousands of rows a second.
  let reported = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!o.onProgress || (!force && now - reported < 100)) return;
    reported = now;
    const t = totals();
    o.onProgress?.({
      done: alreadyStored + writer.settled,
      total: end - start,
      inputTokens: t.input,
      outputTokens: t.output,
      costUsd: t.cost,
    });
  };

  const handle = (row: RowResult) => {
    writer.accept(row, (r) => rowToRecord(recordCtx, r));
    report();
  };

  // More rows in flight than requests allowed, so the provider is never idle while rows render.
  const lanes = Math.max(
    1,
    Math.min(pending.length, (o.concurrency ?? recipe.recipe.limits.concurrency) * 2),
  );
  let next = 0;
  const inputs = {
    recipe,
    seed,
    providerFor: providers.providerFor,
    plan,
    call: calls.call,
  };
  report(true);
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (fatal === undefined && !signal.aborted) {
        const i = pending[next++];
        if (i === undefined) return;
        try {
          handle(await computeRow(inputs, i));
        } catch (e) {
          fatal ??= e;
          controller.abort();
        }
      }
    }),
  );
  report(true);
  await writer.close();
  if (fatal !== undefined) {
    if (isProviderError(fatal)) throw new TandemError('provider', fatal.message, { cause: fatal });
    throw fatal;
  }
  if (o.signal?.aborted)
    throw new TandemError('internal', 'the run was interrupted; run the same command again to resume');

  const t = totals();
  let retries = 0;
  const failuresByKind: Record<string, number> = {};
  for (const s of providers.stats().values()) {
    retries += s.retries;
    for (const [k, n] of Object.entries(s.failures)) failuresByKind[k] = (failuresByKind[k] ?? 0) + (n ?? 0);
  }
  const elapsedMs = performance.now() - started;
  return {
    dataset: target.name,
    recipe: recipe.recipe.name,
    seed,
    count,
    provider: providers.main,
    rows: {
      wanted: end - start,
      alreadyStored,
      generated: counts.generated,
      stored: writer.stored,
      flagged: counts.flagged,
      dropped: counts.dropped,
      failed: counts.failed,
      truncated: counts.truncated,
    },
    failures: writer.failures,
    dropped: writer.dropped,
    validators: [...writer.validators].map(([validator, v]) => ({ validator, ...v })),
    calls: {
      sent: calls.stats.calls - calls.stats.cacheHits,
      cacheHits: calls.stats.cacheHits,
      retries,
      failures: failuresByKind,
    },
    tokens: { input: t.input, output: t.output },
    costUsd: t.cost,
    elapsedMs,
    rowsPerSecond: counts.generated / Math.max(elapsedMs / 1000, 1e-9),
  };
}
