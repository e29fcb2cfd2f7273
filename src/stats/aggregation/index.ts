import { badInput, usage } from '../../core/errors.js';
import type { QuestionSettings } from '../../core/questions.js';
import type { DecisionMethod } from '../../core/record.js';
import { answerSchema, type PreferenceValue, type Span } from '../../core/values.js';
import { type DawidSkeneOptions, type DawidSkeneResult, dawidSkene } from './dawid-skene.js';
import { majorityVote, multiLabelVote } from './majority.js';
import { ratingMedian } from './median.js';
import { preferenceVote } from './preference.js';
import { bordaCount, type RankedOption } from './ranking.js';
import { spanVote } from './spans.js';

export * from './dawid-skene.js';
export * from './majority.js';
export * from './median.js';
export * from './preference.js';
export * from './ranking.js';
export * from './simulate.js';
export * from './spans.js';
export * from './triples.js';

/** The method recorded for a Borda-count ranking. */
export const RANKING_METHOD: DecisionMethod = 'borda';

export interface AggregateOptions {
  /**
   * Label questions only. 'dawid_skene' needs every item of the dataset at once, so `aggregate`
   * refuses it: call `aggregateLabelsDawidSkene` (or `dawidSkene` on integer codes) on the batch.
   */
  method?: 'majority' | 'dawid_skene';
  /** Multi-label and span questions: the share of annotators a label must exceed (default 0.5). */
  threshold?: number;
  /** Rating questions: scale steps from the median that still count as agreeing (default 1). */
  ratingTolerance?: number;
}

export interface AggregateResult {
  /** The final value in the question's answer shape; undefined when no one answered or for text. */
  value: unknown;
  method: DecisionMethod;
  /** 0–1, defined per method (see docs/statistics.md); undefined for text questions. */
  confidence: number | undefined;
  /** The value was chosen by a tie rule: send the item to adjudication if that matters. */
  tied: boolean;
}

/** Answers that are undefined or null are abstentions; the rest must match the question's answer schema. */
function validAnswers(question: QuestionSettings, answers: readonly unknown[]): unknown[] {
  const schema = answerSchema(question);
  const out: unknown[] = [];
  answers.forEach((a, i) => {
    if (a === undefined || a === null) return;
    const r = schema.safeParse(a);
    if (!r.success) {
      throw badInput(
        `answer ${i} to '${question.name}': ${r.error.issues[0]?.message ?? 'invalid'}`,
        undefined,
        {
          question: question.name,
          answer: i,
        },
      );
    }
    out.push(r.data);
  });
  return out;
}

/**
 * One final value from several annotators' answers to one question of one record. Pure: no I/O.
 * label → majority vote; multi_label → per-label majority; rating → lower median; span → character
 * vote; ranking → Borda count; preference → majority over choices; text → not aggregated (undefined,
 * method 'reviewer': a person picks or writes the correction).
 */
export function aggregate(
  question: QuestionSettings,
  answers: readonly unknown[],
  options: AggregateOptions = {},
): AggregateResult {
  if (options.method === 'dawid_skene') {
    throw usage(
      question.type === 'label'
        ? `Dawid–Skene needs all items at once: use aggregateLabelsDawidSkene for '${question.name}'`
        : `Dawid–Skene applies to label questions, not ${question.type} ('${question.name}')`,
    );
  }
  if (question.type === 'text')
    return { value: undefined, method: 'reviewer', confidence: undefined, tied: false };
  const valid = validAnswers(question, answers);
  switch (question.type) {
    case 'label': {
      const r = majorityVote(
        valid as string[],
        question.options.map((o) => o.value),
      );
      return { value: r.value, method: 'majority', confidence: r.confidence, tied: r.tied };
    }
    case 'multi_label': {
      if (valid.length === 0) return { value: undefined, method: 'majority', confidence: 0, tied: false };
      const r = multiLabelVote(
        valid as string[][],
        question.options.map((o) => o.value),
        options.threshold,
      );
      return { value: r.value, method: 'majority', confidence: r.confidence, tied: r.tied };
    }
    case 'rating': {
      const r = ratingMedian(valid as number[], question.values, options.ratingTolerance);
      return { value: r.value, method: 'median', confidence: r.confidence, tied: r.tied };
    }
    case 'span': {
      if (valid.length === 0) return { value: undefined, method: 'span_vote', confidence: 0, tied: false };
      const r = spanVote(valid as Span[][], {
        allowOverlap: question.allowOverlap,
        threshold: options.threshold,
        labels: question.labels.map((l) => l.value),
      });
      // Final spans in the answer shape; per-span confidence stays available from spanVote.
      const value = r.value.map(({ start, end, label }) => ({ start, end, label }));
      return { value, method: 'span_vote', confidence: r.confidence, tied: r.tied };
    }
    case 'ranking': {
      const r = bordaCount(
        valid as RankedOption[][],
        question.options.map((o) => o.value),
      );
      const value = r.value.length === 0 ? undefined : r.value;
      return { value, method: RANKING_METHOD, confidence: r.confidence, tied: r.tied };
    }
    case 'preference': {
      const r = preferenceVote(valid as PreferenceValue[]);
      return { value: r.value, method: 'majority', confidence: r.confidence, tied: r.tied };
    }
  }
}

/** One annotator's answer to a label question, for the Dawid–Skene batch. */
export interface AnnotatorAnswer {
  annotator: string;
  value: unknown;
}

export interface LabelBatchResult {
  /** One result per item, in input order (value undefined for an item no one answered). */
  results: AggregateResult[];
  /** Annotator names by code: `model.confusion` and `model.accuracy` are indexed by position here. */
  annotators: string[];
  model: DawidSkeneResult;
}

/**
 * Dawid–Skene over every item of a label question at once: encodes labels as option indexes and
 * annotators in order of first appearance, then runs `dawidSkene`. `tied` marks an item whose two
 * best classes have exactly equal posteriors (the lower option index wins).
 */
export function aggregateLabelsDawidSkene(
  question: QuestionSettings,
  items: readonly (readonly AnnotatorAnswer[])[],
  options: DawidSkeneOptions = {},
): LabelBatchResult {
  if (question.type !== 'label') throw usage(`Dawid–Skene applies to label questions, not ${question.type}`);
  const values = question.options.map((o) => o.value);
  const code = new Map(values.map((v, i) => [v, i] as const));
  const annotators: string[] = [];
  const annotatorCode = new Map<string, number>();
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  items.forEach((answers, i) => {
    for (const a of answers) {
      if (a.value === undefined || a.value === null) continue;
      const c = typeof a.value === 'string' ? code.get(a.value) : undefined;
      if (c === undefined) {
        throw badInput(
          `item ${i}, annotator '${a.annotator}': ${JSON.stringify(a.value)} is not an option of '${question.name}'`,
        );
      }
      let who = annotatorCode.get(a.annotator);
      if (who === undefined) {
        who = annotators.push(a.annotator) - 1;
        annotatorCode.set(a.annotator, who);
      }
      item.push(i);
      annotator.push(who);
      label.push(c);
    }
  });
  const model = dawidSkene(
    {
      items: items.length,
      annotators: annotators.length,
      classes: values.length,
      item: Int32Array.from(item),
      annotator: Int32Array.from(annotator),
      label: Int32Array.from(label),
    },
    options,
  );
  const k = values.length;
  const results = Array.from(model.labels, (c, i): AggregateResult => {
    if (c < 0) return { value: undefined, method: 'dawid_skene', confidence: 0, tied: false };
    const p = model.posteriors.subarray(i * k, i * k + k);
    const tied = p.some((x, j) => j !== c && x === p[c]);
    return { value: values[c], method: 'dawid_skene', confidence: model.confidence[i]!, tied };
  });
  return { results, annotators, model };
}
