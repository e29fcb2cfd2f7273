import { lineageResult } from '../../core/api/lineage.js';
import { recordLineage } from '../../stages/release/lineage.js';
import type { Store } from '../../store/store.js';
import { recordFor } from '../access.js';
import { defineRoute, type Route, recordPath } from '../route.js';
import { mayReview } from '../views.js';

export function lineageRoutes(store: Store): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/records/:id/lineage',
      tag: 'records',
      summary:
        "A record's lineage: source, checks, answers, decision with corrections, aggregation, releases (annotators: source, checks and their own answer)",
      access: 'user',
      response: { 200: lineageResult },
      params: recordPath,
      responses: { 200: 'OK', 404: 'no such record' },
      handler: async ({ caller, params }) => {
        // The same rule as reading the record: a member of its dataset, or an owner or admin.
        const { record, dataset } = await recordFor(store, caller, params.id);
        const audience = mayReview(caller)
          ? { kind: 'full' as const }
          : { kind: 'annotator' as const, userId: caller.id };
        return { lineage: await recordLineage(store, record.id, dataset, audience) };
      },
    }),
  ];
}
