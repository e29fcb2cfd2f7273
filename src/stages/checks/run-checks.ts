import { readFileSync } from 'node:fs';
import type { Actor } from '../../core/actor.js';
import { badInput, usage } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { buildContaminationIndex, type EvalItem } from '../../text/decontaminate.js';
import { loadLanguageDetector } from '../../text/language.js';
import { CHECK_NAMES, type CheckName, type ChecksConfig, checksConfig } from './config.js';
import { dedupDataset } from './dedup-check.js';
import type { JudgeSummary } from './judge.js';
import { type CheckOutcome, recordCheckers } from './record-checks.js';
import { recordTexts } from './record-texts.js';

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

export interface CheckSummaryRow {
  check: string;
  records: number;
  failed: number;
  /** The most common reasons among failures, with counts. */
  reasons: { reason: string; count: number }[];
}

export interface CheckRunSummary {
  dataset: string;
  records: number;
  checks: CheckSummaryRow[];
  statuses: { flagged: number; checked: number };
  byStatus: Record<string, number>;
  judge?: JudgeSummary;
}

export async function runChecks(store: Store, o: CheckRunOptions): Promise<CheckRunSummary> {
  const dataset = await store.datasets.get(o.dataset);
  const settings = dataset.settings;
  const config = resolveConfig((settings as { checks?: unknown }).checks, o.config, o.only, o.evalFiles);
  const ran = new Set<string>();

  const evalIndex =
    config.decontaminate.enabled && config.decontaminate.files.length > 0
      ? buildContaminationIndex(config.decontaminate.files.flatMap(readEvalFile), {
          n: config.decontaminate.n,
        })
      : undefined;
  if (config.language.enabled) await loadLanguageDetector();

  const dedup = config.dedup.enabled
    ? await dedupDataset(store, dataset, settings, config.dedup, (n) => o.onProgress?.('dedup', n))
    : undefined;
  if (dedup) ran.add('dedup');

  let semantic: Awaited<ReturnType<typeof import('./semantic-dedup.js').semanticDuplicates>> | undefined;
  if (config.semantic_dedup !== undefined && (!o.only || o.only.includes('semantic_dedup'))) {
    const { semanticConfig, semanticDuplicates } = await import('./semantic-dedup.js');
    const parsed = semanticConfig.safeParse(config.semantic_dedup);
    if (!parsed.success)
      throw badInput(
        `checks.semantic_dedup: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
      );
    semantic = await semanticDuplicates(store, dataset, settings, parsed.data);
    ran.add('semantic_dedup');
  }

  const checkers = recordCheckers(config, settings, evalIndex);
  for (const c of checkers) ran.add(c.name);
  const tallies = new Map<string, { records: number; failed: number; reasons: Map<string, number> }>(
    [...ran].map((c) => [c, { records: 0, failed: 0, reasons: new Map() }]),
  );
  const tally = (o: CheckOutcome) => {
    const t = tallies.get(o.check)!;
    t.records++;
    if (o.passed) return;
    t.failed++;
    const reason = reasonOf(o);
    t.reasons.set(reason, (t.reasons.get(reason) ?? 0) + 1);
  };

  // The judge first, so its verdicts count when statuses move below.
  let judge: JudgeSummary | undefined;
  if (config.judge !== undefined && (!o.only || o.only.includes('judge'))) {
    const { runJudge, judgeConfig } = await import('./judge.js');
    const parsed = judgeConfig.safeParse(config.judge);
    if (!parsed.success)
      throw badInput(
        `checks.judge: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
      );
    judge = await runJudge(store, { dataset, config: parsed.data });
  }

  let records = 0;
  const statuses = { flagged: 0, checked: 0 };
  for await (const page of store.records.stream(dataset.id)) {
    const results = [];
    for (const r of page) {
      const texts = recordTexts(r, settings);
      const outcomes: CheckOutcome[] = checkers.map((c) => c.check(r, texts));
      if (dedup)
        outcomes.push(dedup.byId.get(r.id) ?? { check: 'dedup', passed: true, score: null, details: {} });
      if (semantic)
        outcomes.push(
          semantic.byId.get(r.id) ?? { check: 'semantic_dedup', passed: true, score: null, details: {} },
        );
      for (const outcome of outcomes) {
        tally(outcome);
        results.push({
          recordId: r.id,
          check: outcome.check,
          passed: outcome.passed,
          score: outcome.score,
          details: outcome.details,
        });
      }
    }
    const ids = page.map((r) => r.id);
    await store.checkResults.replace(ids, [...ran], results);
    const failing = await store.checkResults.recordsWithFailures(ids);
    const moved = await store.lifecycle.applyCheckVerdicts(
      dataset.id,
      ids.filter((id) => failing.has(id)),
      ids.filter((id) => !failing.has(id)),
      o.actor,
    );
    statuses.flagged += moved.flagged;
    statuses.checked += moved.checked;
    records += page.length;
    o.onProgress?.('records', records);
  }

  return {
    dataset: dataset.name,
    records,
    checks: [...tallies].map(([check, t]) => ({
      check,
      records: t.records,
      failed: t.failed,
      reasons: [...t.reasons]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([reason, count]) => ({ reason, count })),
    })),
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

function resolveConfig(
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

/** Evaluation items, one JSON object a line: `id` (else the line number) and `text` (or question/prompt). */
function readEvalFile(file: string): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw badInput(`cannot read evaluation set '${file}'`, { file });
  }
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw badInput(`not valid JSON: ${(e as Error).message}`, { file, line: i + 1 });
    }
    const body = [v.text, v.question, v.prompt, v.answer].filter((x) => typeof x === 'string').join('\n');
    if (!body)
      throw badInput("an evaluation item needs a 'text' (or 'question'/'prompt') string", {
        file,
        line: i + 1,
      });
    items.push({
      id: typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : `${file}:${i + 1}`,
      text: body,
    });
  });
  return items;
}

/** One line per failure kind, for the summary: the rule, entity type or near-duplicate. */
function reasonOf(o: CheckOutcome): string {
  const d = o.details as Record<string, unknown>;
  switch (o.check) {
    case 'pii':
      return `contains ${(d.types as string[]).join(', ')}`;
    case 'language':
      return `in ${String((d.problems as { detected: string }[])[0]?.detected)} (expected ${(d.expected as string[]).join('/') || 'the conversation’s language'})`;
    case 'quality':
      return String((d.failures as { rule: string }[])[0]?.rule ?? 'quality');
    case 'offensive':
      return `offensive term '${String((d.matches as { term: string }[])[0]?.term)}'`;
    case 'decontaminate':
      return `overlaps evaluation item ${String((d.items as { evalId: string }[])[0]?.evalId)}`;
    case 'dedup':
      return 'near-duplicate of a kept record';
    case 'semantic_dedup':
      return 'says the same as a kept record';
    default:
      return o.check;
  }
}
