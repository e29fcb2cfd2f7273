import { type Command, Option } from 'commander';
import { badInput, isTandemError, TandemError, usage } from '../../core/errors.js';
import { readVerdictLines } from '../../io/verdict-lines.js';
import {
  INSPECTION_LEVELS,
  type InspectionLevel,
  iso2859Plan,
  type SamplingPlan,
} from '../../stats/acceptance/index.js';
import { checkConfidence, type Interval, ppiProportion, wilson } from '../../stats/estimate/index.js';
import { globals } from '../context.js';
import { emit } from '../output.js';

/**
 * The audit stage's file tools, which need no store: `audit estimate` (an error rate and its
 * interval from a JSONL of verdicts) and `audit plan` (an ISO 2859-1 sampling plan).
 */

export const ESTIMATE_METHODS = ['wilson', 'ppi'] as const;
export type EstimateMethod = (typeof ESTIMATE_METHODS)[number];

/** The `--json` document of `audit estimate`: exactly these keys (the contract). */
export interface EstimateJson {
  estimate: number;
  ci: [number, number];
  n_labelled: number;
  n_total: number;
  method: EstimateMethod;
}

export interface EstimateSummary {
  json: EstimateJson;
  confidence: number;
  /** PPI's weight on the judge; undefined for Wilson. */
  lambda?: number;
  /** How often the judge agreed with the auditors on the audited lines that have both verdicts. */
  judgeAccuracy?: Interval & { n: number };
}

/** A growable byte array: 1,000,000 verdicts take a megabyte, not a million boxed numbers. */
class Bytes {
  data = new Uint8Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

const NO_JUDGE = 'no "judge" verdict: --method ppi needs the judge on every line (or use --method wilson)';

/**
 * Reads a JSONL file of `{"judge": 0|1 (optional), "human": 0|1|null}` lines (a human verdict of
 * null or absent: the record was not audited) and estimates the rate of human 1s: by Wilson on the
 * audited lines, or by PPI++ with the judge on every line. The file is streamed and scanned as bytes
 * (src/io/verdict-lines.ts), so a million lines take well under a second of parsing.
 * A bad line stops the run with file:line (exit 2), as does a line without a judge under PPI.
 */
export async function runEstimate(
  file: string,
  options: { method?: EstimateMethod; confidence?: number } = {},
): Promise<EstimateSummary> {
  const method = options.method ?? 'wilson';
  const confidence = options.confidence ?? 0.95;
  checkConfidence(confidence);
  const ppi = method === 'ppi';
  const labelledHuman = new Bytes();
  const labelledJudge = new Bytes();
  const unlabelledJudge = new Bytes();
  let audited = 0;
  let wrong = 0;
  let total = 0;
  let compared = 0;
  let agreed = 0;
  await readVerdictLines(file, (line, human, judge) => {
    total++;
    if (human >= 0 && judge >= 0) {
      compared++;
      if (human === judge) agreed++;
    }
    if (ppi) {
      if (judge < 0) throw badInput(NO_JUDGE, { file, line });
      if (human < 0) unlabelledJudge.push(judge);
      else {
        labelledHuman.push(human);
        labelledJudge.push(judge);
      }
    }
    if (human >= 0) {
      audited++;
      wrong += human;
    }
  });

  if (audited === 0)
    throw badInput('no audited line: at least one line needs a "human" verdict of 0 or 1', { file });
  const judgeAccuracy = compared > 0 ? { ...wilson(agreed, compared, confidence), n: compared } : undefined;
  if (!ppi) {
    const r = wilson(wrong, audited, confidence);
    return {
      json: { estimate: r.estimate, ci: [r.lo, r.hi], n_labelled: audited, n_total: total, method },
      confidence,
      ...(judgeAccuracy ? { judgeAccuracy } : {}),
    };
  }
  try {
    const r = ppiProportion(
      {
        labelledHuman: labelledHuman.view(),
        labelledJudge: labelledJudge.view(),
        unlabelledJudge: unlabelledJudge.view(),
      },
      confidence,
    );
    return {
      json: { estimate: r.estimate, ci: [r.lo, r.hi], n_labelled: r.nLabelled, n_total: r.nTotal, method },
      confidence,
      lambda: r.lambda,
      ...(judgeAccuracy ? { judgeAccuracy } : {}),
    };
  } catch (e) {
    if (isTandemError(e) && !e.location) throw new TandemError(e.code, e.reason, { location: { file } });
    throw e;
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function describeEstimate(s: EstimateSummary): string {
  const { json: j } = s;
  const level = `${Math.round(s.confidence * 1000) / 10}%`;
  const how =
    j.method === 'ppi'
      ? `prediction-powered inference (PPI++), judge weight λ = ${s.lambda!.toFixed(3)}`
      : 'Wilson score interval on the audited lines';
  const lines = [
    `error rate ${pct(j.estimate)}, ${level} CI [${pct(j.ci[0])}, ${pct(j.ci[1])}]`,
    `${j.n_labelled} audited of ${j.n_total} records; ${how}.`,
  ];
  const a = s.judgeAccuracy;
  if (a)
    lines.push(
      `The judge agrees with the auditors on ${pct(a.estimate)} of ${a.n} audited records (${level} CI [${pct(a.lo)}, ${pct(a.hi)}]).`,
    );
  return lines.join('\n');
}

/** A number flag, or a usage error naming the flag. */
function numberFlag(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw usage(`${flag} must be a number, got '${value}'`);
  return n;
}

export function planJson(p: SamplingPlan) {
  return {
    lot: p.lot,
    level: p.level,
    aql: p.aql,
    code_letter: p.codeLetter,
    sample_size: p.sampleSize,
    accept: p.accept,
    reject: p.reject,
    inspect_all: p.inspectAll,
  };
}

export function describePlan(p: SamplingPlan): string {
  const letter =
    p.planLetter === p.codeLetter
      ? `code letter ${p.codeLetter}`
      : `code letter ${p.codeLetter} (the table's arrow leads to the plan of ${p.planLetter})`;
  const lines = [
    `ISO 2859-1 single sampling, normal inspection: lot ${p.lot}, level ${p.level}, AQL ${p.aql}`,
    `${letter}: inspect ${p.sampleSize} items; accept the lot with ${p.accept} or fewer nonconforming, reject with ${p.reject} or more.`,
  ];
  if (p.inspectAll) lines.push(`The sample is at least the lot size: inspect all ${p.lot} items.`);
  return lines.join('\n');
}

export function registerAuditTools(audit: Command): void {
  audit
    .command('estimate')
    .description(
      'estimate an error rate with a confidence interval from a JSONL of human (and judge) verdicts',
    )
    .argument(
      '<file>',
      'JSONL, one {"judge": 0|1 (optional), "human": 0|1|null} per line; null = not audited',
    )
    .addOption(
      new Option(
        '--method <method>',
        'wilson: the audited lines alone; ppi: PPI++ with the judge on every line',
      )
        .choices(ESTIMATE_METHODS)
        .default('wilson'),
    )
    .option('--confidence <level>', 'confidence level of the interval', '0.95')
    .action(async (file: string, o: { method: EstimateMethod; confidence: string }, cmd: Command) => {
      const confidence = numberFlag(o.confidence, '--confidence');
      const summary = await runEstimate(file, { method: o.method, confidence });
      emit(globals(cmd), summary.json, () => describeEstimate(summary));
    });

  audit
    .command('plan')
    .description('the ISO 2859-1 single sampling plan (normal inspection) for a lot size and an AQL')
    .requiredOption('--lot <n>', 'lot size: records in the dataset or release audited')
    .requiredOption(
      '--aql <percent>',
      'acceptable quality level in percent, a value of ISO 2859-1 Table 2-A (e.g. 1.0)',
    )
    .addOption(new Option('--level <level>', 'inspection level').choices(INSPECTION_LEVELS).default('II'))
    .action((o: { lot: string; aql: string; level: InspectionLevel }, cmd: Command) => {
      const plan = iso2859Plan({
        lot: numberFlag(o.lot, '--lot'),
        aql: numberFlag(o.aql, '--aql'),
        level: o.level,
      });
      emit(globals(cmd), planJson(plan), () => describePlan(plan));
    });
}
