import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DatasetRecord, FinalValues } from '../core/record.js';
import { responseValuesSchema } from '../core/settings.js';
import type { Chat } from '../core/values.js';
import type { Store } from '../store/store.js';

const script = z.strictObject({
  reviewer: z.string(),
  /** Which question holds corrections of the conversation. */
  correctionQuestion: z.string(),
  decisions: z.array(
    z.strictObject({
      id: z.string(),
      status: z.enum(['accepted', 'rejected']),
      values: z.record(z.string(), z.unknown()).default({}),
      /** Replace the content of one turn (0-based index into the conversation). */
      correctTurn: z.strictObject({ index: z.number().int().min(0), content: z.string() }).optional(),
    }),
  ),
});

export interface SimulatedReview {
  reviewer: string;
  accepted: number;
  rejected: number;
  corrected: number;
  correctedIds: string[];
}

const scriptFile = fileURLToPath(
  new URL('../../examples/support-conversations/demo-review.json', import.meta.url),
);

/**
 * Stands in for the annotation app until it exists: a scripted reviewer's decisions
 * (examples/support-conversations/demo-review.json) are stored as final values, exactly as a
 * person's would be, and every other new record is accepted. Records already decided are left alone.
 */
export async function simulateReview(store: Store, datasetName: string): Promise<SimulatedReview> {
  const s = script.parse(JSON.parse(readFileSync(scriptFile, 'utf8')));
  const dataset = await store.datasets.get(datasetName);
  const values = responseValuesSchema(dataset.settings);
  const reviewer =
    (await store.users.find(s.reviewer)) ??
    (await store.users.create({ username: s.reviewer, role: 'reviewer' }, 'demo'));
  const actor = `user:${reviewer.username}`;
  const at = new Date().toISOString();
  const result: SimulatedReview = {
    reviewer: reviewer.username,
    accepted: 0,
    rejected: 0,
    corrected: 0,
    correctedIds: [],
  };

  // Decisions name conversations by scenario id, which generated records keep in their metadata.
  const byConversation = new Map<string, DatasetRecord>();
  for await (const page of store.records.stream(dataset.id))
    for (const r of page) byConversation.set(String(r.metadata.conversation_id ?? r.externalId), r);
  for (const d of s.decisions) {
    const rec = byConversation.get(d.id);
    if (rec?.status !== 'new') continue;
    const answers: Record<string, unknown> = { ...d.values };
    if (d.correctTurn) {
      const chat = structuredClone(rec.fields.conversation) as Chat;
      const turn = chat[d.correctTurn.index];
      if (!turn) throw new Error(`demo-review.json: ${d.id} has no turn ${d.correctTurn.index}`);
      turn.content = d.correctTurn.content;
      answers[s.correctionQuestion] = chat;
    }
    values.parse(answers);
    const finalValues: FinalValues = Object.fromEntries(
      Object.entries(answers).map(([q, value]) => [
        q,
        { value, method: 'reviewer' as const, decidedBy: reviewer.username, at },
      ]),
    );
    await store.transaction(async (tx) => {
      const state = await tx.lifecycle.lockState(rec.id);
      const event = {
        type: 'decided',
        outcome: d.status,
        reviewerId: reviewer.id,
        finalValues,
        sampledForSecondReview: false,
        reviewerAnswered: false,
      } as const;
      await tx.lifecycle.transition(state, event, {
        actor,
        log: { kind: 'changes' },
        expectedVersion: rec.version,
      });
    });
    result[d.status]++;
    if (d.correctTurn) {
      result.corrected++;
      result.correctedIds.push(d.id);
    }
  }
  // The rest the scripted reviewer read and accepted as generated: a decision with nothing to correct
  // (a bulk status would refuse them: it accepts only records whose answers are in).
  const rest: DatasetRecord[] = [];
  for await (const page of store.records.stream(dataset.id, { status: ['new'] })) rest.push(...page);
  for (const rec of rest) {
    await store.transaction(async (tx) =>
      tx.lifecycle.transition(
        await tx.lifecycle.lockState(rec.id),
        {
          type: 'decided',
          outcome: 'accepted',
          reviewerId: reviewer.id,
          finalValues: {},
          sampledForSecondReview: false,
          reviewerAnswered: false,
        },
        { actor, log: { kind: 'changes' }, expectedVersion: rec.version },
      ),
    );
    result.accepted++;
  }
  return result;
}
