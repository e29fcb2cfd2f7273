/**
 * Agreement between annotators on one question, as the review screen marks it. Answers are compared
 * by the server's own rule (`answerKey` in `src/core/answer-compare.ts`, which also computes the
 * disagreement that orders the review queue): label sets and spans ignore order, text ignores
 * surrounding white space, and a preference answer is its choice (its strength is shown, not
 * compared).
 */

import { answerKey } from '../../../src/core/answer-compare.js';
import { own } from '../../../src/core/own.js';
import type { QuestionSettings, ResponseView } from '../api/types.js';

export type CellAgreement = 'agree' | 'disagree' | 'missing';

export interface QuestionAgreement {
  /** Every response that answered gave the same answer (and at least two answered). */
  unanimous: boolean;
  /** How many responses answered. */
  answered: number;
  /** Per response id. */
  cells: Map<number, CellAgreement>;
}

/** A string that is equal for two values exactly when they mean the same answer to `question`. */
export const canonicalValue = (question: QuestionSettings, value: unknown): string =>
  answerKey(question, value);

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Responses that agree with the majority answer are `agree`, others `disagree`. With no single
 * largest group (a tie between answers) nobody is the majority and every answer disagrees.
 */
export function agreementFor(question: QuestionSettings, responses: ResponseView[]): QuestionAgreement {
  const cells = new Map<number, CellAgreement>();
  const groups = new Map<string, number[]>();
  for (const r of responses) {
    const value = own(r.values, question.name);
    if (r.status === 'discarded' || isMissing(value)) {
      cells.set(r.id, 'missing');
      continue;
    }
    const key = canonicalValue(question, value);
    groups.set(key, [...(groups.get(key) ?? []), r.id]);
  }
  const sizes = [...groups.values()].map((g) => g.length).sort((a, b) => b - a);
  const answered = sizes.reduce((a, b) => a + b, 0);
  const top = sizes[0] ?? 0;
  const hasMajority = top > 0 && (sizes[1] ?? 0) < top;
  for (const ids of groups.values()) {
    const agree = groups.size === 1 || (hasMajority && ids.length === top);
    for (const id of ids) cells.set(id, agree ? 'agree' : 'disagree');
  }
  return { unanimous: groups.size === 1 && answered >= 2, answered, cells };
}
