/** What the annotator did here, and what the dataset still needs (the status bar's figures). */
export interface Tally {
  /** Records this annotator submitted. */
  done: number;
  records: number;
  /** Answers the dataset still needs from anyone to reach its overlap. */
  remaining: number;
}

export type Answered = 'submitted' | 'discarded' | null;

/** The tally after one more answer: a submit counts as done, a submit or discard fills a slot. */
export const countAnswer = (t: Tally, answered: Answered): Tally =>
  answered === null
    ? t
    : {
        ...t,
        done: t.done + (answered === 'submitted' ? 1 : 0),
        remaining: Math.max(0, t.remaining - 1),
      };
