import { z } from 'zod';
import { questionSettings } from '../questions.js';
import { recordStatus } from '../record.js';
import { countsByStatus } from './datasets.js';
import { storedText } from './stored.js';

/** What one person did on a dataset (`src/stages/quality/progress.ts`). */
export const annotatorProgress = z.object({
  username: z.string(),
  submitted: z.number().int(),
  discarded: z.number().int(),
  drafts: z.number().int(),
  skipped: z.number().int(),
  /** Median milliseconds per submitted response, null before the first. */
  medianTimeMs: z.number().nullable(),
  meanTimeMs: z.number().nullable(),
  lastAt: z.number().nullable(),
});
export type AnnotatorProgress = z.infer<typeof annotatorProgress>;

/** `GET /api/datasets/{name}/progress`; annotators get only their own row in `annotators`. */
export const progress = z.object({
  dataset: z.string(),
  total: z.number().int(),
  byStatus: countsByStatus,
  responsesPerRecord: z.number().int(),
  /** Submitted (or discarded) responses the dataset still needs to reach its overlap. */
  remainingResponses: z.number().int(),
  /** Records with all their responses and no final decision yet. */
  awaitingReview: z.number().int(),
  annotators: z.array(annotatorProgress),
});
export type Progress = z.infer<typeof progress>;

/** A 95% interval: [low, high]. */
export const interval = z.tuple([z.number(), z.number()]);
export type Interval = z.infer<typeof interval>;

/** Agreement, answers given and why there is no figure, for one question (`src/stages/quality/qa.ts`). */
export const questionQa = z.object({
  question: z.string(),
  type: z.enum(questionSettings.options.map((q) => q.shape.type.value)),
  /** Records with at least two answers to this question. */
  items: z.number().int(),
  /** Krippendorff's alpha at the question's level with a 95% bootstrap interval, when defined. */
  agreement: z
    .object({
      level: z.enum(['nominal', 'ordinal', 'interval', 'ratio']),
      alpha: z.number(),
      interval: interval.nullable(),
    })
    .nullable(),
  /** Why there is no agreement figure, when there is none. */
  note: z.string().optional(),
  /** How often each answer was given (label, rating, preference choice; multi-label per label). */
  distribution: z.array(z.object({ value: z.string(), count: z.number().int(), share: z.number() })),
});
export type QuestionQa = z.infer<typeof questionQa>;

/** An annotator's answers on gold records against the known answers (`src/stats/gold-accuracy.ts`). */
export const goldAccuracy = z.object({
  username: z.string(),
  /** Gold records answered (submitted or discarded). */
  records: z.number().int(),
  /** Answers to gold questions compared with the known answer. */
  compared: z.number().int(),
  correct: z.number().int(),
  accuracy: z.number().nullable(),
  interval: interval.nullable(),
  /** Clearly below the dataset's bar: even the interval's upper end is under it. */
  flagged: z.boolean(),
});
export type GoldAccuracy = z.infer<typeof goldAccuracy>;

export const annotatorQa = z.object({
  username: z.string(),
  records: z.number().int(),
  discarded: z.number().int(),
  medianTimeMs: z.number().nullable(),
  gold: goldAccuracy.nullable(),
  /** How often their answer matched the majority of the others on the same record and question. */
  consensus: z.object({
    compared: z.number().int(),
    agreed: z.number().int(),
    rate: z.number().nullable(),
    interval: interval.nullable(),
  }),
  /** Why they are paused on this dataset, or null. */
  paused: z.string().nullable(),
});
export type AnnotatorQa = z.infer<typeof annotatorQa>;

/** `GET /api/datasets/{name}/qa` (reviewers, admins, owners). */
export const qaReport = z.object({
  dataset: z.string(),
  records: z.number().int(),
  /** Records with at least one answer (gold records left out of every figure but gold accuracy). */
  answered: z.number().int(),
  questions: z.array(questionQa),
  annotators: z.array(annotatorQa),
  /** The most disputed records still undecided: the head of the reviewers' (adjudication) queue. */
  disputed: z.array(
    z.object({
      id: z.number().int(),
      externalId: z.string(),
      disagreement: z.number(),
      status: storedText(recordStatus),
    }),
  ),
  /** The sampled second review's estimate of the error rate of accepted records. */
  secondReview: z.object({
    reviewed: z.number().int(),
    disagreed: z.number().int(),
    errorRate: z.number().nullable(),
    interval: interval.nullable(),
  }),
});
export type QaReport = z.infer<typeof qaReport>;
