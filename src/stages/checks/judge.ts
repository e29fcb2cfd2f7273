import { z } from 'zod';
import { type Criterion, criterion } from '../../core/criterion.js';
import { badInput, TandemError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { own } from '../../core/own.js';
import type { DatasetRecord } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import { createCachedCalls } from '../../llm/call/cached-calls.js';
import { type CheckedAnswer, callChecked } from '../../llm/call/call-checked.js';
import type { CallModel, ModelCall } from '../../llm/call/model-call.js';
import { checkStructured } from '../../llm/call/structured.js';
import { isProviderError } from '../../llm/errors.js';
import { judgeMessages, judgeSchema } from '../../llm/judge-prompt.js';
import { priceFor } from '../../llm/pricing.js';
import { createProvider, parseProviderId } from '../../llm/registry.js';
import { type ScheduleOptions, scheduleProvider } from '../../llm/scheduler/scheduled-provider.js';
import type { Dataset } from '../../store/datasets.js';
import type { Store } from '../../store/store.js';
import type { NewSuggestion } from '../../store/suggestions.js';

/**
 * The LLM-judge check: a model scores each record on a rubric, through any provider. Scores become
 * suggestions (pre-filling a rating question where one is mapped) that reviewers see, and a `judge`
 * check result says whether the record passed. Answers are cached, so judging again is free.
 */

export const judgeConfig = z
  .strictObject({
    provider: z.string().min(1).describe("e.g. 'openai:gpt-4o-mini', 'anthropic:MODEL' or 'template'"),
    criteria: z.array(criterion).min(1).max(20),
    instructions: z.string().min(1).optional(),
    reasoning: z
      .enum(['after', 'before'])
      .optional()
      .describe(
        "Each criterion's reasoning after its score (default) or before it (the judge argues, then scores).",
      ),
    /** The field to judge; all fields when unset. */
    field: z.string().min(1).optional(),
    /** A record passes when every criterion scores at least this; default each scale's midpoint. */
    pass_score: z.number().optional(),
    concurrency: z.number().int().min(1).max(256).default(8),
    /** Criterion name → rating question of the dataset that its score pre-fills. */
    questions: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    c.criteria.forEach((k, i) => {
      if (names.has(k.name))
        ctx.addIssue({ code: 'custom', message: `duplicate criterion '${k.name}'`, path: ['criteria', i] });
      names.add(k.name);
    });
    const targets = new Set<string>();
    for (const [name, question] of Object.entries(c.questions ?? {})) {
      if (!names.has(name))
        ctx.addIssue({ code: 'custom', message: `'${name}' is not a criterion`, path: ['questions', name] });
      // One suggestion per (record, question, agent): two criteria cannot fill one question.
      if (targets.has(question))
        ctx.addIssue({ code: 'custom', message: `'${question}' is mapped twice`, path: ['questions', name] });
      targets.add(question);
    }
  });
export type JudgeConfig = z.infer<typeof judgeConfig>;
export type JudgeConfigInput = z.input<typeof judgeConfig>;

export interface JudgeOptions {
  dataset: Dataset;
  config: JudgeConfigInput;
  /** Pages of records to judge; the whole dataset when unset. */
  records?: AsyncIterable<DatasetRecord[]>;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
  /** Rate limits, retry policy, timeouts; the concurrency comes from the config. */
  schedule?: Omit<ScheduleOptions, 'maxConcurrency'>;
}

export interface JudgeSummary {
  judged: number;
  passed: number;
  failed: number;
  /** Records the judge could not answer for (invalid JSON after a repair, retries spent): no verdict. */
  errors: number;
  costUsd: number | undefined;
  inputTokens: number;
  outputTokens: number;
  byCriterion: Record<string, { mean: number; min: number; max: number }>;
}

export type Scores = Record<string, { score: number; reasoning: string }>;

export const MAX_TARGET_CHARS = 20_000;
const TRUNCATED = '\n…[truncated]';
export const OFFLINE_REASONING = 'offline template judge: no model scored this';

function renderValue(value: unknown, type: string): string {
  if (type === 'chat' && Array.isArray(value)) {
    const line = (m: { role?: unknown; content?: unknown }) =>
      `${String(m.role)}: ${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}`;
    return value.map((m) => line(m ?? {})).join('\n');
  }
  if (type !== 'json' && typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? '';
}

/** What the judge reads: the chosen field, or every field under its name; capped in length. */
export function renderTarget(record: DatasetRecord, settings: DatasetSettings, field?: string): string {
  const text =
    settings.fields
      .filter((f) => (field === undefined || f.name === field) && own(record.fields, f.name) !== undefined)
      .map((f) => {
        const value = renderValue(own(record.fields, f.name), f.type);
        return field === undefined ? `[${f.name}]\n${value}` : value;
      })
      .join('\n\n') || '(no value)';
  if (text.length <= MAX_TARGET_CHARS) return text;
  return `${text.slice(0, MAX_TARGET_CHARS - TRUNCATED.length)}${TRUNCATED}`;
}

/** Deterministic, high-leaning scores for the offline provider, so demos and tests need no network. */
export function offlineJudgeAnswer(record: DatasetRecord, criteria: Criterion[]): string {
  const scores: Scores = {};
  for (const c of criteria) {
    const bit = Number.parseInt(sha256(record.externalId + c.name).slice(0, 8), 16) % 2;
    scores[c.name] = { score: c.scale[1] - bit, reasoning: OFFLINE_REASONING };
  }
  return JSON.stringify(scores);
}

/** Settings that only the dataset can refute: the field exists, mapped questions can hold the scores. */
function checkAgainstDataset(config: JudgeConfig, dataset: Dataset): void {
  const { settings } = dataset;
  if (config.field !== undefined && !settings.fields.some((f) => f.name === config.field))
    throw badInput(`judge field '${config.field}' is not a field of dataset '${dataset.name}'`);
  for (const [name, questionName] of Object.entries(config.questions ?? {})) {
    const q = settings.questions.find((x) => x.name === questionName);
    if (q?.type !== 'rating')
      throw badInput(`judge criterion '${name}' maps to '${questionName}', which is not a rating question`);
    const [lo, hi] = config.criteria.find((c) => c.name === name)!.scale;
    for (let s = lo; s <= hi; s++)
      if (!q.values.includes(s))
        throw badInput(`rating question '${questionName}' has no value ${s} for criterion '${name}'`);
  }
}

interface Grade {
  passed: boolean;
  /** Mean of the normalised scores, in [0, 1]. */
  score: number;
  suggestions: NewSuggestion[];
  criteria: Scores;
}

/** What a record's scores mean: pass or fail, and one suggestion per criterion (score normalised). */
export function grade(config: JudgeConfig, recordId: number, scores: Scores): Grade {
  let passed = true;
  let sum = 0;
  const criteria: Scores = {};
  const suggestions = config.criteria.map((c) => {
    const [lo, hi] = c.scale;
    const { score, reasoning } = scores[c.name]!;
    criteria[c.name] = { score, reasoning };
    if (score < (config.pass_score ?? (lo + hi) / 2)) passed = false;
    const norm = (score - lo) / (hi - lo);
    sum += norm;
    return { recordId, question: config.questions?.[c.name] ?? `judge:${c.name}`, value: score, score: norm };
  });
  return { passed, score: sum / config.criteria.length, suggestions, criteria };
}

/**
 * Asks the judge about one record: the rubric's prompt at temperature 0 with its JSON schema, repaired
 * once when the answer is not valid judge JSON. The judge check and the counterfactual probe both ask
 * this way, so a text judged by one is a cache hit for the other when the purpose matches.
 */
export function askJudge(
  call: CallModel<ModelCall>,
  provider: string,
  purpose: string,
  config: JudgeConfig,
  record: DatasetRecord,
  settings: DatasetSettings,
): Promise<CheckedAnswer> {
  const schema = judgeSchema(config.criteria, config.reasoning);
  return callChecked(
    call,
    {
      provider,
      purpose,
      request: {
        messages: judgeMessages(
          config.criteria,
          renderTarget(record, settings, config.field),
          config.instructions,
          config.reasoning,
        ),
        params: { temperature: 0 },
        responseFormat: { type: 'json_schema', name: 'judge', schema },
      },
      offline: () => offlineJudgeAnswer(record, config.criteria),
    },
    (text) => checkStructured(text, schema),
  );
}

export async function runJudge(store: Store, options: JudgeOptions): Promise<JudgeSummary> {
  const parsed = judgeConfig.safeParse(options.config);
  if (!parsed.success) throw badInput(`judge settings: ${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  const { dataset } = options;
  checkAgainstDataset(config, dataset);
  const ref = parseProviderId(config.provider);
  const provider = scheduleProvider(await createProvider(ref), {
    ...options.schedule,
    maxConcurrency: config.concurrency,
  });
  const agent = `judge:${provider.id}`;
  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  // Cached, scheduled calls: judging again is free, identical requests in flight share one call.
  const price = priceFor(provider.kind, provider.model);
  const { call } = createCachedCalls({
    cache: store.llmCache,
    providers: new Map([[provider.id, provider]]),
    signal: controller.signal,
    priceOf: () => price,
  });

  const counts = { judged: 0, passed: 0, failed: 0, errors: 0 };
  const tally = new Map<string, { sum: number; n: number; min: number; max: number }>();
  let fatal: unknown;

  /** The answer, repaired once if it is not valid judge JSON; undefined when the repair fails too. */
  async function verdict(record: DatasetRecord): Promise<{ scores: Scores; model: string } | undefined> {
    const r = await askJudge(call, provider.id, 'judge', config, record, dataset.settings);
    return r.ok ? { scores: r.value as Scores, model: r.answer.completion.model } : undefined;
  }

  async function judgeRecord(record: DatasetRecord): Promise<void> {
    const answer = await verdict(record);
    if (!answer) {
      counts.errors++;
      return;
    }
    const g = grade(config, record.id, answer.scores);
    await store.transaction(async (tx) => {
      await tx.suggestions.replace(agent, g.suggestions);
      const details = { provider: provider.id, model: answer.model, criteria: g.criteria };
      await tx.checkResults.replace(
        [record.id],
        ['judge'],
        [{ recordId: record.id, check: 'judge', passed: g.passed, score: g.score, details }],
      );
    });
    counts.judged++;
    if (g.passed) counts.passed++;
    else counts.failed++;
    for (const [name, { score }] of Object.entries(g.criteria)) {
      const t = tally.get(name) ?? { sum: 0, n: 0, min: score, max: score };
      tally.set(name, {
        sum: t.sum + score,
        n: t.n + 1,
        min: Math.min(t.min, score),
        max: Math.max(t.max, score),
      });
    }
  }

  const running = new Set<Promise<void>>();
  const start = (record: DatasetRecord) => {
    const task: Promise<void> = judgeRecord(record)
      .catch((e: unknown) => {
        // Retries spent on a transient failure: this record has no verdict, the run goes on.
        if (fatal === undefined && isProviderError(e) && e.retryable) {
          counts.errors++;
          return;
        }
        // Anything else (a refused key, no credit, a store failure) stops the run; the cancelled
        // calls that follow are its echo, so the first error is the one reported.
        fatal ??= e;
        controller.abort(e);
      })
      .finally(() => {
        running.delete(task);
        options.onProgress?.(counts.judged + counts.errors);
      });
    running.add(task);
  };
  try {
    pages: for await (const page of options.records ?? store.records.stream(dataset.id)) {
      for (const record of page) {
        if (controller.signal.aborted) break pages;
        while (running.size >= config.concurrency) await Promise.race(running);
        if (controller.signal.aborted) break pages;
        start(record);
      }
    }
  } finally {
    await Promise.all(running);
    options.signal?.removeEventListener('abort', stop);
  }
  if (fatal !== undefined && !options.signal?.aborted) {
    if (isProviderError(fatal)) throw new TandemError('provider', fatal.message, { cause: fatal });
    throw fatal;
  }
  if (options.signal?.aborted) throw new TandemError('internal', 'the judge run was interrupted');

  const stats = provider.stats();
  const byCriterion: JudgeSummary['byCriterion'] = {};
  for (const [name, t] of tally) byCriterion[name] = { mean: t.sum / t.n, min: t.min, max: t.max };
  const { costUsd, inputTokens, outputTokens } = stats;
  return { ...counts, costUsd, inputTokens, outputTokens, byCriterion };
}
