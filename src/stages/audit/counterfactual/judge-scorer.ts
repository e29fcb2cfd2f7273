import { z } from 'zod';
import { badInput, TandemError } from '../../../core/errors.js';
import type { DatasetRecord } from '../../../core/record.js';
import { createCachedCalls } from '../../../llm/call/cached-calls.js';
import { isProviderError } from '../../../llm/errors.js';
import { priceFor } from '../../../llm/pricing.js';
import { createProvider, parseProviderId } from '../../../llm/registry.js';
import { scheduleProvider } from '../../../llm/scheduler/scheduled-provider.js';
import type { Dataset } from '../../../store/datasets.js';
import type { Store } from '../../../store/store.js';
import { askJudge, grade, type JudgeConfig, judgeConfig, type Scores } from '../../checks/index.js';

/**
 * The dataset's LLM judge (its `checks.judge` settings) as a function of a record: the same rubric,
 * prompt and grading as the judge check, through the one cached model caller, so scoring an original
 * text the check already judged costs nothing. A score is the mean of the criteria's normalised
 * scores, in [0, 1]; undefined when the model's answer stayed invalid after one repair.
 */

export interface JudgeScorer {
  provider: string;
  criteria: string[];
  score(record: DatasetRecord): Promise<number | undefined>;
  stats(): { calls: number; cacheHits: number; costUsd: number | undefined };
}

export function judgeConfigOf(dataset: Dataset, provider?: string): JudgeConfig {
  const raw = dataset.settings.checks?.judge;
  if (raw === undefined)
    throw badInput(
      `dataset '${dataset.name}' has no LLM judge: set checks.judge in its settings (docs/checks.md)`,
    );
  const parsed = judgeConfig.safeParse(provider ? { ...(raw as object), provider } : raw);
  if (!parsed.success) throw badInput(`checks.judge: ${z.prettifyError(parsed.error)}`);
  const field = parsed.data.field;
  if (field !== undefined && !dataset.settings.fields.some((f) => f.name === field))
    throw badInput(`judge field '${field}' is not a field of dataset '${dataset.name}'`);
  return parsed.data;
}

export async function judgeScorer(
  store: Store,
  dataset: Dataset,
  config: JudgeConfig,
  signal: AbortSignal,
): Promise<JudgeScorer> {
  const provider = scheduleProvider(await createProvider(parseProviderId(config.provider)), {
    maxConcurrency: config.concurrency,
  });
  const price = priceFor(provider.kind, provider.model);
  const { call, stats } = createCachedCalls({
    cache: store.llmCache,
    providers: new Map([[provider.id, provider]]),
    signal,
    priceOf: () => price,
  });
  return {
    provider: provider.id,
    criteria: config.criteria.map((c) => c.name),
    async score(record) {
      const r = await checkedCall(record);
      return r.ok ? grade(config, record.id, r.value as Scores).score : undefined;
    },
    stats: () => ({ calls: stats.calls, cacheHits: stats.cacheHits, costUsd: provider.stats().costUsd }),
  };

  async function checkedCall(record: DatasetRecord) {
    try {
      return await askJudge(call, provider.id, 'judge:counterfactual', config, record, dataset.settings);
    } catch (e) {
      // Retries spent on a transient failure: no score for this text, as the judge check counts it.
      if (isProviderError(e) && e.retryable) return { ok: false as const };
      if (isProviderError(e)) throw new TandemError('provider', e.message, { cause: e });
      throw e;
    }
  }
}
