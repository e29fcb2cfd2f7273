import { cacheKey } from '../../../llm/call/cache-key.js';
import { costOf, estimateTokens, priceFor } from '../../../llm/pricing.js';
import { parseProviderId } from '../../../llm/registry.js';
import { createTemplateProvider, withOfflineAnswer } from '../../../llm/template.js';
import type { ChatMessage } from '../../../llm/types.js';
import { type CompiledRecipe, openSeeds } from '../recipe/compiled.js';
import { computeRow, type RowCall } from '../row/compute-row.js';
import { coveragePlanOf } from './prepare-run.js';
import { providerIdsOf } from './providers-for-run.js';

/**
 * `--dry-run`: renders the prompts of the first rows exactly as a run would send them (later
 * columns see offline answers in place of model output) and estimates the whole run's tokens and
 * cost from a sample of rows, before anything is paid for or stored.
 */

export interface DryRunCall {
  column: string;
  purpose: string;
  provider: string;
  messages: ChatMessage[];
  estimatedInputTokens: number;
  estimatedOutputTokens: number;
}

export interface DryRunRow {
  row: number;
  samplerValues: Record<string, unknown>;
  calls: DryRunCall[];
}

export interface DryRunEstimate {
  provider: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when the model has no known price. */
  costUsd: number | undefined;
}

export interface DryRunResult {
  recipe: string;
  count: number;
  sampledRows: number;
  rows: DryRunRow[];
  estimates: DryRunEstimate[];
  totalCostUsd: number | undefined;
  assumptions: string[];
}

const DEFAULT_OUTPUT_TOKENS = 300;
/** A score and a sentence or two of reasoning, as judges write them. */
const JUDGE_TOKENS_PER_CRITERION = 80;

export async function dryRun(
  recipe: CompiledRecipe,
  o: {
    count?: number | undefined;
    seed?: number | undefined;
    provider?: string | undefined;
    show?: number;
    sample?: number;
  },
): Promise<DryRunResult> {
  const count = o.count ?? recipe.recipe.count;
  const seed = o.seed ?? recipe.recipe.seed;
  const show = o.show ?? 3;
  const sample = Math.min(count, Math.max(show, o.sample ?? 20));
  const { ids } = providerIdsOf(recipe, o.provider);
  const template = createTemplateProvider();
  const plan = coveragePlanOf(recipe, count, seed);
  await openSeeds(recipe);
  const maxTokensOf = new Map(
    recipe.columns.map((c) => [
      c.name,
      c.kind === 'llm' || c.kind === 'judge'
        ? // A limit drawn per row ("{{ column }}") is not known here: the recipe default stands in.
          typeof c.spec.max_tokens === 'number'
          ? c.spec.max_tokens
          : recipe.recipe.defaults.max_tokens
        : undefined,
    ]),
  );
  // What an answer is likely to cost: the offline answer's size where the recipe wrote one (or, for
  // structured columns, a value built from the schema), a reasoned score per judge criterion, else
  // the token limit.
  const expectedOutput = new Map<string, (offlineTokens: number) => number>();
  for (const c of recipe.columns) {
    const max = maxTokensOf.get(c.name) ?? Number.POSITIVE_INFINITY;
    if (c.kind === 'judge')
      expectedOutput.set(c.name, () =>
        Math.min(max, JUDGE_TOKENS_PER_CRITERION * c.spec.judge.criteria.length),
      );
    else if (c.kind === 'llm' && (c.offline !== undefined || c.spec.llm === 'structured'))
      expectedOutput.set(c.name, (offline) => Math.min(max, offline));
  }

  const rows: DryRunRow[] = [];
  const perProvider = new Map<string, { calls: number; input: number; output: number }>(
    [...ids].map((id) => [id, { calls: 0, input: 0, output: 0 }]),
  );
  const controller = new AbortController();
  for (let i = 0; i < sample; i++) {
    const calls: DryRunCall[] = [];
    const call = async (spec: RowCall) => {
      const completion = await template.complete(
        withOfflineAnswer(spec.request, spec.offline),
        controller.signal,
      );
      const input = spec.request.messages.reduce((n, m) => n + estimateTokens(m.content), 0);
      const expected = expectedOutput.get(spec.column);
      const output = expected
        ? expected(completion.usage.outputTokens)
        : (maxTokensOf.get(spec.column) ?? DEFAULT_OUTPUT_TOKENS);
      calls.push({
        column: spec.column,
        purpose: spec.purpose,
        provider: spec.provider,
        messages: spec.request.messages,
        estimatedInputTokens: input,
        estimatedOutputTokens: output,
      });
      const p = perProvider.get(spec.provider)!;
      p.calls++;
      p.input += input;
      p.output += output;
      return { completion, key: cacheKey(spec.provider, spec.request), cached: false };
    };
    const row = await computeRow(
      {
        recipe,
        seed,
        providerFor: (c) =>
          o.provider ??
          (c.kind === 'llm' || c.kind === 'judge' ? c.spec.provider : undefined) ??
          recipe.recipe.provider,
        plan,
        call,
      },
      i,
    );
    if (i < show) rows.push({ row: i, samplerValues: row.samplerValues, calls });
  }

  const scale = count / Math.max(sample, 1);
  let total: number | undefined = 0;
  const estimates: DryRunEstimate[] = [...perProvider].map(([provider, p]) => {
    const ref = parseProviderId(provider);
    const pricing = recipe.recipe.pricing;
    const price = pricing
      ? { inputPerMillion: pricing.input_per_million, outputPerMillion: pricing.output_per_million }
      : priceFor(ref.kind, ref.model);
    const inputTokens = Math.round(p.input * scale);
    const outputTokens = Math.round(p.output * scale);
    const costUsd = price ? costOf({ inputTokens, outputTokens }, price) : undefined;
    total = total === undefined || costUsd === undefined ? undefined : total + costUsd;
    return { provider, calls: Math.round(p.calls * scale), inputTokens, outputTokens, costUsd };
  });
  return {
    recipe: recipe.recipe.name,
    count,
    sampledRows: sample,
    rows,
    estimates,
    totalCostUsd: total,
    assumptions: [
      `token counts are estimates (about 4 characters per token) from ${sample} rendered rows, scaled to ${count}`,
      `answers are assumed as long as the offline answer where a column has one (structured columns: a value built from the schema), ${JUDGE_TOKENS_PER_CRITERION} tokens per judge criterion, else max_tokens (or ${DEFAULT_OUTPUT_TOKENS} tokens)`,
      'repairs and retries of invalid structured answers are not counted; rows already stored would be skipped',
    ],
  };
}
