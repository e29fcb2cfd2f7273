import { type ComparedAnswer, disagreementOf } from './answer-compare.js';
import { badInput, TandemError } from './errors.js';
import type { QuestionSettings } from './questions.js';
import type { FinalValues, RecordStatus } from './record.js';
import { RECORD_STATUSES } from './record-statuses.js';

/**
 * The record lifecycle: which events may happen to a record in which state, and what each does to
 * it. Pure: the store reads a record's state (in the statement it runs anyway), asks `transition`,
 * and writes the change it returns in one UPDATE. Writes over many records at once (checks over a
 * dataset) put `statusesFor(event)` in their WHERE clause, so they say the same rule.
 *
 *   new ─checks─► checked | flagged ─first answer─► in_review ─decision─► accepted | rejected
 *                                                      ▲    ◄─return──┘        │
 *                                                      └── second review or audit disputes ◄┘
 *   any ─retire─► retired ─restore─► new          any ─erase─► erased (final)
 */

/** Statuses in which a record takes no answers and no leases: decided, withdrawn or erased. */
export const CLOSED_STATUSES = [
  'accepted',
  'rejected',
  'retired',
  'erased',
] as const satisfies RecordStatus[];
/** Statuses before anyone answered: automatic checks may still move a record between them. */
export const UNREVIEWED_STATUSES = ['new', 'checked', 'flagged'] as const satisfies RecordStatus[];

export const isClosed = (status: RecordStatus): boolean =>
  (CLOSED_STATUSES as readonly RecordStatus[]).includes(status);
const isUnreviewed = (status: RecordStatus): boolean =>
  (UNREVIEWED_STATUSES as readonly RecordStatus[]).includes(status);

export type SecondReviewState = 'pending' | 'agreed' | 'disagreed';

/** What the rules need to know about a record. */
export interface RecordState {
  id: number;
  status: RecordStatus;
  /** A gold record: decided by construction, answered only to measure annotators. */
  gold: boolean;
  /** Answers still wanted in the annotation round; null = the whole overlap. */
  openSlots: number | null;
  secondReview: SecondReviewState | null;
  /** The user id of whoever decided the record, when a person did. */
  decidedBy: number | null;
}

/** Everything that can happen to a record, with the facts each rule needs. */
export type LifecycleEvent =
  /** The automatic checks scored the record: a failed check flags it. */
  | { type: 'checked'; failed: boolean }
  /** A queue hands the record out (a lease on one of its open slots). */
  | { type: 'leased' }
  /**
   * An annotator saves an answer (a draft, a submission or a discard). They may if they hold the
   * record, answered it before, or a slot is free (`freeSlots`, counted only when the first two fail).
   */
  | {
      type: 'answered';
      holds: boolean;
      answeredBefore: boolean;
      freeSlots?: number;
      wanted: number;
      /** Who answers: a paused member answers nothing; one limited to languages answers only those. */
      answerer: Answerer;
      /** The record's language (null: any answerer's). */
      language: string | null;
    }
  /** After a submission or discard: the round's final answers, counted against the overlap. */
  | { type: 'answers_counted'; answers: ComparedAnswer[]; wanted: number; questions: QuestionSettings[] }
  /** An annotator passes on the record: the slot their lease held is free again. */
  | { type: 'skipped' }
  /** A reviewer decides: accept (one answer, or their own edit) or reject. */
  | {
      type: 'decided';
      outcome: 'accepted' | 'rejected';
      reviewerId: number | null;
      finalValues: FinalValues | null;
      /** Whether an accepted record is sampled for a second review (a fixed hash of its id). */
      sampledForSecondReview: boolean;
      /** The reviewer answered the record themselves: they never judge their own answer. */
      reviewerAnswered: boolean;
    }
  /** A reviewer sends the record back to annotators; `answers` are those still counted. */
  | { type: 'returned'; answers: number; wanted: number }
  /** A second reviewer's verdict on an accepted, sampled record. */
  | { type: 'second_reviewed'; verdict: 'agree' | 'disagree'; reviewerId: number; reviewerAnswered: boolean }
  /**
   * A status set for many records at once from the records list: the same rules as a decision.
   * `finalValues` are those the record would be accepted with (its own, or its answers' when they agree).
   */
  | {
      type: 'status_set';
      status: 'accepted' | 'rejected';
      reviewerAnswered: boolean;
      finalValues: FinalValues | null;
    }
  /** The record becomes gold: its known answers are its final values. */
  | { type: 'gold_set'; goldValues: Record<string, unknown>; finalValues: FinalValues }
  /** Answers aggregated into final values (majority, Dawid–Skene…); accepted when sure enough. */
  | { type: 'aggregated'; finalValues: FinalValues; accept: boolean }
  /** Its fields, metadata or language corrected in place. */
  | { type: 'content_edited' }
  /** A factual audit found an accepted record wrong: back to the reviewers, first in line. */
  | { type: 'audit_disputed' }
  /** Withdrawn from future releases (releases already made keep it). */
  | { type: 'retired' }
  /** A retired record comes back, to go through checks and review again. */
  | { type: 'restored' }
  /** Its content removed on an erasure request; only a tombstone stays. */
  | { type: 'erased' };

export type LifecycleEventType = LifecycleEvent['type'];

/** What the rules need to know about who answers. */
export interface Answerer {
  /** Why they are paused on the record's dataset (low accuracy on gold), or null. */
  paused: string | null;
  /** The languages they answer; empty: all. */
  languages: readonly string[];
}

const OWN_ANSWER = 'a reviewer never decides a record they answered';

/** What an event does to a record. Absent keys stay as they are. */
export interface RecordChange {
  status?: RecordStatus;
  openSlots?: number | null;
  /** How much the answers disagree (orders the review queue). */
  disagreement?: number;
  /**
   * The queue's `full_until` hint: `recount` from the live leases against the new open slots,
   * `clear` when a slot was freed. The hint is the store's; the rule says when it is stale.
   */
  fullUntil?: 'recount' | 'clear';
  decidedBy?: number | null;
  secondReview?: SecondReviewState;
  finalValues?: FinalValues | null;
  goldValues?: Record<string, unknown>;
  /** A change others must notice (an annotator's stale save of the record is refused). */
  bumpsVersion: boolean;
}

const NONE: RecordChange = { bumpsVersion: false };

/** A transition the rules do not allow: HTTP 409, exit 1; the message says why in the record's terms. */
export function invalidTransition(state: RecordState, event: LifecycleEventType, why: string): TandemError {
  return new TandemError('invalid_transition', why, {
    details: { recordId: state.id, status: state.status, event },
  });
}

/**
 * What `event` does to a record in `state`. Throws `invalid_transition` when the rules do not allow
 * it; returns a change with nothing in it when the event is allowed and leaves the record as it is.
 */
export function transition(state: RecordState, event: LifecycleEvent): RecordChange {
  const refuse = (why: string) => invalidTransition(state, event.type, why);
  if (state.status === 'erased') throw refuse(`record ${state.id} was erased`);
  switch (event.type) {
    case 'checked': {
      // A check never overrides a person: only records nobody answered yet move.
      if (!isUnreviewed(state.status)) return NONE;
      const status = event.failed ? 'flagged' : 'checked';
      return status === state.status ? NONE : { status, bumpsVersion: true };
    }
    case 'leased':
      if (isClosed(state.status) && !state.gold)
        throw refuse(`record ${state.id} is ${state.status}; it is not handed out`);
      return NONE;
    case 'answered': {
      const who = event.answerer;
      if (who.paused)
        throw new TandemError(
          'paused',
          `you are paused on this dataset: ${who.paused}. An admin can resume you.`,
        );
      if (who.languages.length && event.language !== null && !who.languages.includes(event.language))
        throw new TandemError(
          'forbidden',
          `record ${state.id} is in '${event.language}'; you answer records in ${who.languages.join(', ')}`,
        );
      // A gold record is decided by construction, yet takes answers as any record waiting for them
      // would: an annotator must not tell it apart by being refused (its answers only measure them).
      if (state.gold) return NONE;
      if (isClosed(state.status))
        throw refuse(`record ${state.id} is already ${state.status}; it takes no more answers`);
      if (!event.holds && !event.answeredBefore && (event.freeSlots ?? 0) <= 0)
        throw new TandemError(
          'conflict',
          `record ${state.id} already has the ${event.wanted} answer${event.wanted > 1 ? 's' : ''} it needs`,
          {
            details: { recordId: state.id },
          },
        );
      return NONE;
    }
    case 'answers_counted': {
      if (isClosed(state.status))
        throw refuse(`record ${state.id} is already ${state.status}; it takes no more answers`);
      const open = Math.max(event.wanted - event.answers.length, 0);
      const toReview = isUnreviewed(state.status);
      return {
        openSlots: open,
        fullUntil: 'recount',
        // Once the last answer is in, how much the answers disagree orders the review queue.
        ...(open === 0 ? { disagreement: disagreementOf(event.questions, event.answers) } : {}),
        // The first answer takes the record into review.
        ...(toReview ? { status: 'in_review' as const } : {}),
        bumpsVersion: toReview,
      };
    }
    case 'skipped':
      return { fullUntil: 'clear', bumpsVersion: false };
    case 'decided': {
      if (isClosed(state.status)) throw refuse(`record ${state.id} was already ${state.status}`);
      if (event.reviewerAnswered) throw new TandemError('forbidden', OWN_ANSWER);
      if (event.outcome === 'accepted' && event.finalValues === null)
        throw refuse(`record ${state.id} has no final values to accept`);
      // A record is sampled once; one already disputed in a second review is not sampled again.
      const sample =
        event.outcome === 'accepted' && state.secondReview === null && event.sampledForSecondReview;
      return {
        status: event.outcome,
        openSlots: 0,
        decidedBy: event.reviewerId,
        finalValues: event.finalValues,
        ...(sample ? { secondReview: 'pending' as const } : {}),
        bumpsVersion: true,
      };
    }
    case 'returned':
      if (isClosed(state.status)) throw refuse(`record ${state.id} was already ${state.status}`);
      return {
        status: 'in_review',
        openSlots: Math.max(event.wanted - event.answers, 0),
        fullUntil: 'recount',
        bumpsVersion: true,
      };
    case 'second_reviewed':
      if (state.secondReview !== 'pending' || state.status !== 'accepted')
        throw refuse(`record ${state.id} is not waiting for a second review`);
      if (state.decidedBy === event.reviewerId)
        throw badInput('a second review needs someone other than who decided');
      if (event.reviewerAnswered) throw new TandemError('forbidden', OWN_ANSWER);
      return event.verdict === 'agree'
        ? { secondReview: 'agreed', bumpsVersion: true }
        : // Disputed: back to the reviewers, first in line.
          { secondReview: 'disagreed', ...disputed, bumpsVersion: true };
    case 'status_set':
      if (state.status === 'retired') throw refuse(`record ${state.id} is retired; restore it first`);
      // A decided record stays decided: a bulk action does not flip it.
      if (isClosed(state.status)) throw refuse(`record ${state.id} was already ${state.status}`);
      if (event.reviewerAnswered) throw new TandemError('forbidden', OWN_ANSWER);
      if (event.status === 'rejected') return { status: 'rejected', openSlots: 0, bumpsVersion: true };
      if (state.status !== 'in_review')
        throw refuse(`record ${state.id} is ${state.status}; only a record with its answers in is accepted`);
      if (event.finalValues === null)
        throw refuse(`record ${state.id}: its answers disagree; decide it in review`);
      return { status: 'accepted', openSlots: 0, finalValues: event.finalValues, bumpsVersion: true };
    case 'gold_set':
      return {
        status: 'accepted',
        openSlots: 0,
        goldValues: event.goldValues,
        finalValues: event.finalValues,
        bumpsVersion: true,
      };
    case 'aggregated':
      if (state.status !== 'in_review')
        throw refuse(`record ${state.id} is ${state.status}; only records in review are aggregated`);
      return {
        finalValues: event.finalValues,
        ...(event.accept ? { status: 'accepted' as const } : {}),
        bumpsVersion: true,
      };
    case 'content_edited':
      return { bumpsVersion: true };
    case 'audit_disputed':
      if (state.status !== 'accepted') throw refuse(`record ${state.id} is ${state.status}, not accepted`);
      return { ...disputed, bumpsVersion: true };
    case 'retired':
      if (state.status === 'retired') throw refuse(`record ${state.id} is already retired`);
      return { status: 'retired', openSlots: 0, fullUntil: 'clear', bumpsVersion: true };
    case 'restored':
      if (state.status !== 'retired') throw refuse(`record ${state.id} is ${state.status}, not retired`);
      // Its content may have changed while it was out: it goes through checks and review again.
      return { status: 'new', openSlots: null, fullUntil: 'clear', bumpsVersion: true };
    case 'erased':
      return { status: 'erased', openSlots: 0, fullUntil: 'clear', bumpsVersion: true };
  }
}

/** An accepted record someone found wrong: back in review with its answers in, first in line. */
const disputed = { status: 'in_review', openSlots: 0, disagreement: 1 } as const;

/**
 * The statuses from which `event` changes a record, for writes over many records at once: their
 * WHERE clause names these, so a set-based write follows the same rule as `transition`.
 */
export function statusesChangedBy(event: LifecycleEvent): RecordStatus[] {
  return RECORD_STATUSES.filter((status) => {
    try {
      const change = transition(probe(status), event);
      return change.status !== undefined && change.status !== status;
    } catch {
      return false;
    }
  });
}

/** The statuses from which `event` is allowed at all (whether or not it changes the status). */
export function statusesAllowing(event: LifecycleEvent): RecordStatus[] {
  return RECORD_STATUSES.filter((status) => {
    try {
      transition(probe(status), event);
      return true;
    } catch {
      return false;
    }
  });
}

const probe = (status: RecordStatus): RecordState => ({
  id: 0,
  status,
  gold: false,
  openSlots: null,
  secondReview: null,
  decidedBy: null,
});
