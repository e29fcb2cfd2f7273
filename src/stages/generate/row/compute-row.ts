import { own } from '../../../core/own.js';
import type { Random } from '../../../core/random.js';
import { callChecked, checkCompletion, moreTokens, truncatedReason } from '../../../llm/call/call-checked.js';
import type { CallModel, ModelCall } from '../../../llm/call/model-call.js';
import { checkStructured, type StructuredCheck } from '../../../llm/call/structured.js';
import { ProviderError } from '../../../llm/errors.js';
import { judgeMessages, judgeSchema } from '../../../llm/judge-prompt.js';
import type {
  ChatMessage,
  Completion,
  CompletionRequest,
  FinishReason,
  GenerationParams,
  JsonSchema,
} from '../../../llm/types.js';
import type { CompiledColumn, CompiledRecipe, OfflineTurn, OfflineValue } from '../recipe/compiled.js';
import type { CoveragePlan } from '../samplers/coverage.js';
import { rowRandom, type SampleOptions, sampleColumn } from '../samplers/sample.js';
import type { SamplerSpec } from '../samplers/schema.js';
import { type CompiledTemplate, conditionHolds, renderTemplate } from '../templates.js';
import { type ColumnParamSpecs, columnParams, ParamOutOfRange } from './column-params.js';
import {
  chatSchema,
  chatStructuredMessages,
  chatTurnMessages,
  mergeParams,
  structuredMessages,
  textMessages,
} from './llm-requests.js';
import { exampleFromSchema, renderOffline, renderOfflineTurns } from './offline.js';

/**
 * Computes one row of a recipe: samplers (or the coverage plan's forced values), then each model,
 * expression and judge column in order, then the validators. Everything random is drawn from
 * streams seeded by (seed, row, column), so row 7 is the same row whichever process computes it
 * and in whatever order — which is what lets a killed run resume and several workers share one.
 */

/** A model call of a row, with the column that makes it (the dry run estimates by column). */
export interface RowCall extends ModelCall {
  column: string;
}

export interface CallRecord {
  column: string;
  purpose: string;
  provider: string;
  model: string;
  promptHash: string;
  cached: boolean;
  finishReason: FinishReason;
}

/** An answer the row used (or failed on) that was cut at max_tokens. */
export interface TruncatedAnswer {
  column: string;
  purpose: string;
  maxTokens: number | undefined;
}

export type RowOutcome =
  | { kind: 'ok'; flags: { validator: string; message: string }[] }
  | { kind: 'dropped'; validator: string; message: string }
  | { kind: 'failed'; column: string; reason: string };

export interface RowResult {
  index: number;
  values: Record<string, unknown>;
  samplerValues: Record<string, unknown>;
  calls: CallRecord[];
  /** Answers cut at max_tokens; the recipe's `truncated` setting decided whether the row failed. */
  truncated: TruncatedAnswer[];
  outcome: RowOutcome;
}

export interface RowInputs {
  recipe: CompiledRecipe;
  seed: number;
  /** Provider id for a model column (the run's override, the column's own, or the recipe's). */
  providerFor(column: CompiledColumn): string;
  /** The coverage plan: values it places on rows, and whether rare values are left to it. */
  plan: CoveragePlan | undefined;
  call: CallModel<RowCall>;
}

class RowFailure extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The column's request parameters on this row (those read from columns checked): a bad one fails the row. */
function paramsOf(column: CompiledColumn & { spec: ColumnParamSpecs }, scope: Record<string, unknown>) {
  try {
    return columnParams(column.spec, scope);
  } catch (e) {
    if (e instanceof ParamOutOfRange) throw new RowFailure(column.name, e.message);
    throw e;
  }
}

export async function computeRow(inputs: RowInputs, index: number): Promise<RowResult> {
  const { recipe, seed } = inputs;
  const values: Record<string, unknown> = {};
  const samplerValues: Record<string, unknown> = {};
  const calls: CallRecord[] = [];
  const truncated: TruncatedAnswer[] = [];
  const result = (outcome: RowOutcome): RowResult => ({
    index,
    values,
    samplerValues,
    calls,
    truncated,
    outcome,
  });
  const scope = (): Record<string, unknown> => ({ ...values, row_index: index, seed });
  const defaults: GenerationParams = {};
  const d = recipe.recipe.defaults;
  if (d.temperature !== undefined) defaults.temperature = d.temperature;
  if (d.top_p !== undefined) defaults.topP = d.top_p;
  if (d.max_tokens !== undefined) defaults.maxTokens = d.max_tokens;

  /** Every call the row makes is recorded in its provenance, repairs and retries included. */
  const recorded: CallModel<RowCall> = async (c) => {
    const out = await inputs.call(c);
    calls.push({
      column: c.column,
      purpose: c.purpose,
      provider: c.provider,
      model: out.completion.model,
      promptHash: out.key,
      cached: out.cached,
      finishReason: out.completion.finishReason,
    });
    return out;
  };
  // Offline answers are rendered before the call whatever the provider, as they always were (a
  // broken `offline:` template fails a run against a model too); only the template provider reads them.
  const rowCall = (
    column: CompiledColumn,
    purpose: string,
    request: CompletionRequest,
    offline: string | undefined,
  ): RowCall => ({
    column: column.name,
    purpose,
    provider: inputs.providerFor(column),
    request,
    offline: offline === undefined ? undefined : () => offline,
  });

  const call: Ask = async (column, purpose, request, offline) => {
    const completion = (await recorded(rowCall(column, purpose, request, offline))).completion;
    if (completion.finishReason === 'length')
      truncated.push({ column: column.name, purpose, maxTokens: request.params.maxTokens });
    return completion;
  };

  /**
   * Ask, then repair once, then retry once afresh; a row that still fails records why. After an
   * answer cut at max_tokens each further try gets twice the tokens of the one before.
   */
  const structured: Structured = async (column, purpose, request, offline, check) => {
    const ask = rowCall(column, purpose, request, offline);
    const first = await callChecked(recorded, ask, check);
    if (first.ok) return first.value;
    const params = {
      ...(first.truncated ? moreTokens(first.params) : request.params),
      seed: (request.params.seed ?? 0) + 1,
    };
    const retry = await recorded({ ...ask, purpose: `${purpose}:retry`, request: { ...request, params } });
    const c = checkCompletion(retry.completion, params, check);
    if (c.ok) return c.value;
    if (c.truncated || first.truncated) {
      truncated.push({ column: column.name, purpose: `${purpose}:retry`, maxTokens: params.maxTokens });
      const reason = c.truncated ? c.reason : truncatedReason(first.params.maxTokens);
      throw new RowFailure(column.name, `${reason} (after a repair and a retry with more tokens)`);
    }
    throw new RowFailure(column.name, `${c.reason} (after a repair and a retry)`);
  };

  // With num_generations N, rows input·N … input·N+N-1 share their inputs (sampler and seed values,
  // drawn from the input's streams) and differ in everything generated (the row's own streams).
  const perInput = recipe.recipe.num_generations;
  const input = perInput === 1 ? index : Math.floor(index / perInput);
  const placed = inputs.plan?.forced(input);
  const sampling: SampleOptions = { rare: inputs.plan?.rare ?? 'by-weight' };
  try {
    for (const column of recipe.columns) {
      const random = rowRandom(
        seed,
        column.kind === 'sampler' || column.kind === 'seed' ? input : index,
        column.name,
      );
      const forced = own(placed, column.name);
      let value: unknown;
      switch (column.kind) {
        case 'sampler':
          value =
            forced !== undefined ? forced : sampleColumn(specFor(column, scope), values, random, sampling);
          samplerValues[column.name] = value;
          break;
        case 'seed': {
          const n = column.rows.length;
          const k = column.spec.seed.order === 'random' ? random.below(n) : input % n;
          value = column.rows.get(k);
          samplerValues[column.name] = { seedRow: k };
          break;
        }
        case 'expression':
          value = parseExpression(
            renderTemplate(column.template, scope(), random),
            column.spec.parse,
            column.name,
          );
          break;
        case 'judge':
          value = await judge(column, scope(), random, defaults, structured);
          break;
        case 'llm':
          value = await llm(column, scope(), random, defaults, call, structured);
          break;
      }
      values[column.name] = value;
    }
  } catch (e) {
    if (e instanceof RowFailure) return result({ kind: 'failed', column: e.column, reason: e.reason });
    if (e instanceof ProviderError && e.retryable) {
      // Retries are spent: the row fails, the run goes on. Non-retryable errors stop the run.
      return result({ kind: 'failed', column: 'provider', reason: e.message });
    }
    throw e;
  }
  const cut = truncated[0];
  if (cut && recipe.recipe.truncated === 'fail')
    return result({
      kind: 'failed',
      column: cut.column,
      reason: `${truncatedReason(cut.maxTokens)} (the recipe says truncated: fail)`,
    });

  const flags: { validator: string; message: string }[] = [];
  for (const v of recipe.validators) {
    if (conditionHolds(v.condition, scope()) !== v.failWhenTrue) continue;
    const message =
      v.spec.message ?? (v.failWhenTrue ? `failed: ${v.spec.fail_if}` : `did not pass: ${v.spec.pass_if}`);
    if (v.spec.action === 'drop') return result({ kind: 'dropped', validator: v.spec.name, message });
    flags.push({ validator: v.spec.name, message });
  }
  return result({ kind: 'ok', flags });
}

function parseExpression(text: string, parse: 'string' | 'number' | 'json', column: string): unknown {
  if (parse === 'string') return text;
  if (parse === 'number') {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n))
      throw new RowFailure(column, `expression gave '${text.slice(0, 80)}', not a number`);
    return n;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RowFailure(column, `expression gave text that is not JSON: '${text.slice(0, 80)}'`);
  }
}

const seedOf = (random: Random) => random.uint32() >>> 1;
const render = (t: CompiledTemplate | undefined, scope: Record<string, unknown>, random: Random) =>
  t ? renderTemplate(t, scope, random) : undefined;

/** One call of a column; `offline` is what the template provider answers. */
type Ask = (
  column: CompiledColumn,
  purpose: string,
  request: CompletionRequest,
  offline: string | undefined,
) => Promise<Completion>;

type Structured = (
  column: CompiledColumn,
  purpose: string,
  request: CompletionRequest,
  offline: string,
  check: (text: string) => StructuredCheck,
) => Promise<unknown>;

async function llm(
  column: Extract<CompiledColumn, { kind: 'llm' }>,
  scope: Record<string, unknown>,
  random: Random,
  defaults: GenerationParams,
  call: Ask,
  structured: Structured,
): Promise<unknown> {
  const spec = column.spec;
  const params = mergeParams(defaults, paramsOf(column, scope), seedOf(random));
  const system = render(column.system, scope, random);
  const prompt = renderTemplate(column.prompt, scope, random);
  // Offline answers use their own stream, so adding an offline template never shifts other values.
  // Made only where an offline answer is rendered: a text column without one draws nothing from it.
  const offlineRandom = () =>
    rowRandom(Number(scope.seed), Number(scope.row_index), `${column.name}:offline`);

  if (spec.llm === 'text') {
    const offline = column.offline
      ? render(column.offline as CompiledTemplate, scope, offlineRandom())
      : undefined;
    const req: CompletionRequest = { messages: textMessages(system, prompt), params };
    return (await call(column, 'answer', req, offline)).text.trim();
  }

  if (spec.llm === 'structured') {
    const schema = spec.schema as JsonSchema;
    const offline =
      column.offline !== undefined
        ? renderOffline(column.offline as OfflineValue, scope, offlineRandom())
        : exampleFromSchema(schema, offlineRandom());
    const req: CompletionRequest = {
      messages: structuredMessages(system, prompt, schema),
      params,
      responseFormat: { type: 'json_schema', name: column.name, schema },
    };
    return structured(column, 'answer', req, JSON.stringify(offline), (text) =>
      checkStructured(text, schema),
    );
  }

  // chat
  const head: ChatMessage[] = system && spec.include_system ? [{ role: 'system', content: system }] : [];
  const offlineTurns = column.offline
    ? renderOfflineTurns(column.offline as OfflineTurn[] | CompiledTemplate, scope, offlineRandom())
    : undefined;
  if (spec.mode === 'structured') {
    const offline = offlineTurns ?? stubTurns(spec.turns, prompt);
    const schema = chatSchema(spec.turns);
    const req: CompletionRequest = {
      messages: chatStructuredMessages(spec, system, prompt),
      params,
      responseFormat: { type: 'json_schema', name: column.name, schema },
    };
    const value = (await structured(column, 'answer', req, JSON.stringify({ messages: offline }), (text) =>
      checkChat(text, schema),
    )) as { messages: ChatMessage[] };
    return [...head, ...value.messages];
  }
  const history: ChatMessage[] = [];
  for (let t = 0; t < spec.turns; t++) {
    const role = t % 2 === 0 ? 'user' : 'assistant';
    const req: CompletionRequest = {
      messages: chatTurnMessages(role, system, prompt, history),
      params: { ...params, seed: params.seed! + t },
    };
    const offline = offlineTurns?.[t]?.content ?? stubTurns(spec.turns, prompt)[t]!.content;
    const text = (await call(column, `turn-${t}`, req, offline)).text.trim();
    if (!text) throw new RowFailure(column.name, `turn ${t + 1} (${role}) came back empty`);
    history.push({ role, content: text });
  }
  return [...head, ...history];
}

function checkChat(text: string, schema: JsonSchema): StructuredCheck {
  const c = checkStructured(text, schema);
  if (!c.ok) return c;
  const messages = (c.value as { messages: ChatMessage[] }).messages;
  for (let i = 0; i < messages.length; i++) {
    const want = i % 2 === 0 ? 'user' : 'assistant';
    if (messages[i]!.role !== want)
      return {
        ok: false,
        reason: `message ${i + 1} is from the ${messages[i]!.role}; turns must alternate starting with the user`,
      };
  }
  return c;
}

function stubTurns(turns: number, prompt: string): { role: 'user' | 'assistant'; content: string }[] {
  const gist = prompt.replace(/\s+/g, ' ').trim().slice(0, 120);
  return Array.from({ length: turns }, (_, i) => ({
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: `[template ${i % 2 === 0 ? 'user' : 'assistant'} turn ${i + 1} — no model was called] ${gist}`,
  }));
}

async function judge(
  column: Extract<CompiledColumn, { kind: 'judge' }>,
  scope: Record<string, unknown>,
  random: Random,
  defaults: GenerationParams,
  structured: Structured,
): Promise<unknown> {
  const criteria = column.spec.judge.criteria;
  const schema = judgeSchema(criteria, column.spec.judge.reasoning);
  const target = renderTemplate(column.target, scope, random);
  const instructions = render(column.instructions, scope, random);
  const offlineRandom = rowRandom(Number(scope.seed), Number(scope.row_index), `${column.name}:offline`);
  // Offline scores lean high, as most generated rows pass; they exist so the pipeline runs, not to judge.
  const offline = Object.fromEntries(
    criteria.map((c) => {
      const [lo, hi] = c.scale;
      const score = Math.max(lo, hi - offlineRandom.below(Math.min(3, hi - lo + 1)));
      return [c.name, { score, reasoning: 'offline template judge: no model scored this row' }];
    }),
  );
  const req: CompletionRequest = {
    messages: judgeMessages(criteria, target, instructions, column.spec.judge.reasoning),
    params: mergeParams({ ...defaults, temperature: 0 }, paramsOf(column, scope), seedOf(random)),
    responseFormat: { type: 'json_schema', name: column.name, schema },
  };
  return structured(column, 'answer', req, JSON.stringify(offline), (text) => checkStructured(text, schema));
}

/** The column's own parameters, or those of the first `conditional_params` entry that holds for the row. */
function specFor(
  column: Extract<CompiledColumn, { kind: 'sampler' }>,
  scope: () => Record<string, unknown>,
): SamplerSpec {
  if (column.conditions.length === 0) return column.spec;
  const row = scope();
  for (const c of column.conditions) if (conditionHolds(c.when, row)) return c.spec;
  return column.spec;
}
