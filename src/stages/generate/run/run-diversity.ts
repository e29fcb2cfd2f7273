import type { OpenStore as Store } from '../../../store/store.js';
import { DiversityMeter, type DiversitySummary, formatDiversity } from '../diversity.js';
import { type CompiledRecipe, samplerColumnsOf } from '../recipe/compiled.js';
import { type CoverageReport, coverageTally, formatCoverage } from '../samplers/coverage-report.js';
import type { GenerateSummary } from './run-generation.js';
import { rowIndexOf, rowPrefix } from './to-record.js';

/** What every stored row of a recipe and seed cost, over all the runs that made them. */
export interface RowsCost {
  /** Answers found in the cache for the rows' calls. */
  answers: number;
  /** Undefined when this run's models have no known price (the cache holds 0 for them). */
  costUsd: number | undefined;
  inputTokens: number;
  outputTokens: number;
}

/**
 * The end-of-run summary of what a recipe and seed produced: over every stored row of the run (a
 * resumed run counts the rows of its earlier attempts too), how varied the text is, how evenly the
 * sampler values came up, and what the rows cost in all — each row's calls are looked up in the
 * cache, which kept what every answer cost when it was bought, whichever run bought it. Streams the
 * rows: memory stays flat.
 */
export async function diversityOfRun(
  store: Store,
  recipe: CompiledRecipe,
  run: Pick<GenerateSummary, 'dataset' | 'seed' | 'count' | 'costUsd'>,
): Promise<{
  summary: { text: DiversitySummary; coverage: CoverageReport };
  lines: string[];
  cost: RowsCost;
}> {
  const dataset = await store.datasets.get(run.dataset);
  const prefix = rowPrefix(recipe.recipe.name, run.seed);
  const meter = new DiversityMeter();
  const samplers = samplerColumnsOf(recipe);
  const tally = coverageTally(samplers, recipe.recipe.coverage);
  const cost = { answers: 0, costUsd: 0, inputTokens: 0, outputTokens: 0 };
  let keys: string[] = [];
  const addCost = async () => {
    const c = await store.llmCache.costOf(keys);
    cost.answers += c.answers;
    cost.costUsd += c.costUsd;
    cost.inputTokens += c.inputTokens;
    cost.outputTokens += c.outputTokens;
    keys = [];
  };
  for await (const r of store.records.withPrefix(dataset.id, prefix)) {
    const i = rowIndexOf(r.externalId, prefix);
    if (i < 0 || i >= run.count) continue;
    meter.add(textOf(r.fields));
    const p = r.provenance.origin === 'synthetic' ? r.provenance : undefined;
    tally.add(p?.samplerValues ?? {});
    for (const c of p?.calls ?? []) keys.push(c.promptHash);
    if (keys.length >= 2000) await addCost();
  }
  await addCost();
  const text = meter.summary();
  const coverage = tally.report();
  return {
    summary: { text, coverage },
    lines: [...formatDiversity(text), ...(coverage.columns.length > 0 ? [formatCoverage(coverage)] : [])],
    cost: { ...cost, costUsd: run.costUsd === undefined ? undefined : cost.costUsd },
  };
}

/** The generated text of a record: strings as they are, chat turns' content, JSON as text. */
function textOf(fields: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const v of Object.values(fields)) {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v) && v.every((m) => m && typeof m === 'object' && 'content' in m))
      for (const m of v as { role?: string; content: unknown }[]) {
        if (m.role !== 'system') parts.push(String(m.content));
      }
    else if (v !== null && v !== undefined) parts.push(JSON.stringify(v));
  }
  return parts.join('\n');
}
