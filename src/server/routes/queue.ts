import { z } from 'zod';
import { nextRecord } from '../../core/api/queue.js';
import { ok } from '../../core/api/users.js';
import { TandemError } from '../../core/errors.js';
import { nextForAnnotation, skip } from '../../stages/review/index.js';
import type { Dataset } from '../../store/datasets.js';
import type { Lease } from '../../store/queue.js';
import type { Store } from '../../store/store.js';
import { annotationAccess, datasetAccess, recordFor } from '../access.js';
import { datasetPath, defineRoute, REVIEWERS, type Route, recordPath } from '../route.js';
import { recordView } from '../views.js';

export interface QueueOptions {
  /** How long a handed-out record stays reserved for its annotator. Default 30 minutes. */
  leaseMs?: number;
}

export function queueRoutes(store: Store, options: QueueOptions): Route[] {
  const leaseMs = options.leaseMs ?? 30 * 60 * 1000;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/next',
      tag: 'queue',
      summary:
        "The caller's next record, leased to them (the same one until they answer it); round=review or round=second (a sampled second review of accepted records) for reviewers",
      access: 'user',
      response: { 200: nextRecord },
      params: datasetPath,
      query: z.strictObject({ round: z.enum(['annotate', 'review', 'second']).default('annotate') }),
      responses: { 200: 'the record and its lease', 204: 'nothing left for the caller' },
      handler: async ({ caller, params, query, reply }) => {
        let lease: Lease | null;
        let d: Dataset;
        if (query.round !== 'annotate') {
          d = (await datasetAccess(store, caller, params.name)).dataset;
          if (!REVIEWERS.includes(caller.role as (typeof REVIEWERS)[number]))
            throw new TandemError('forbidden', 'reviewing needs the role reviewer, admin or owner');
          const q = { datasetId: d.id, userId: caller.id, leaseMs };
          lease = await (query.round === 'review'
            ? store.queue.leaseForReview(q)
            : store.queue.leaseForSecondReview(q));
        } else {
          const access = await annotationAccess(store, caller, params.name, Date.now());
          d = access.dataset;
          lease = await nextForAnnotation(store, d, caller, leaseMs, access.paused, access.held);
        }
        if (!lease) return reply.code(204).send();
        return {
          record: await recordView(store, caller, lease.recordId, d.name),
          lease: { expiresAt: lease.expiresAt, round: query.round },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/records/:id/skip',
      tag: 'queue',
      summary: 'Pass on a record: the lease ends and the record is not offered to the caller again',
      access: 'user',
      response: { 200: ok },
      params: recordPath,
      handler: async ({ caller, params }) => {
        await recordFor(store, caller, params.id);
        await skip(store, params.id, caller);
        return { ok: true };
      },
    }),
  ];
}
