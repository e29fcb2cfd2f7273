import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { loadYaml } from '../../core/yaml-source.js';
import type { JudgeSummary } from '../../stages/checks/judge.js';
import { cliActor, globals, withStore } from '../context.js';
import { emit, note } from '../output.js';
import { checkDatasetName } from './datasets.js';
import { readRecipe } from './generate.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'run automatic checks on a dataset: near-duplicates, PII, language, quality, offensive words, decontamination, LLM judge',
    )
    .requiredOption('--dataset <name>', 'dataset to check')
    .option('--only <checks>', 'comma-separated: dedup,pii,language,quality,offensive,decontaminate,judge')
    .option('--config <file>', 'YAML overriding the dataset’s `checks:` settings for this run')
    .option(
      '--eval <file>',
      'evaluation set (JSONL {"id","text"}) for decontamination (repeatable)',
      collect,
      [],
    )
    .action(async (o: { dataset: string; only?: string; config?: string; eval: string[] }, cmd: Command) => {
      checkDatasetName(o.dataset);
      const only = o.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (only && only.length === 0) throw usage('--only needs at least one check');
      const config = o.config
        ? (loadYaml(readRecipe(o.config), o.config).data as Record<string, unknown>)
        : undefined;
      const { runChecks } = await import('../../stages/checks/run-checks.js');
      const g = globals(cmd);
      await withStore(cmd, async (store) => {
        const summary = await runChecks(store, {
          dataset: o.dataset,
          only: only as never,
          config,
          evalFiles: o.eval,
          actor: cliActor(),
          onProgress: g.json ? undefined : checkProgress(),
        });
        emit(g, summary, () => {
          const rows = summary.checks.map((c) => [
            c.check,
            String(c.records),
            String(c.failed),
            c.reasons.map((r) => `${r.reason} (${r.count})`).join('; '),
          ]);
          if (summary.judge) rows.unshift(judgeRow(summary.judge));
          const head = ['check', 'records', 'failed', 'most common'];
          const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
          const line = (r: string[]) => r.map((c, i) => (i === 3 ? c : c.padEnd(widths[i]!))).join('  ');
          return [
            `Checked ${summary.records} records of '${summary.dataset}':`,
            '',
            line(head),
            ...rows.map(line),
            '',
            `${summary.statuses.flagged} records newly flagged, ${summary.statuses.checked} newly checked; now ${Object.entries(
              summary.byStatus,
            )
              .map(([s, n]) => `${n} ${s}`)
              .join(', ')}.`,
          ].join('\n');
        });
      });
    });
}

/** The judge as a row of the table: judged, failed, then errors, scores per criterion and cost. */
export function judgeRow(j: JudgeSummary): string[] {
  const criteria = Object.entries(j.byCriterion).map(
    ([name, c]) => `${name} mean ${c.mean.toFixed(2)} (${c.min}–${c.max})`,
  );
  const cost = j.costUsd === undefined ? 'cost unknown' : `$${j.costUsd.toFixed(4)}`;
  const detail = [
    ...(j.errors ? [`${j.errors} without a verdict`] : []),
    ...criteria,
    `${j.inputTokens + j.outputTokens} tokens, ${cost}`,
  ];
  return ['judge', String(j.judged), String(j.failed), detail.join('; ')];
}

/** A line on stderr every 10,000 records of each stage, so a long check shows it is moving. */
function checkProgress(): (stage: string, n: number) => void {
  const last = new Map<string, number>();
  return (stage, n) => {
    if (n - (last.get(stage) ?? 0) < 10_000) return;
    last.set(stage, n);
    note(stage === 'dedup' ? `  ${n} records sketched for near-duplicates…` : `  ${n} records checked…`);
  };
}
