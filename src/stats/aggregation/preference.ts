import type { PreferenceValue } from '../../core/values.js';
import { majorityVote } from './majority.js';

/**
 * Majority over the choices of a preference question ('A', 'B' or 'tie').
 *
 * Tie rule: when two or more choices share the highest count, the result is the choice 'tie' and
 * `tied: true`. Picking A or B by a fixed rule would tilt the data towards one position; 'tie' is
 * what exports already treat as "no chosen/rejected pair", and adjudication can still decide.
 *
 * Strength (slight < clear < strong): the lower median of the strengths given by the annotators who
 * made the winning choice; omitted when the result is 'tie' or none of them gave one.
 */

export interface PreferenceVoteResult {
  value: PreferenceValue | undefined;
  /** Share of annotators who made the resulting choice (0 for a tie no one chose, or no answers). */
  confidence: number;
  tied: boolean;
}

const strengths = ['slight', 'clear', 'strong'] as const;

export function preferenceVote(answers: readonly PreferenceValue[]): PreferenceVoteResult {
  const vote = majorityVote(
    answers.map((a) => a.choice),
    ['tie', 'A', 'B'],
  );
  if (vote.value === undefined) return { value: undefined, confidence: 0, tied: false };
  const choice = (vote.tied ? 'tie' : vote.value) as PreferenceValue['choice'];
  const confidence = (vote.counts.get(choice) ?? 0) / answers.length;
  if (choice === 'tie') return { value: { choice }, confidence, tied: vote.tied };
  const given = answers
    .filter((a) => a.choice === choice && a.strength !== undefined)
    .map((a) => strengths.indexOf(a.strength!))
    .sort((x, y) => x - y);
  const strength = given.length === 0 ? undefined : strengths[given[(given.length - 1) >> 1]!];
  return { value: strength ? { choice, strength } : { choice }, confidence, tied: false };
}
