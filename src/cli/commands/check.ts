import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { loadYaml } from '../../core/yaml-source.js';
import type { JudgeSummary } from '../../stages/checks/judge.js';
import type { QueuedCheckOptions } from '../../stages/checks/sharded/run-queued.js';
import type { OpenStore } from '../../store/store.js';
import { cliActor, globals, withStore } from '../context.js';
import { emit, type Progress, progress } from '../output.js';
import { checkDatasetName } from './datasets.js';
import { positiveInt, readRecipe } from './generate.js';

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
    .option('--queue', 'cut the run into shards that `tandem worker` processes share (this one works too)')
    .option('--shard-size <n>', 'records per shard with --queue', '10000')
    .option('--run <id>', 'with --queue: resume this run (after this process was stopped)')
    .option('--no-work', 'with --queue: only queue, report progress and finish; workers do the shards')
    .action(async (o: CheckCliOptions, cmd: Command) => {
      checkDatasetName(o.dataset);
      const only = o.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (only && only.length === 0) throw usage('--only needs at least one check');
      const config = o.config
        ? (loadYaml(readRecipe(o.config), o.config).data as Record<string, unknown>)
        : undefined;
      const g = globals(cmd);
      await withStore(cmd, async (store) => {
        const inputs = {
          dataset: o.dataset,
          only: only as never,
          config,
          evalFiles: o.eval,
          actor: cliActor(),
        };
        const summary = o.queue
          ? await queued(store, inputs, o).finally(() => stopProgress())
          : await (await import('../../stages/checks/run-checks.js'))
              .runChecks(store, { ...inputs, onProgress: checkProgress(await recordsIn(store, o.dataset)) })
              .finally(() => stopProgress());
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

interface CheckCliOptions {
  dataset: string;
  only?: string;
  config?: string;
  eval: string[];
  queue?: boolean;
  shardSize: string;
  run?: string;
  work: boolean;
}

/** `--queue`: shards shared with `tandem worker` processes; the bar counts shards done by anyone. */
async function queued(
  store: OpenStore,
  inputs: Omit<QueuedCheckOptions, 'shardSize' | 'runId' | 'work' | 'onProgress'>,
  o: CheckCliOptions,
) {
  const { runQueuedChecks } = await import('../../stages/checks/sharded/run-queued.js');
  return runQueuedChecks(store, {
    ...inputs,
    shardSize: positiveInt('--shard-size', o.shardSize) ?? 10_000,
    ...(o.run ? { runId: o.run } : {}),
    work: o.work,
    onProgress: (p) => {
      let bar = bars.get('shards');
      if (!bar) {
        bar = progress(`check ${p.runId}: shards`, p.shards);
        bars.set('shards', bar);
      }
      bar.update(p.done, p.shards);
    },
  });
}

/** The dataset's record count, for the bars' totals (0 when it is missing: runChecks says so). */
async function recordsIn(store: OpenStore, dataset: string): Promise<number> {
  const d = await store.datasets.find(dataset);
  return d ? store.records.count(d.id) : 0;
}

const bars = new Map<string, Progress>();
function stopProgress(): void {
  for (const b of bars.values()) b.stop();
  bars.clear();
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

/** One bar (or plain lines off a terminal) per stage: sketching for near-duplicates, then checking. */
function checkProgress(total: number): (stage: string, n: number) => void {
  return (stage, n) => {
    let bar = bars.get(stage);
    if (!bar) {
      for (const b of bars.values()) b.stop();
      bar = progress(stage === 'dedup' ? 'check: sketching for near-duplicates' : 'check: records', total);
      bars.set(stage, bar);
    }
    bar.update(n);
  };
}
