import type { QuestionSettings } from '../../core/questions.js';
import { computeAgreement } from './compute.js';
import type { Judgement, Level, ReliabilityData } from './data.js';

/**
 * Agreement per question, one definition for every place that reports it (`tandem qa`, the
 * dataset card of a release): which question types have a figure, at which level of measurement,
 * what one answer contributes as judgements, and Krippendorff's alpha with its bootstrap interval.
 */

export const AGREEMENT_LEVEL: Partial<Record<QuestionSettings['type'], Level>> = {
  label: 'nominal',
  multi_label: 'nominal',
  rating: 'ordinal',
  preference: 'nominal',
};

/** The judgements one submitted answer to `q` on record `record` gives. */
export function judgementsOf(q: QuestionSettings, record: number, user: string, v: unknown): Judgement[] {
  if (v === undefined) return [];
  if (q.type === 'label' || q.type === 'rating')
    return [{ item: record, annotator: user, value: v as string | number }];
  if (q.type === 'preference')
    return [{ item: record, annotator: user, value: (v as { choice: string }).choice }];
  if (q.type === 'multi_label')
    // One binary judgement per option: alpha over "did they pick it".
    return q.options.map((o) => ({
      item: `${record}:${o.value}`,
      annotator: user,
      value: (v as string[]).includes(o.value),
    }));
  return [];
}

export type QuestionAgreement =
  | { level: Level; alpha: number; interval: [number, number] | null }
  | { note: string };

/** Alpha with a 95% bootstrap interval (seeded: the same answers give the same figures). */
export function questionAgreement(
  q: QuestionSettings,
  items: number,
  data: () => ReliabilityData,
): QuestionAgreement {
  const level = AGREEMENT_LEVEL[q.type];
  if (!level) return { note: `no agreement figure for ${q.type} questions; see the disputed records` };
  if (items === 0) return { note: 'no record has two answers yet' };
  try {
    const r = computeAgreement(data(), { metric: 'krippendorff', level, ci: { resamples: 500 } });
    return { level, alpha: r.value, interval: r.ci };
  } catch (e) {
    return { note: (e as Error).message };
  }
}
