import { StringDecoder } from 'node:string_decoder';
import { type Command, Option } from 'commander';
import { badInput, isTandemError, TandemError, usage } from '../../core/errors.js';
import { describeJson, isPlainObject, MAX_RECORD_BYTES, readChunks } from '../../io/reader-kit.js';
import {
  INSPECTION_LEVELS,
  type InspectionLevel,
  iso2859Plan,
  type SamplingPlan,
} from '../../stats/acceptance/index.js';
import { checkConfidence, ppiProportion, wilson } from '../../stats/estimate/index.js';
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

/** A scalar as written (untrusted text cut short), anything else by its kind. */
const shown = (v: unknown) =>
  v !== null && typeof v === 'object' ? describeJson(v) : JSON.stringify(v).slice(0, 40);

/** A 0/1 verdict, null/absent as -1, or a bad_input naming the key. */
function verdict(v: unknown, key: string, file: string, line: number, nullable: boolean): number {
  if (v === 0 || v === 1) return v;
  if (v === undefined || v === null) return -1;
  throw badInput(`"${key}" must be 0, 1${nullable ? ' or null' : ''}, found ${shown(v)}`, {
    file,
    line,
  });
}

/**
 * Reads a JSONL file of `{"judge": 0|1 (optional), "human": 0|1|null}` lines (a human verdict of
 * null or absent: the record was not audited) and estimates the rate of human 1s: by Wilson on the
 * audited lines, or by PPI++ with the judge on every line. Streams the file in chunks and parses each
 * line with JSON.parse and a few checks (no schema library), so a million lines take about a second.
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
  let line = 0;

  const take = (text: string) => {
    line++;
    if (text.length === 0 || text.trim().length === 0) return;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw badInput(`not valid JSON: ${(e as Error).message}`, { file, line });
    }
    if (!isPlainObject(v))
      throw badInput(`each line must be an object like {"judge": 0, "human": 1}, found ${describeJson(v)}`, {
        file,
        line,
      });
    const human = verdict(v.human, 'human', file, line, true);
    const judge = verdict(v.judge, 'judge', file, line, false);
    total++;
    if (ppi) {
      if (judge < 0)
        throw badInput(
          'no "judge" verdict: --method ppi needs the judge on every line (or use --method wilson)',
          {
            file,
            line,
          },
        );
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
  };

  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of readChunks(file, undefined, true)) {
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      take(text.slice(start, end));
      start = nl + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_RECORD_BYTES)
      throw badInput(`line longer than ${MAX_RECORD_BYTES} bytes`, { file, line: line + 1 });
  }
  carry += decoder.end();
  if (carry.length > 0) take(carry.endsWith('\r') ? carry.slice(0, -1) : carry);

  if (audited === 0)
    throw badInput('no audited line: at least one line needs a "human" verdict of 0 or 1', { file });
  if (!ppi) {
    const r = wilson(wrong, audited, confidence);
    return {
      json: { estimate: r.estimate, ci: [r.lo, r.hi], n_labelled: audited, n_total: total, method },
      confidence,
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
    };
  } catch (e) {
    if (isTandemError(e) && !e.location) throw new TandemError(e.code, e.reason, { location: { file } });
    throw e;
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function describeEstimate(s: EstimateSummary): string {
  const { json: j } = s;
  const how =
    j.method === 'ppi'
      ? `prediction-powered inference (PPI++), judge weight λ = ${s.lambda!.toFixed(3)}`
      : 'Wilson score interval on the audited lines';
  return [
    `error rate ${pct(j.estimate)}, ${Math.round(s.confidence * 1000) / 10}% CI [${pct(j.ci[0])}, ${pct(j.ci[1])}]`,
    `${j.n_labelled} audited of ${j.n_total} records; ${how}.`,
  ].join('\n');
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
