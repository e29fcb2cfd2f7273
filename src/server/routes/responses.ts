import { z } from 'zod';
import { userActor } from '../../core/actor.js';
import { assignedResult, assignmentsBody } from '../../core/api/queue.js';
import { bulkBody, bulkResult, recordResult, respondBody, respondResult } from '../../core/api/records.js';
import { reviewAction, secondVerdict } from '../../core/api/review.js';
import { badInput, isTandemError, TandemError } from '../../core/errors.js';
import { ANNOTATION_ROUND } from '../../core/rounds.js';
import { findField } from '../../core/settings.js';
import { answerSchema, fieldValueSchema } from '../../core/values.js';
import { decide, respond, secondReview, setStatus } from '../../stages/review/index.js';
import type { Store } from '../../store/store.js';
import { datasetAccess, datasetFor, recordFor } from '../access.js';
import { datasetPath, defineRoute, REVIEWERS, type Route, recordPath, STAFF } from '../route.js';
import { recordView, responseView } from '../views.js';

export interface ResponseOptions {
  leaseMs?: number;
}

export function responseRoutes(store: Store, options: ResponseOptions): Route[] {
  const leaseMs = options.leaseMs ?? 30 * 60 * 1000;
  return [
    defineRoute({
      method: 'POST',
      url: '/api/records/:id/responses',
      tag: 'responses',
      summary: "Save the caller's answer: a draft, a submission, or a discard with a reason",
      access: 'user',
      response: { 200: respondResult },
      params: recordPath,
      body: respondBody,
      responses: { 200: 'the stored response', 409: 'the record has all its answers, or is decided' },
      handler: async ({ caller, params, body }) => {
        const { record, dataset, paused } = await recordFor(store, caller, params.id);
        const r = await respond(store, {
          user: caller,
          paused,
          record,
          settings: dataset.settings,
          values: body.values,
          status: body.status,
          reason: body.reason ?? null,
          ...(body.timeSpentMs !== undefined ? { timeSpentMs: body.timeSpentMs } : {}),
          leaseMs,
        });
        return { response: responseView({ ...r, username: caller.username }) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/records/:id/review',
      tag: 'review',
      summary:
        'Decide a record: accept one response, edit a final version, return it to annotators, or reject it',
      access: REVIEWERS,
      response: { 200: recordResult },
      params: recordPath,
      body: reviewAction,
      handler: async ({ caller, params, body }) => {
        const { dataset } = await recordFor(store, caller, params.id);
        const record = await decide(store, {
          reviewer: caller,
          recordId: params.id,
          settings: dataset.settings,
          decision: body,
        });
        return { record: await recordView(store, caller, record.id, dataset.name) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/records/:id/second-review',
      tag: 'review',
      summary:
        'A second reviewer agrees with an accepted record, or disagrees (with a reason) and sends it back to the review queue',
      access: REVIEWERS,
      response: { 200: recordResult },
      params: recordPath,
      body: secondVerdict,
      responses: { 200: 'the record', 409: 'the record is not waiting for a second review' },
      handler: async ({ caller, params, body }) => {
        const { dataset } = await recordFor(store, caller, params.id);
        const record = await secondReview(store, { reviewer: caller, recordId: params.id, verdict: body });
        return { record: await recordView(store, caller, record.id, dataset.name) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/datasets/:name/bulk',
      tag: 'records',
      summary:
        'Apply one action to many records: set accepted/rejected (reviewers) or answer them all alike; per-record failures are listed',
      access: 'user',
      response: { 200: bulkResult },
      params: datasetPath,
      body: bulkBody,
      handler: async ({ caller, params, body }) => {
        const { dataset: d, paused } = await datasetAccess(store, caller, params.name);
        const action = body.action;
        if (action.type === 'status' && !REVIEWERS.includes(caller.role as (typeof REVIEWERS)[number]))
          throw new TandemError('forbidden', 'only reviewers, admins and owners set a record status');
        let updated = 0;
        const failed: { id: number; message: string }[] = [];
        for (const id of body.recordIds) {
          try {
            const record = await store.records.get(id);
            if (record.datasetId !== d.id) throw badInput(`record ${id} is not in dataset '${d.name}'`);
            if (action.type === 'status') {
              await setStatus(store, {
                recordId: id,
                expectedVersion: record.version,
                status: action.status,
                actor: userActor(caller),
                reviewer: caller,
              });
            } else {
              await respond(store, {
                user: caller,
                paused,
                record,
                settings: d.settings,
                values: action.values,
                status: action.status,
                leaseMs,
              });
            }
            updated++;
          } catch (e) {
            if (!isTandemError(e)) throw e;
            failed.push({ id, message: e.message });
          }
        }
        return { updated, failed };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/datasets/:name/assignments',
      tag: 'queue',
      summary: 'Give records to named annotators: only they get them, before anything else in their queue',
      access: STAFF,
      response: { 200: assignedResult },
      params: datasetPath,
      body: assignmentsBody,
      handler: async ({ caller, params, body }) => {
        const d = await datasetFor(store, caller, params.name);
        const users = await store.users.named(body.usernames);
        const missing = body.usernames.filter((u) => !users.some((x) => x.username === u));
        if (missing.length) throw badInput(`no such user: ${missing.join(', ')}`);
        const records = await store.records.idsIn(d.id, body.recordIds);
        if (records.length !== new Set(body.recordIds).size)
          throw badInput(`some of the records are not in dataset '${d.name}'`);
        await store.transaction(async (tx) => {
          for (const r of records)
            for (const u of users) await tx.queue.setAssignment(r, u.id, ANNOTATION_ROUND, 'assigned', null);
        });
        return { assigned: records.length * users.length };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/records/:id/suggestions',
      tag: 'records',
      summary: "Replace an agent's suggestions on a record (for scripts: model pre-labels)",
      access: STAFF,
      response: { 200: recordResult },
      params: recordPath,
      body: z.strictObject({
        agent: z.string().min(1).max(200),
        suggestions: z
          .array(
            z.strictObject({
              question: z.string(),
              value: z.unknown(),
              score: z.number().min(0).max(1).nullable().default(null),
            }),
          )
          .max(100),
      }),
      handler: async ({ caller, params, body }) => {
        const { record, dataset } = await recordFor(store, caller, params.id);
        for (const s of body.suggestions) {
          const q = dataset.settings.questions.find((x) => x.name === s.question);
          if (!q) throw badInput(`suggestions: unknown question '${s.question}'`);
          const corrected =
            q.type === 'text' && q.corrects ? findField(dataset.settings, q.corrects) : undefined;
          const ok = answerSchema(q, corrected ? fieldValueSchema(corrected) : undefined).safeParse(s.value);
          if (!ok.success) throw badInput(`suggestions: ${s.question}: ${ok.error.issues[0]?.message}`);
        }
        await store.suggestions.replace(
          body.agent,
          body.suggestions.map((s) => ({
            recordId: record.id,
            question: s.question,
            value: s.value,
            score: s.score,
          })),
        );
        return { record: await recordView(store, caller, record.id, dataset.name) };
      },
    }),
  ];
}
