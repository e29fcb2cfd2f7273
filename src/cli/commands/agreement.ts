import type { Command } from 'commander';
import { z } from 'zod';
import { badInput, isTandemError, usage } from '../../core/errors.js';
import { describeJson } from '../../io/reader-kit.js';
import { strictRows } from '../../io/strict-rows.js';
import {
  type AgreementReport,
  checkMetricLevel,
  computeAgreement,
  LEVELS,
  type Level,
  METRICS,
  type Metric,
  ReliabilityBuilder,
} from '../../stats/agreement/index.js';
import { DEFAULT_LEVEL, DEFAULT_RESAMPLES, DEFAULT_SEED } from '../../stats/intervals.js';
import { globals } from '../context.js';
import { emit, progress } from '../output.js';

export interface AgreementRunOptions {
  metric: Metric;
  level: Level;
  /** Confidence level of the interval. */
  ci: number;
  resamples: number;
  seed: number;
}

/** The flags as commander hands them over (strings), checked; bad ones are usage errors (exit 2). */
export function parseAgreementOptions(o: {
  metric?: string;
  level?: string;
  ci?: string;
  resamples?: string;
  seed?: string;
}): AgreementRunOptions {
  const { metric, level } = checkMetricLevel(o.metric ?? 'krippendorff', o.level ?? 'nominal');
  const ci = o.ci === undefined ? DEFAULT_LEVEL : Number(o.ci);
  if (!(ci > 0 && ci < 1))
    throw usage(`--ci expects a confidence level between 0 and 1, such as 0.95; got '${o.ci}'`);
  const resamples = o.resamples === undefined ? DEFAULT_RESAMPLES : Number(o.resamples);
  if (!(Number.isInteger(resamples) && resamples >= 1 && resamples <= 1_000_000))
    throw usage(`--resamples expects a whole number from 1 to 1000000; got '${o.resamples}'`);
  const seed = o.seed === undefined ? DEFAULT_SEED : Number(o.seed);
  if (!(o.seed === undefined || (o.seed.trim() !== '' && Number.isSafeInteger(seed))))
    throw usage(`--seed expects a whole number; got '${o.seed}'`);
  return { metric, level, ci, resamples, seed };
}

const key = (name: string, what: string) =>
  z.union([z.string(), z.number()], {
    error: (issue) =>
      issue.input === undefined
        ? `missing '${name}' (${what}: a string or a number)`
        : `'${name}' must be a string or a number, found ${describeJson(issue.input)}`,
  });

/** One line of the input: who judged what, and the value (null = no judgement). Other keys are ignored. */
export const judgementLine = z.object({
  item: key('item', 'the item judged'),
  annotator: key('annotator', 'who judged it'),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()], {
    error: (issue) =>
      issue.input === undefined
        ? `missing 'value' (use null for a missing judgement)`
        : `'value' must be a string, a number, a boolean or null, found ${describeJson(issue.input)}`,
  }),
});

export interface AgreementSummary extends AgreementReport {
  file: string;
  /** Lines holding a judgement, and how many of them were null (missing). */
  judgements: number;
  missing: number;
  /** Items and annotators with at least one value in the file. */
  itemsInFile: number;
  annotatorsInFile: number;
}

/** Reads a JSONL file of judgements and computes the metric with its confidence interval. */
export async function runAgreement(
  file: string,
  options: Partial<AgreementRunOptions> = {},
): Promise<AgreementSummary> {
  const builder = new ReliabilityBuilder();
  let judgements = 0;
  let missing = 0;
  const bar = progress(`agreement ${file}`);
  try {
    for await (const batch of strictRows(file)) {
      for (const row of batch) {
        const parsed = judgementLine.safeParse(row.value);
        if (!parsed.success) throw badInput(parsed.error.issues[0]!.message, { file, line: row.line });
        const j = parsed.data;
        judgements++;
        if (j.value === null) missing++;
        builder.add(j.item, j.annotator, j.value, row.line);
      }
      bar.update(judgements);
    }
  } finally {
    bar.stop();
  }

  let data: ReturnType<ReliabilityBuilder['build']>;
  try {
    data = builder.build();
  } catch (e) {
    if (isTandemError(e) && e.details && typeof e.details.second === 'number')
      throw badInput(`${e.reason} (first on line ${e.details.first})`, { file, line: e.details.second });
    throw e;
  }
  const report = computeAgreement(data, {
    metric: options.metric ?? 'krippendorff',
    level: options.level ?? 'nominal',
    ci: {
      level: options.ci ?? DEFAULT_LEVEL,
      resamples: options.resamples ?? DEFAULT_RESAMPLES,
      seed: options.seed ?? DEFAULT_SEED,
    },
  });
  return {
    ...report,
    file,
    judgements,
    missing,
    itemsInFile: data.items.length,
    annotatorsInFile: data.annotators.length,
  };
}

/** The `--json` document of the CLI contract, exactly these keys. */
export function agreementJson(s: AgreementReport): {
  metric: Metric;
  level: Level;
  value: number;
  items: number;
  annotators: number;
  ci: [number, number] | null;
} {
  return {
    metric: s.metric,
    level: s.level,
    value: s.value,
    items: s.items,
    annotators: s.annotators,
    ci: s.ci,
  };
}

const fmt = (v: number) => v.toFixed(3);

export function describeAgreement(s: AgreementSummary): string {
  const what = s.metric === 'cohen' && s.level !== 'nominal' ? `weighted ${s.name}` : s.name;
  const pct = s.interval ? `${Math.round(s.interval.level * 1000) / 10}%` : '';
  const lines = [
    `${what} (${s.level}): ${fmt(s.value)}` +
      (s.ci
        ? `, ${pct} CI [${fmt(s.ci[0])}, ${fmt(s.ci[1])}]`
        : s.interval
          ? ', no confidence interval'
          : ''),
  ];
  const compared = s.metric === 'cohen' ? 'items both annotators judged' : 'items with two or more values';
  lines.push(
    `${s.items} ${compared} (of ${s.itemsInFile} in ${s.file}), ${s.annotators} annotators, ` +
      `${s.judgements} judgements${s.missing ? ` (${s.missing} missing)` : ''}.`,
  );
  if (s.interval?.method === 'wilson') lines.push(`Interval: Wilson score interval over items.`);
  else if (s.interval) {
    const i = s.interval;
    lines.push(`Interval: percentile bootstrap over items, ${i.resamples} resamples, seed ${i.seed}.`);
    if (i.failed)
      lines.push(
        s.ci
          ? `${i.failed} resamples without variation were left out.`
          : `Every resample lacked variation, so there is no interval.`,
      );
  }
  return lines.join('\n');
}

export function registerAgreement(program: Command): void {
  program
    .command('agreement')
    .description(
      'inter-annotator agreement of judgements in a JSONL file ({"item", "annotator", "value"} a line)',
    )
    .argument('<file>', 'JSONL file, one judgement a line; "value": null is a missing judgement')
    .option('--metric <name>', METRICS.join(' | '), 'krippendorff')
    .option(
      '--level <level>',
      `${LEVELS.join(' | ')} (Cohen: unweighted, linear, quadratic weights)`,
      'nominal',
    )
    .option('--ci <level>', 'confidence level of the interval', String(DEFAULT_LEVEL))
    .option('--resamples <n>', 'bootstrap resamples', String(DEFAULT_RESAMPLES))
    .option('--seed <n>', 'seed of the bootstrap, for reproducible intervals', String(DEFAULT_SEED))
    .action(
      async (
        file: string,
        o: { metric?: string; level?: string; ci?: string; resamples?: string; seed?: string },
        cmd: Command,
      ) => {
        const options = parseAgreementOptions(o);
        const summary = await runAgreement(file, options);
        emit(globals(cmd), agreementJson(summary), () => describeAgreement(summary));
      },
    );
}
