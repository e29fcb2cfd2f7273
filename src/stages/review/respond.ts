import type { RecordResponse, ResponseStatus } from '../../core/annotation.js';
import { disagreementOf } from '../../core/answer-compare.js';
import { conflict } from '../../core/errors.js';
import type { DatasetRecord } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import { goldAccuracy } from '../../stats/gold-accuracy.js';
import { type AnswerState, lockForAnswer, releaseAndReadAnswers } from '../../store/answer-state.js';
import { type Ctx, inTransaction, now } from '../../store/context.js';
import { readJson } from '../../store/dialect.js';
import { appendEvent } from '../../store/events.js';
import { goldAnswers, setPaused } from '../../store/gold.js';
import {
  ANNOTATION_ROUND,
  clearAssignment,
  freeSlots,
  fullUntil,
  upsertAssignment,
} from '../../store/queue.js';
import { saveResponse } from '../../store/responses.js';
import { correctionDiffs, validateAnswer } from './answers.js';
import { pauseReason } from './gold-pause.js';

export interface Answer {
  user: { id: number; username: string };
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
export function respond(ctx: Ctx, a: Answer): Promise<RecordResponse> {
  const values = validateAnswer(a.settings, a.record, a.values, a.status);
  return inTransaction(ctx, async (tx) => {
    const { record, held, existing } = await lockForAnswer(tx, a.record.id, a.user.id, ANNOTATION_ROUND);
    const answeredBefore = existing !== undefined;
    const gold = record.gold === true;
    const wanted = a.settings.distribution.responsesPerRecord;
    const t = now();
    const holds = held !== undefined && held.kind !== 'skipped';
    // A gold record is decided by construction, yet takes answers from those it was handed to.
    if (gold && (holds || answeredBefore)) return answerGold(tx, a, record, values, t, existing);
    if (record.status === 'accepted' || record.status === 'rejected')
      throw conflict(`record ${record.id} is already ${record.status}; it takes no more answers`);
    if (!holds && !answeredBefore && (await freeSlots(tx, record.id, a.user.id, wanted, t)) <= 0)
      throw conflict(`record ${record.id} already has the ${wanted} answer${wanted > 1 ? 's' : ''} it needs`);

    const actor = `user:${a.user.username}`;
    const response = await saveResponse(
      tx,
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
    const diffs = correctionDiffs(a.settings, record, values);
    if (Object.keys(diffs).length)
      await appendEvent(tx, {
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
        await upsertAssignment(tx, record.id, a.user.id, ANNOTATION_ROUND, 'lease', t + a.leaseMs);
      return response;
    }
    const answers = await releaseAndReadAnswers(tx, record.id, a.user.id, ANNOTATION_ROUND);
    const open = Math.max(wanted - answers.length, 0);
    const toReview = record.status === 'new' || record.status === 'checked' || record.status === 'flagged';
    // One UPDATE of the row for everything an answer changes (each is a new row version, with every
    // index of `records` written again on PostgreSQL): its open slots and the queue's hint; once the
    // last answer is in, how much the answers disagree, which orders the review queue; and on the
    // first answer, its status.
    await tx.db
      .updateTable('records')
      .set((eb) => ({
        open_slots: open,
        full_until: fullUntil(record.id, open, t),
        ...(open === 0
          ? {
              disagreement: disagreementOf(
                a.settings.questions,
                answers.map((x) => ({ status: x.status, values: readJson(x.values) })),
              ),
            }
          : {}),
        ...(toReview ? { status: 'in_review', version: eb('version', '+', 1), updated_at: t } : {}),
      }))
      .where('id', '=', record.id)
      .execute();
    if (toReview) {
      await appendEvent(tx, {
        actor,
        action: 'record.update',
        entityType: 'record',
        entityId: record.id,
        datasetId: record.datasetId,
        before: { status: record.status },
        after: { status: 'in_review' },
      });
    }
    return response;
  });
}

/** Stores an answer on a gold record and, when it is final, re-measures the annotator. */
async function answerGold(
  tx: Ctx,
  a: Answer,
  record: DatasetRecord,
  values: Record<string, unknown>,
  t: number,
  existing: AnswerState['existing'],
): Promise<RecordResponse> {
  const response = await saveResponse(
    tx,
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
    `user:${a.user.username}`,
    { existing },
  );
  if (a.status === 'draft') {
    await upsertAssignment(tx, record.id, a.user.id, ANNOTATION_ROUND, 'lease', t + a.leaseMs);
    return response;
  }
  await clearAssignment(tx, record.id, a.user.id, ANNOTATION_ROUND);
  const gold = a.settings.quality?.gold;
  if (gold?.pause) {
    const [mine] = goldAccuracy(a.settings, await goldAnswers(tx, record.datasetId, a.user.id));
    if (mine?.flagged)
      await setPaused(tx, record.datasetId, a.user.id, pauseReason(mine, gold.minAccuracy), 'system');
  }
  return response;
}

/** The annotator passes on a record: their lease ends and the record is not offered to them again. */
export function skip(ctx: Ctx, recordId: number, user: { id: number; username: string }): Promise<void> {
  return inTransaction(ctx, async (tx) => {
    await upsertAssignment(tx, recordId, user.id, ANNOTATION_ROUND, 'skipped', null);
    // The slot the lease held is free again: no longer full, whatever the queue's hint said.
    const record = await tx.db
      .updateTable('records')
      .set({ full_until: null })
      .where('id', '=', recordId)
      .returning('dataset_id')
      .executeTakeFirst();
    await appendEvent(tx, {
      actor: `user:${user.username}`,
      action: 'record.skip',
      entityType: 'record',
      entityId: recordId,
      datasetId: record?.dataset_id ?? null,
    });
  });
}
