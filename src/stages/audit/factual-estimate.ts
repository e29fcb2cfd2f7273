import type { SamplingPlan } from '../../stats/acceptance/index.js';
import {
  type Interval,
  type PpiInput,
  ppiProportion,
  stratifiedPpi,
  stratifiedProportion,
  wilson,
} from '../../stats/estimate/index.js';
import type { AuditItem } from '../../store/audits.js';
import type { FactualSample } from './factual-sample.js';

/**
 * What a factual audit's verdicts say about the dataset: its error rate (records marked incorrect)
 * with an interval, per stratum (Wilson) and overall (stratified: strata weighted by their size);
 * where an LLM judge scored every record, the prediction-powered estimate that combines the judge on
 * all records with the auditors' verdicts on the sample, and how often the judge agreed with them;
 * with an acceptance plan, the ISO 2859-1 decision. `unsure` verdicts count as not audited.
 */

export interface StratumEstimate {
  key: string;
  size: number;
  sampled: number;
  audited: number;
  incorrect: number;
  unsure: number;
  errorRate: Interval | null;
  /** This stratum's PPI++ estimate, when the overall one is stratified. */
  ppi?: (Interval & { lambda: number }) | null;
}

export interface JudgeAgreement {
  /** Audited records the judge also scored. */
  n: number;
  /** Judge failed & auditor incorrect, judge failed & correct, passed & incorrect, passed & correct. */
  confusion: { bothWrong: number; judgeOnly: number; auditorOnly: number; bothRight: number };
  accuracy: Interval | null;
}

export type PlanDecision = 'accepted' | 'rejected' | 'pending';

export interface FactualResults {
  kind: 'factual';
  sampled: number;
  audited: number;
  incorrect: number;
  unsure: number;
  pending: number;
  strata: StratumEstimate[];
  /** Stratified estimate; null until every stratum has an audited record. */
  errorRate: (Interval & { effectiveN: number }) | null;
  /**
   * PPI++ (judge on every record + the audit); null without a judge on every record, or < 2 audited.
   * `stratified`: per stratum, weighted by size (each stratum's own estimate is on the stratum, and
   * `lambda` is the size-weighted mean of theirs); `pooled`: one PPI over the records, when there is
   * one stratum or a stratum has fewer than 2 audited records. Older audits have no `method` (pooled).
   */
  ppi:
    | (Interval & { lambda: number; nLabelled: number; nTotal: number; method?: 'pooled' | 'stratified' })
    | null;
  judge: JudgeAgreement | null;
  plan: (SamplingPlan & { decision: PlanDecision; nonconforming: number }) | null;
  /** Why an estimate is missing. */
  notes: string[];
}

export function factualResults(
  sample: FactualSample,
  items: readonly AuditItem[],
  confidence = 0.95,
): FactualResults {
  const notes: string[] = [];
  const byStratum = new Map(
    sample.strata.map((s) => [s.key, { ...s, audited: 0, incorrect: 0, unsure: 0, sampled: 0 }]),
  );
  let audited = 0;
  let incorrect = 0;
  let unsure = 0;
  for (const it of items) {
    const s = byStratum.get(it.stratum);
    if (!s) continue;
    s.sampled++;
    if (it.verdict === 'unsure') {
      s.unsure++;
      unsure++;
    } else if (it.verdict) {
      s.audited++;
      audited++;
      if (it.verdict === 'incorrect') {
        s.incorrect++;
        incorrect++;
      }
    }
  }
  const strata: StratumEstimate[] = [...byStratum.values()].map((s) => ({
    key: s.key,
    size: s.size,
    sampled: s.sampled,
    audited: s.audited,
    incorrect: s.incorrect,
    unsure: s.unsure,
    errorRate: s.audited ? wilson(s.incorrect, s.audited, confidence) : null,
  }));

  const missing = strata.filter((s) => s.size > 0 && s.audited === 0);
  let errorRate: FactualResults['errorRate'] = null;
  if (audited === 0) notes.push('no verdicts yet');
  else if (missing.length)
    notes.push(`no verdicts yet in ${missing.length} strata (e.g. ${missing[0]!.key}): no overall estimate`);
  else {
    const r = stratifiedProportion(
      strata.map((s) => ({ size: s.size, n: s.audited, successes: s.incorrect })),
      confidence,
    );
    errorRate = {
      estimate: r.estimate,
      lo: r.lo,
      hi: r.hi,
      confidence: r.confidence,
      effectiveN: r.effectiveN,
    };
  }

  const judged = sample.strata.reduce((t, s) => t + s.judged, 0);
  const judgeFailed = sample.strata.reduce((t, s) => t + s.judgeFailed, 0);
  let judge: JudgeAgreement | null = null;
  let ppi: FactualResults['ppi'] = null;
  const labelled = items.filter((it) => it.verdict === 'correct' || it.verdict === 'incorrect');
  const withJudge = labelled.filter((it) => sample.judge[it.recordId] !== undefined);
  if (withJudge.length) {
    const c = { bothWrong: 0, judgeOnly: 0, auditorOnly: 0, bothRight: 0 };
    for (const it of withJudge) {
      const j = sample.judge[it.recordId] === 1;
      const h = it.verdict === 'incorrect';
      if (j && h) c.bothWrong++;
      else if (j) c.judgeOnly++;
      else if (h) c.auditorOnly++;
      else c.bothRight++;
    }
    judge = {
      n: withJudge.length,
      confusion: c,
      accuracy: wilson(c.bothWrong + c.bothRight, withJudge.length, confidence),
    };
  }
  if (judged < sample.population)
    notes.push(
      judged === 0
        ? 'no LLM judge scores: no prediction-powered estimate'
        : `the judge scored ${judged} of ${sample.population} records: PPI needs every record scored`,
    );
  else if (labelled.length < 2) notes.push('PPI needs at least 2 audited records');
  else {
    const byStratum = new Map(sample.strata.map((s) => [s.key, [] as AuditItem[]]));
    for (const it of labelled) byStratum.get(it.stratum)?.push(it);
    const populated = sample.strata.filter((s) => s.size > 0);
    const thin = populated.filter((s) => byStratum.get(s.key)!.length < 2);
    if (populated.length > 1 && thin.length === 0) {
      const r = stratifiedPpi(
        sample.strata.map((s) => ppiInput(sample, byStratum.get(s.key)!, s.size, s.judgeFailed)),
        confidence,
      );
      let lambda = 0;
      r.strata.forEach((x, h) => {
        const st = strata[h]!;
        st.ppi = x ? { estimate: x.estimate, lo: x.lo, hi: x.hi, confidence, lambda: x.lambda } : null;
        lambda += x ? x.weight * x.lambda : 0;
      });
      ppi = {
        estimate: r.estimate,
        lo: r.lo,
        hi: r.hi,
        confidence,
        lambda,
        nLabelled: r.nLabelled,
        nTotal: r.nTotal,
        method: 'stratified',
      };
    } else {
      if (thin.length)
        notes.push(
          `${thin.length} strata have fewer than 2 audited records (e.g. ${thin[0]!.key}): PPI pooled over the strata, not per stratum`,
        );
      const r = ppiProportion(ppiInput(sample, labelled, sample.population, judgeFailed), confidence);
      ppi = {
        estimate: r.estimate,
        lo: r.lo,
        hi: r.hi,
        confidence: r.confidence,
        lambda: r.lambda,
        nLabelled: r.nLabelled,
        nTotal: r.nTotal,
        method: 'pooled',
      };
    }
  }

  let plan: FactualResults['plan'] = null;
  if (sample.plan) {
    const p = sample.plan;
    // The standard counts nonconforming items in the plan's sample; an unsure verdict is no verdict.
    const decided = audited;
    const needed = Math.min(p.sampleSize, sample.population);
    const decision: PlanDecision =
      incorrect >= p.reject
        ? 'rejected'
        : decided >= needed && incorrect <= p.accept
          ? 'accepted'
          : 'pending';
    plan = { ...p, decision, nonconforming: incorrect };
  }
  return {
    kind: 'factual',
    sampled: items.length,
    audited,
    incorrect,
    unsure,
    pending: items.length - audited - unsure,
    strata,
    errorRate,
    ppi,
    judge,
    plan,
    notes,
  };
}

/**
 * PPI's input for a set of records of which `labelled` were audited: the judge's verdicts on the
 * records not audited matter only by their count of failures, so they are made up as that many ones.
 */
function ppiInput(
  sample: FactualSample,
  labelled: readonly AuditItem[],
  size: number,
  judgeFailed: number,
): PpiInput {
  const labelledFailed = labelled.reduce((t, it) => t + (sample.judge[it.recordId] ?? 0), 0);
  const rest = size - labelled.length;
  const unlabelledJudge = new Uint8Array(Math.max(0, rest));
  unlabelledJudge.fill(1, 0, Math.max(0, Math.min(rest, judgeFailed - labelledFailed)));
  return {
    labelledHuman: labelled.map((it) => (it.verdict === 'incorrect' ? 1 : 0)),
    labelledJudge: labelled.map((it) => sample.judge[it.recordId] ?? 0),
    unlabelledJudge,
  };
}
