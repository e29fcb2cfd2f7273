import { type Actor, userActor } from '../../core/actor.js';
import type { RecordResponse, ResponseStatus } from '../../core/annotation.js';
import { transition } from '../../core/lifecycle.js';
import type { DatasetRecord } from '../../core/record.js';
import { ANNOTATION_ROUND } from '../../core/rounds.js';
import type { DatasetSettings } from '../../core/settings.js';
import { goldAccuracy } from '../../stats/gold-accuracy.js';
import type { AnswerState } from '../../store/answer-state.js';
import type { Store } from '../../store/store.js';
import { correctionDiffs, validateAnswer } from './answers.js';
import { pauseReason } from './gold-pause.js';

export interface Answer {
  user: { id: number; username: string; languages: readonly string[] };
  /** Why the user is paused on the record's dataset, or null. */
  paused: string | null;
  record: DatasetRecord;
  settings: DatasetSettings;
  values: unknown;
  status: ResponseStatus;
  reason?: string | null;
  timeSpentMs?: number;
  /** How long a draft keeps the record leased. */
  leaseMs: number;
}

/** Time spent is the client's figure, bounded: one save cannot claim more than an hour. */
const MAX_TIME_PER_SAVE_MS = 60 * 60 * 1000;

/**
 * Stores an annotator's answer. A submission or a discard counts towards the record's overlap and
 * ends the annotator's lease; a draft keeps the record leased to them. Anyone may answer a record
 * they hold (even after their lease ran out — work is never thrown away), one they answered before,
 * or one with a free slot; a record whose slots others hold is refused.
 */
export function respond(store: Store, a: Answer): Promise<RecordResponse> {
  const values = validateAnswer(a.settings, a.record, a.values, a.status);
  return store.transaction(async (tx) => {
    const { record, state, held, existing } = await tx.answers.lockForAnswer(
      a.record.id,
      a.user.id,
      ANNOTATION_ROUND,
    );
    const wanted = a.settings.distribution.responsesPerRecord;
    const t = Date.now();
    const holds = held !== undefined && held.kind !== 'skipped';
    const answeredBefore = existing !== undefined;
    // The free slots are counted only when neither a hold nor an earlier answer admits the user.
    const freeSlots =
      holds || answeredBefore || state.gold
        ? undefined
        : await tx.queue.freeSlots(record.id, a.user.id, wanted, t);
    transition(state, {
      type: 'answered',
      holds,
      answeredBefore,
      wanted,
      ...(freeSlots !== undefined ? { freeSlots } : {}),
      answerer: { paused: a.paused, languages: a.user.languages },
      language: record.language,
    });

    const actor = userActor(a.user);
    const response = await save(tx, a, record, values, existing, actor);
    // A gold record is decided by construction: its answers measure the annotator, not the record.
    if (record.gold === true) return answerGold(tx, a, record, response, t);

    const diffs = correctionDiffs(a.settings, record, values);
    if (Object.keys(diffs).length)
      await tx.events.append({
        actor,
        action: 'response.corrections',
        entityType: 'response',
        entityId: response.id,
        datasetId: record.datasetId,
        after: diffs,
      });

    if (a.status === 'draft') {
      // A draft holds the record while its author works on it.
      if (!holds || held?.kind === 'lease')
        await tx.queue.setAssignment(record.id, a.user.id, ANNOTATION_ROUND, 'lease', t + a.leaseMs);
      return response;
    }
    const answers = await tx.answers.releaseAndReadAnswers(record.id, a.user.id, ANNOTATION_ROUND);
    const event = {
      type: 'answers_counted',
      answers,
      wanted,
      questions: a.settings.questions,
    } as const;
    const change = transition(state, event);
    await tx.lifecycle.apply(state, change, {
      actor,
      at: t,
      log:
        change.status === undefined
          ? { kind: 'none' }
          : {
              kind: 'event',
              action: 'record.update',
              before: { status: record.status },
              after: { status: change.status },
            },
    });
    return response;
  });
}

function save(
  tx: Store,
  a: Answer,
  record: DatasetRecord,
  values: Record<string, unknown>,
  existing: AnswerState['existing'],
  actor: Actor,
): Promise<RecordResponse> {
  return tx.responses.save(
    {
      recordId: record.id,
      datasetId: record.datasetId,
      userId: a.user.id,
      round: ANNOTATION_ROUND,
      values,
      status: a.status,
      reason: a.status === 'discarded' ? (a.reason ?? '').slice(0, 2000) || null : null,
      timeSpentMs: Math.min(Math.max(Math.round(a.timeSpentMs ?? 0), 0), MAX_TIME_PER_SAVE_MS),
    },
    actor,
    { existing },
  );
}

/** After an answer on a gold record: the lease, and when the answer is final, the annotator re-measured. */
async function answerGold(
  tx: Store,
  a: Answer,
  record: DatasetRecord,
  response: RecordResponse,
  t: number,
): Promise<RecordResponse> {
  if (a.status === 'draft') {
    await tx.queue.setAssignment(record.id, a.user.id, ANNOTATION_ROUND, 'lease', t + a.leaseMs);
    return response;
  }
  await tx.queue.clearAssignment(record.id, a.user.id, ANNOTATION_ROUND);
  const gold = a.settings.quality?.gold;
  if (gold?.pause) {
    const [mine] = goldAccuracy(a.settings, await tx.gold.answers(record.datasetId, a.user.id));
    if (mine?.flagged)
      await tx.members.setPaused(record.datasetId, a.user.id, pauseReason(mine, gold.minAccuracy), 'system');
  }
  return response;
}

/** The annotator passes on a record: their lease ends and the record is not offered to them again. */
export function skip(store: Store, recordId: number, user: { id: number; username: string }): Promise<void> {
  return store.transaction(async (tx) => {
    const state = await tx.lifecycle.lockState(recordId);
    await tx.queue.setAssignment(recordId, user.id, ANNOTATION_ROUND, 'skipped', null);
    // The slot the lease held is free again: no longer full, whatever the queue's hint said.
    await tx.lifecycle.transition(
      state,
      { type: 'skipped' },
      {
        actor: userActor(user),
        log: { kind: 'event', action: 'record.skip' },
      },
    );
  });
}
