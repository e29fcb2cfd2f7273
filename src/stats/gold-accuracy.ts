import type { GoldAnswer } from '../core/annotation.js';
import { answerKey } from '../core/answer-compare.js';
import { own } from '../core/own.js';
import type { DatasetSettings } from '../core/settings.js';
import { wilsonInterval } from './intervals.js';

export interface GoldAccuracy {
  username: string;
  /** Gold records answered (submitted or discarded). */
  records: number;
  /** Answers to gold questions compared with the known answer. */
  compared: number;
  correct: number;
  accuracy: number | null;
  /** 95% Wilson interval of the accuracy. */
  interval: [number, number] | null;
  /** At least `minAnswers` gold records, and even the interval's upper end is below `minAccuracy`. */
  flagged: boolean;
}

/**
 * Per-annotator accuracy on gold records: every question the gold record has an answer for counts
 * once (a discarded gold record counts every one of them wrong). An annotator is flagged only when
 * the evidence is clear — the upper end of the 95% Wilson interval below the threshold — so a few
 * unlucky answers never pause anyone.
 */
export function goldAccuracy(settings: DatasetSettings, answers: GoldAnswer[]): GoldAccuracy[] {
  const gold = settings.quality?.gold;
  const byUser = new Map<number, GoldAnswer[]>();
  for (const a of answers) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
  const out: GoldAccuracy[] = [];
  for (const list of byUser.values()) {
    let compared = 0;
    let correct = 0;
    for (const a of list) {
      for (const q of settings.questions) {
        const known = own(a.gold, q.name);
        if (known === undefined) continue;
        compared++;
        const given = own(a.values, q.name);
        if (a.status === 'submitted' && given !== undefined && answerKey(q, given) === answerKey(q, known))
          correct++;
      }
    }
    const interval = compared ? wilsonInterval(correct, compared) : null;
    out.push({
      username: list[0]!.username,
      records: list.length,
      compared,
      correct,
      accuracy: compared ? correct / compared : null,
      interval,
      flagged: Boolean(gold && interval && list.length >= gold.minAnswers && interval[1] < gold.minAccuracy),
    });
  }
  return out.sort((a, b) => a.username.localeCompare(b.username));
}
