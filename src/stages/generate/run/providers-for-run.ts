import { setMaxListeners } from 'node:events';
import { createCachedCalls } from '../../../llm/call/cached-calls.js';
import { type ModelPrice, priceFor } from '../../../llm/pricing.js';
import { createProvider, type ProviderRef, parseProviderId } from '../../../llm/registry.js';
import type { CircuitEvent } from '../../../llm/scheduler/circuit-breaker.js';
import {
  type RetryEvent,
  type ScheduledProvider,
  type SchedulerStats,
  scheduleProvider,
} from '../../../llm/scheduler/scheduled-provider.js';
import type { OpenStore as Store } from '../../../store/store.js';
import type { CompiledColumn, CompiledRecipe } from '../recipe/compiled.js';

/** The providers a run talks to: one scheduled instance per provider id, shared by all columns. */
export interface RunProviders {
  byId: Map<string, ScheduledProvider>;
  refs: Map<string, ProviderRef>;
  /** The provider id a model column uses in this run. */
  providerFor(column: CompiledColumn): string;
  priceOf(id: string): ModelPrice | undefined;
  /** The main provider: the run's override, else the recipe's. */
  main: string;
  stats(): Map<string, SchedulerStats>;
}

export interface ProviderChoice {
  /** `--provider`: replaces every column's provider, so `--provider template` runs any recipe offline. */
  override?: string | undefined;
  concurrency?: number | undefined;
  batch?: boolean;
  onRetry?: (e: RetryEvent) => void;
  onCircuit?: (e: CircuitEvent) => void;
}

export function providerIdsOf(recipe: CompiledRecipe, override?: string): { main: string; ids: Set<string> } {
  const main = override ?? recipe.recipe.provider;
  const ids = new Set<string>();
  for (const c of recipe.columns) {
    if (c.kind === 'llm' || c.kind === 'judge')
      ids.add(override ?? c.spec.provider ?? recipe.recipe.provider);
  }
  return { main, ids };
}

export async function prepareProviders(
  recipe: CompiledRecipe,
  choice: ProviderChoice,
): Promise<RunProviders> {
  const { main, ids } = providerIdsOf(recipe, choice.override);
  const limits = recipe.recipe.limits;
  const byId = new Map<string, ScheduledProvider>();
  const refs = new Map<string, ProviderRef>();
  const prices = new Map<string, ModelPrice | undefined>();
  for (const id of ids) {
    const ref = parseProviderId(id);
    refs.set(id, ref);
    const override = recipe.recipe.pricing;
    const price = override
      ? { inputPerMillion: override.input_per_million, outputPerMillion: override.output_per_million }
      : priceFor(ref.kind, ref.model, { batch: choice.batch ?? false });
    prices.set(id, price);
    const timeoutMs = limits.timeout_seconds * 1000;
    // The SDK's own timeout sits above ours: the scheduler's per-attempt timeout is the one that counts.
    const concurrency = choice.concurrency ?? limits.concurrency;
    const provider = await createProvider(ref, { timeoutMs: timeoutMs + 5_000, concurrency });
    byId.set(
      id,
      scheduleProvider(provider, {
        maxConcurrency: concurrency,
        rateLimits: {
          ...(limits.requests_per_minute ? { requestsPerMinute: limits.requests_per_minute } : {}),
          ...(limits.tokens_per_minute ? { tokensPerMinute: limits.tokens_per_minute } : {}),
        },
        timeoutMs,
        retry: { maxAttempts: limits.max_attempts },
        ...(price ? { price } : {}),
        ...(choice.onRetry ? { onRetry: choice.onRetry } : {}),
        circuit: { maxWaitMs: limits.outage_wait_seconds * 1000 },
        ...(choice.onCircuit ? { onCircuit: choice.onCircuit } : {}),
      }),
    );
  }
  return {
    byId,
    refs,
    main,
    providerFor: (c) =>
      choice.override ??
      (c.kind === 'llm' || c.kind === 'judge' ? c.spec.provider : undefined) ??
      recipe.recipe.provider,
    priceOf: (id) => prices.get(id),
    stats: () => new Map([...byId].map(([id, p]) => [id, p.stats()])),
  };
}

/**
 * What a run calls models with: its own abort signal (tied to the caller's), the scheduled
 * providers, and the cached caller over them. The generation run and its preview share it.
 */
export async function runCalls(
  store: Store,
  recipe: CompiledRecipe,
  choice: ProviderChoice,
  outer: AbortSignal | undefined,
) {
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  // Every request in flight listens on the run's signal (and stops listening when it ends).
  setMaxListeners(0, signal);
  const providers = await prepareProviders(recipe, choice);
  const calls = createCachedCalls({
    cache: store.llmCache,
    providers: providers.byId,
    signal,
    priceOf: providers.priceOf,
  });
  return { controller, signal, providers, calls };
}
