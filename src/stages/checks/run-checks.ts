import type { Actor } from '../../core/actor.js';
import { badInput, usage } from '../../core/errors.js';
import type { DatasetRecord } from '../../core/record.js';
import type { NewCheckResult } from '../../store/check-results.js';
import type { Dataset } from '../../store/datasets.js';
import type { Store } from '../../store/store.js';
import { buildContaminationIndex } from '../../text/decontaminate.js';
import { loadLanguageDetector } from '../../text/language.js';
import { CHECK_NAMES, type CheckName, type ChecksConfig, checksConfig } from './config.js';
import { dedupDataset } from './dedup-check.js';
import { readEvalFile } from './eval-sets.js';
import type { JudgeSummary } from './judge.js';
import { ModelFindings } from './model-findings.js';
import { type CheckOutcome, type RecordChecker, recordCheckers } from './record-checks.js';
import { recordTexts } from './record-texts.js';
import { type CheckSummaryRow, emptyTallies, summaryRows, type Tallies, tally } from './tally.js';

/**
 * `tandem check --dataset NAME`: runs the chosen checks over every record, replaces their earlier
 * results, moves records that are not yet in review to `flagged` (any failed check, validators of
 * generation included) or `checked`, and returns a summary per check. Records being reviewed or
 * decided keep their status; their results are still updated, so reviewers see them.
 */

export interface CheckRunOptions {
  dataset: string;
  only?: CheckName[] | undefined;
  /** Overrides of the dataset's `checks:` settings (a `--config` file). */
  config?: Record<string, unknown> | undefined;
  /** Evaluation sets for decontamination, added to the configured ones. */
  evalFiles?: string[] | undefined;
  actor: Actor;
  onProgress?: (stage: string, done: number) => void;
}

export type { CheckSummaryRow } from './tally.js';

export interface CheckRunSummary {
  dataset: string;
  records: number;
  checks: CheckSummaryRow[];
  statuses: { flagged: number; checked: number };
  byStatus: Record<string, number>;
  judge?: JudgeSummary;
}

/** What every part of a run needs, resolved once per process from the same inputs. */
export interface PreparedChecks {
  dataset: Dataset;
  config: ChecksConfig;
  /** The checks that look at one record at a time. */
  checkers: RecordChecker[];
  /** The PII model's findings, when the pii check has a model: prepare each page before checkPage. */
  modelFindings?: ModelFindings;
}

/** The pii check's model; a missing engine, folder or a broken model is a settings error (exit 2). */
async function loadModel(o: { path: string; threshold: number }) {
  const { loadPiiModel } = await import('../../text/pii/model.js');
  try {
    return await loadPiiModel(o);
  } catch (e) {
    throw badInput(`checks.pii.model: ${(e as Error).message}`);
  }
}

/** Runs the PII model (if any) over a page; call before checkPage on it. */
export async function prepareModel(page: readonly DatasetRecord[], p: PreparedChecks): Promise<void> {
  if (p.modelFindings) await p.modelFindings.prepare(page, p.dataset.settings);
}

export type CheckInputs = Pick<CheckRunOptions, 'dataset' | 'only' | 'config' | 'evalFiles'>;

export async function prepareChecks(store: Store, o: CheckInputs): Promise<PreparedChecks> {
  const dataset = await store.datasets.get(o.dataset);
  const settings = dataset.settings;
  const config = resolveConfig((settings as { checks?: unknown }).checks, o.config, o.only, o.evalFiles);
  const evalIndex =
    config.decontaminate.enabled && config.decontaminate.files.length > 0
      ? buildContaminationIndex(config.decontaminate.files.flatMap(readEvalFile), {
          n: config.decontaminate.n,
        })
      : undefined;
  if (config.language.enabled) await loadLanguageDetector();
  const modelFindings =
    config.pii.enabled && config.pii.model ? new ModelFindings(await loadModel(config.pii.model)) : undefined;
  return {
    dataset,
    config,
    checkers: recordCheckers(config, settings, evalIndex, modelFindings?.lookup),
    ...(modelFindings ? { modelFindings } : {}),
  };
}

/** The record checks' outcomes for a page, as rows to store, tallied. */
export function checkPage(
  page: readonly DatasetRecord[],
  p: PreparedChecks,
  tallies: Tallies,
  more: ((r: DatasetRecord) => CheckOutcome)[] = [],
): NewCheckResult[] {
  const results: NewCheckResult[] = [];
  for (const r of page) {
    const texts = recordTexts(r, p.dataset.settings);
    const outcomes: CheckOutcome[] = p.checkers.map((c) => c.check(r, texts));
    for (const m of more) outcomes.push(m(r));
    for (const outcome of outcomes) {
      tally(tallies, outcome);
      results.push({
        recordId: r.id,
        check: outcome.check,
        passed: outcome.passed,
        score: outcome.score,
        details: outcome.details,
      });
    }
  }
  return results;
}

/** Moves a page's records to flagged or checked from every stored result (statuses in review stay). */
export async function applyVerdicts(
  store: Store,
  datasetId: number,
  ids: number[],
  actor: Actor,
): Promise<{ flagged: number; checked: number }> {
  const failing = await store.checkResults.recordsWithFailures(ids);
  return store.lifecycle.applyCheckVerdicts(
    datasetId,
    ids.filter((id) => failing.has(id)),
    ids.filter((id) => !failing.has(id)),
    actor,
  );
}

/** The LLM judge, when configured and not left out by `--only`. */
export async function judgeIfAsked(
  store: Store,
  p: PreparedChecks,
  only: CheckName[] | undefined,
): Promise<JudgeSummary | undefined> {
  if (p.config.judge === undefined || (only && !only.includes('judge'))) return undefined;
  const { runJudge, judgeConfig } = await import('./judge.js');
  const parsed = judgeConfig.safeParse(p.config.judge);
  if (!parsed.success)
    throw badInput(
      `checks.judge: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
    );
  return runJudge(store, { dataset: p.dataset, config: parsed.data });
}

export async function semanticIfAsked(store: Store, p: PreparedChecks, only: CheckName[] | undefined) {
  if (p.config.semantic_dedup === undefined || (only && !only.includes('semantic_dedup'))) return undefined;
  const { semanticConfig, semanticDuplicates } = await import('./semantic-dedup.js');
  const parsed = semanticConfig.safeParse(p.config.semantic_dedup);
  if (!parsed.success)
    throw badInput(
      `checks.semantic_dedup: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
    );
  return semanticDuplicates(store, p.dataset, p.dataset.settings, parsed.data);
}

export async function runChecks(store: Store, o: CheckRunOptions): Promise<CheckRunSummary> {
  const p = await prepareChecks(store, o);
  const { dataset, config } = p;
  const ran = new Set<string>();

  const dedup = config.dedup.enabled
    ? await dedupDataset(store, dataset, dataset.settings, config.dedup, (n) => o.onProgress?.('dedup', n))
    : undefined;
  if (dedup) ran.add('dedup');
  const semantic = await semanticIfAsked(store, p, o.only);
  if (semantic) ran.add('semantic_dedup');
  for (const c of p.checkers) ran.add(c.name);
  const tallies = emptyTallies(ran);
  const more: ((r: DatasetRecord) => CheckOutcome)[] = [];
  if (dedup)
    more.push((r) => dedup.byId.get(r.id) ?? { check: 'dedup', passed: true, score: null, details: {} });
  if (semantic)
    more.push(
      (r) => semantic.byId.get(r.id) ?? { check: 'semantic_dedup', passed: true, score: null, details: {} },
    );

  // The judge first, so its verdicts count when statuses move below.
  const judge = await judgeIfAsked(store, p, o.only);

  let records = 0;
  const statuses = { flagged: 0, checked: 0 };
  for await (const page of store.records.stream(dataset.id)) {
    await prepareModel(page, p);
    const results = checkPage(page, p, tallies, more);
    const ids = page.map((r) => r.id);
    await store.checkResults.replace(ids, [...ran], results);
    const moved = await applyVerdicts(store, dataset.id, ids, o.actor);
    statuses.flagged += moved.flagged;
    statuses.checked += moved.checked;
    records += page.length;
    o.onProgress?.('records', records);
  }

  return {
    dataset: dataset.name,
    records,
    checks: summaryRows(tallies, ran),
    statuses,
    byStatus: (await store.datasets.countByStatus(dataset.id)) as Record<string, number>,
    ...(judge === undefined ? {} : { judge }),
  };
}

/**
 * A checks file as the settings show it (`checks:` with the checks under it: a whole settings file
 * works too) or as the checks alone: both are accepted, so a block copied from either place works.
 */
export function unwrapChecks(file: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const inner = file?.checks;
  if (inner === undefined) return file;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner))
    throw badInput('checks: expected a mapping of check names to their settings');
  return inner as Record<string, unknown>;
}

export function resolveConfig(
  fromSettings: unknown,
  fromFile: Record<string, unknown> | undefined,
  only: CheckName[] | undefined,
  evalFiles: string[] | undefined,
): ChecksConfig {
  const merged: Record<string, unknown> = { ...((fromSettings as Record<string, unknown>) ?? {}) };
  for (const [k, v] of Object.entries(unwrapChecks(fromFile) ?? {}))
    merged[k] =
      typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...(merged[k] as object), ...v } : v;
  const parsed = checksConfig.safeParse(merged);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw badInput(
      `checks.${i.path.join('.')}: ${i.code === 'unrecognized_keys' ? `unknown key '${i.keys[0]}'` : i.message}`,
    );
  }
  const config = parsed.data;
  if (evalFiles?.length) config.decontaminate.files = [...config.decontaminate.files, ...evalFiles];
  if (only) {
    for (const name of only)
      if (!CHECK_NAMES.includes(name))
        throw usage(`unknown check '${name}'; expected ${CHECK_NAMES.join(', ')}`);
    for (const name of CHECK_NAMES) {
      if (name === 'judge' || name === 'semantic_dedup') continue;
      config[name].enabled = only.includes(name);
    }
  }
  return config;
}
