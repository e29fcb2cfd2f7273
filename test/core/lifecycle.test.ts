import { describe, expect, it } from 'vitest';
import {
  CLOSED_STATUSES,
  type LifecycleEvent,
  type RecordChange,
  type RecordState,
  statusesAllowing,
  statusesChangedBy,
  transition,
} from '../../src/core/lifecycle.js';
import type { QuestionSettings } from '../../src/core/questions.js';
import type { FinalValues, RecordStatus } from '../../src/core/record.js';

const state = (status: RecordStatus, more: Partial<RecordState> = {}): RecordState => ({
  id: 7,
  status,
  gold: false,
  openSlots: null,
  secondReview: null,
  decidedBy: null,
  ...more,
});

const sentiment: QuestionSettings = {
  name: 'sentiment',
  type: 'label',
  required: true,
  options: [{ value: 'positive' }, { value: 'negative' }],
};
const anyone = { paused: null, languages: [] };
const answer = (v: string) => ({ status: 'submitted' as const, values: { sentiment: v } });
const final: FinalValues = {
  sentiment: { value: 'positive', method: 'reviewer', decidedBy: 'rev', at: 'now' },
};

const ev = {
  passed: { type: 'checked', failed: false },
  failed: { type: 'checked', failed: true },
  leased: { type: 'leased' },
  answerHeld: {
    type: 'answered',
    holds: true,
    answeredBefore: false,
    wanted: 2,
    answerer: anyone,
    language: 'fr',
  },
  answerFree: {
    type: 'answered',
    holds: false,
    answeredBefore: false,
    freeSlots: 1,
    wanted: 2,
    answerer: anyone,
    language: 'fr',
  },
  answerFull: {
    type: 'answered',
    holds: false,
    answeredBefore: false,
    freeSlots: 0,
    wanted: 2,
    answerer: anyone,
    language: 'fr',
  },
  answerPaused: {
    type: 'answered',
    holds: true,
    answeredBefore: false,
    wanted: 2,
    answerer: { paused: 'accuracy 40% on gold', languages: [] },
    language: 'fr',
  },
  answerOtherLanguage: {
    type: 'answered',
    holds: false,
    answeredBefore: false,
    freeSlots: 1,
    wanted: 2,
    answerer: { paused: null, languages: ['en'] },
    language: 'fr',
  },
  answerOwnLanguage: {
    type: 'answered',
    holds: false,
    answeredBefore: false,
    freeSlots: 1,
    wanted: 2,
    answerer: { paused: null, languages: ['en', 'fr'] },
    language: 'fr',
  },
  answerNoLanguage: {
    type: 'answered',
    holds: false,
    answeredBefore: false,
    freeSlots: 1,
    wanted: 2,
    answerer: { paused: null, languages: ['en'] },
    language: null,
  },
  firstOfTwo: { type: 'answers_counted', answers: [answer('positive')], wanted: 2, questions: [sentiment] },
  lastOfTwo: {
    type: 'answers_counted',
    answers: [answer('positive'), answer('negative')],
    wanted: 2,
    questions: [sentiment],
  },
  skipped: { type: 'skipped' },
  accept: {
    type: 'decided',
    outcome: 'accepted',
    reviewerId: 3,
    finalValues: final,
    sampledForSecondReview: false,
    reviewerAnswered: false,
  },
  acceptOwn: {
    type: 'decided',
    outcome: 'accepted',
    reviewerId: 3,
    finalValues: final,
    sampledForSecondReview: false,
    reviewerAnswered: true,
  },
  acceptNothing: {
    type: 'decided',
    outcome: 'accepted',
    reviewerId: 3,
    finalValues: null,
    sampledForSecondReview: false,
    reviewerAnswered: false,
  },
  acceptSampled: {
    type: 'decided',
    outcome: 'accepted',
    reviewerId: 3,
    finalValues: final,
    sampledForSecondReview: true,
    reviewerAnswered: false,
  },
  reject: {
    type: 'decided',
    outcome: 'rejected',
    reviewerId: 3,
    finalValues: null,
    sampledForSecondReview: true,
    reviewerAnswered: false,
  },
  rejectOwn: {
    type: 'decided',
    outcome: 'rejected',
    reviewerId: 3,
    finalValues: null,
    sampledForSecondReview: true,
    reviewerAnswered: true,
  },
  returned: { type: 'returned', answers: 1, wanted: 2 },
  agree: { type: 'second_reviewed', verdict: 'agree', reviewerId: 4, reviewerAnswered: false },
  agreeOwn: { type: 'second_reviewed', verdict: 'agree', reviewerId: 4, reviewerAnswered: true },
  disagree: { type: 'second_reviewed', verdict: 'disagree', reviewerId: 4, reviewerAnswered: false },
  bulkAccept: { type: 'status_set', status: 'accepted', reviewerAnswered: false, finalValues: final },
  bulkAcceptNothing: { type: 'status_set', status: 'accepted', reviewerAnswered: false, finalValues: null },
  bulkAcceptOwn: { type: 'status_set', status: 'accepted', reviewerAnswered: true, finalValues: final },
  bulkReject: { type: 'status_set', status: 'rejected', reviewerAnswered: false, finalValues: null },
  gold: { type: 'gold_set', goldValues: { sentiment: 'positive' }, finalValues: final },
  aggregatedSure: { type: 'aggregated', finalValues: final, accept: true },
  aggregatedUnsure: { type: 'aggregated', finalValues: final, accept: false },
  edited: { type: 'content_edited' },
  auditDisputed: { type: 'audit_disputed' },
  retired: { type: 'retired' },
  restored: { type: 'restored' },
  erased: { type: 'erased' },
} satisfies Record<string, LifecycleEvent>;

type Expect = RecordChange | { error: string };
const refused = { error: 'invalid_transition' };
const same: RecordChange = { bumpsVersion: false };

/** [from, event, what happens]: written out by hand, not derived from the code under test. */
const table: [RecordState, keyof typeof ev, Expect][] = [
  // Checks move only records nobody answered; a person's decision stands.
  [state('new'), 'passed', { status: 'checked', bumpsVersion: true }],
  [state('new'), 'failed', { status: 'flagged', bumpsVersion: true }],
  [state('flagged'), 'passed', { status: 'checked', bumpsVersion: true }],
  [state('checked'), 'passed', same],
  [state('flagged'), 'failed', same],
  [state('in_review'), 'failed', same],
  [state('accepted'), 'failed', same],
  [state('rejected'), 'passed', same],
  [state('retired'), 'failed', same],
  [state('erased'), 'failed', refused],
  // Leases: never on a closed record, but a gold record is handed out though it is accepted.
  [state('checked'), 'leased', same],
  [state('in_review'), 'leased', same],
  [state('accepted'), 'leased', refused],
  [state('retired'), 'leased', refused],
  [state('accepted', { gold: true }), 'leased', same],
  // Answers: allowed with a hold, an earlier answer or a free slot.
  [state('new'), 'answerHeld', same],
  [state('in_review'), 'answerFree', same],
  [state('in_review'), 'answerFull', { error: 'conflict' }],
  [state('accepted'), 'answerHeld', refused],
  [state('rejected'), 'answerFree', refused],
  [state('retired'), 'answerHeld', refused],
  [state('accepted', { gold: true }), 'answerHeld', same],
  // Gold takes any answer, as a record waiting for answers would: a refusal would give it away.
  [state('accepted', { gold: true }), 'answerFree', same],
  [state('accepted', { gold: true }), 'answerFull', same],
  // A paused member answers nothing, gold included; a language limit holds wherever answers are written.
  [state('in_review'), 'answerPaused', { error: 'paused' }],
  [state('accepted', { gold: true }), 'answerPaused', { error: 'paused' }],
  [state('in_review'), 'answerOtherLanguage', { error: 'forbidden' }],
  [state('in_review'), 'answerOwnLanguage', same],
  [state('in_review'), 'answerNoLanguage', same],
  // Counting answers: the first takes the record into review, the last closes its slots.
  [
    state('checked'),
    'firstOfTwo',
    { openSlots: 1, fullUntil: 'recount', status: 'in_review', bumpsVersion: true },
  ],
  [
    state('flagged'),
    'firstOfTwo',
    { openSlots: 1, fullUntil: 'recount', status: 'in_review', bumpsVersion: true },
  ],
  [state('in_review'), 'firstOfTwo', { openSlots: 1, fullUntil: 'recount', bumpsVersion: false }],
  [
    state('in_review'),
    'lastOfTwo',
    { openSlots: 0, fullUntil: 'recount', disagreement: 0.5, bumpsVersion: false },
  ],
  [state('accepted'), 'lastOfTwo', refused],
  [state('in_review'), 'skipped', { fullUntil: 'clear', bumpsVersion: false }],
  // Decisions.
  [
    state('in_review'),
    'accept',
    { status: 'accepted', openSlots: 0, decidedBy: 3, finalValues: final, bumpsVersion: true },
  ],
  [
    state('in_review'),
    'acceptSampled',
    {
      status: 'accepted',
      openSlots: 0,
      decidedBy: 3,
      finalValues: final,
      secondReview: 'pending',
      bumpsVersion: true,
    },
  ],
  // Sampled once: a record already disputed in a second review is not sampled again.
  [
    state('in_review', { secondReview: 'disagreed' }),
    'acceptSampled',
    { status: 'accepted', openSlots: 0, decidedBy: 3, finalValues: final, bumpsVersion: true },
  ],
  [
    state('in_review'),
    'reject',
    { status: 'rejected', openSlots: 0, decidedBy: 3, finalValues: null, bumpsVersion: true },
  ],
  [state('accepted'), 'accept', refused],
  [state('rejected'), 'reject', refused],
  // Never one's own answer; never an accept without final values.
  [state('in_review'), 'acceptOwn', { error: 'forbidden' }],
  [state('in_review'), 'rejectOwn', { error: 'forbidden' }],
  [state('in_review'), 'acceptNothing', refused],
  [
    state('in_review'),
    'returned',
    { status: 'in_review', openSlots: 1, fullUntil: 'recount', bumpsVersion: true },
  ],
  [state('accepted'), 'returned', refused],
  // Second review: only accepted records waiting for one, by someone other than who decided.
  [
    state('accepted', { secondReview: 'pending', decidedBy: 3 }),
    'agree',
    { secondReview: 'agreed', bumpsVersion: true },
  ],
  [
    state('accepted', { secondReview: 'pending', decidedBy: 3 }),
    'disagree',
    { secondReview: 'disagreed', status: 'in_review', openSlots: 0, disagreement: 1, bumpsVersion: true },
  ],
  [state('accepted', { secondReview: 'pending', decidedBy: 4 }), 'agree', { error: 'bad_input' }],
  [state('accepted', { secondReview: 'agreed', decidedBy: 3 }), 'agree', refused],
  [state('accepted', { secondReview: 'pending', decidedBy: 3 }), 'agreeOwn', { error: 'forbidden' }],
  [state('in_review', { secondReview: 'pending' }), 'disagree', refused],
  // Bulk status, gold, aggregation, edits.
  // Bulk status: the rules of a decision. Only records with answers in, with values, never flipped.
  [
    state('in_review'),
    'bulkAccept',
    { status: 'accepted', openSlots: 0, finalValues: final, bumpsVersion: true },
  ],
  [state('new'), 'bulkAccept', refused],
  [state('in_review'), 'bulkAcceptNothing', refused],
  [state('in_review'), 'bulkAcceptOwn', { error: 'forbidden' }],
  [state('accepted'), 'bulkReject', refused],
  [state('rejected'), 'bulkAccept', refused],
  [state('new'), 'bulkReject', { status: 'rejected', openSlots: 0, bumpsVersion: true }],
  [state('in_review'), 'bulkReject', { status: 'rejected', openSlots: 0, bumpsVersion: true }],
  [state('retired'), 'bulkAccept', refused],
  [
    state('in_review'),
    'gold',
    {
      status: 'accepted',
      openSlots: 0,
      goldValues: { sentiment: 'positive' },
      finalValues: final,
      bumpsVersion: true,
    },
  ],
  [state('in_review'), 'aggregatedSure', { finalValues: final, status: 'accepted', bumpsVersion: true }],
  [state('in_review'), 'aggregatedUnsure', { finalValues: final, bumpsVersion: true }],
  [state('accepted'), 'aggregatedSure', refused],
  [state('accepted'), 'edited', { bumpsVersion: true }],
  [state('erased'), 'edited', refused],
  // What audits and releases need.
  [
    state('accepted'),
    'auditDisputed',
    { status: 'in_review', openSlots: 0, disagreement: 1, bumpsVersion: true },
  ],
  [state('in_review'), 'auditDisputed', refused],
  [state('accepted'), 'retired', { status: 'retired', openSlots: 0, fullUntil: 'clear', bumpsVersion: true }],
  [state('retired'), 'retired', refused],
  [state('retired'), 'restored', { status: 'new', openSlots: null, fullUntil: 'clear', bumpsVersion: true }],
  [state('accepted'), 'restored', refused],
  [state('in_review'), 'erased', { status: 'erased', openSlots: 0, fullUntil: 'clear', bumpsVersion: true }],
  [state('erased'), 'erased', refused],
  [state('erased'), 'restored', refused],
];

describe('the record lifecycle', () => {
  it.each(table.map(([s, e, x]) => [`${s.status}${s.gold ? ' (gold)' : ''}`, e, x, s] as const))(
    '%s + %s',
    (_label, event, expected, from) => {
      const run = () => transition(from, ev[event]);
      if ('error' in expected) expect(run).toThrow(expect.objectContaining({ code: expected.error }));
      else expect(run()).toEqual(expected);
    },
  );

  it('says which statuses a set-based write may change, the same as one record at a time', () => {
    expect(statusesChangedBy(ev.failed).sort()).toEqual(['checked', 'new']);
    expect(statusesChangedBy(ev.passed).sort()).toEqual(['flagged', 'new']);
    expect(statusesChangedBy(ev.retired).sort()).toEqual([
      'accepted',
      'checked',
      'flagged',
      'in_review',
      'new',
      'rejected',
    ]);
  });

  it('never hands out or takes answers on a closed record that is not gold', () => {
    for (const status of CLOSED_STATUSES) {
      expect(() => transition(state(status), ev.leased)).toThrow();
      expect(() => transition(state(status), ev.answerHeld)).toThrow();
    }
  });

  it('names the record, its status and the event in a refusal', () => {
    expect(() => transition(state('accepted'), ev.accept)).toThrow(
      expect.objectContaining({
        code: 'invalid_transition',
        message: 'record 7 was already accepted',
        details: { recordId: 7, status: 'accepted', event: 'decided' },
      }),
    );
  });
});

describe('set-based rules', () => {
  it('names the statuses an event is allowed from', () => {
    expect(statusesAllowing(ev.gold).sort()).toEqual(
      ['accepted', 'checked', 'flagged', 'in_review', 'new', 'rejected', 'retired'].sort(),
    );
    expect(statusesAllowing(ev.restored)).toEqual(['retired']);
  });
});
