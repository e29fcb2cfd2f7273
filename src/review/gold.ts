import type { DatasetSettings } from '../core/settings.js';
import { wilsonInterval } from '../stats/intervals.js';
import type { GoldAnswer } from '../store/gold.js';
import { answerKey } from './disagreement.js';

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
        const known = a.gold[q.name];
        if (known === undefined) continue;
        compared++;
        const given = a.values[q.name];
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

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Why an annotator is paused, in words an admin can act on. */
export function pauseReason(a: GoldAccuracy, minAccuracy: number): string {
  return `accuracy on gold records ${pct(a.accuracy ?? 0)} (95% interval ${pct(a.interval![0])}–${pct(a.interval![1])}) over ${a.records} records, below ${pct(minAccuracy)}`;
}

/**
 * Whether the next record is a gold one: a hash of who asks, which record would come next and how
 * many gold records they have seen, below the rate. Deterministic (a reload gives the same answer)
 * but not a pattern an annotator can learn.
 */
export function pickGold(rate: number, userId: number, nextRecordId: number, goldSeen: number): boolean {
  if (rate <= 0) return false;
  let h = 2166136261;
  for (const n of [userId, nextRecordId, goldSeen]) {
    h = Math.imul(h ^ (n & 0xffff), 16777619);
    h = Math.imul(h ^ (n >>> 16), 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 2 ** 32 < rate;
}
