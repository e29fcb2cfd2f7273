import { z } from 'zod';
import { userActor } from '../../core/actor.js';
import { commentBody, commentResult, recordPage, recordResult } from '../../core/api/records.js';
import { badInput } from '../../core/errors.js';
import { recordStatus } from '../../core/record.js';
import type { Dataset } from '../../store/datasets.js';
import type { RecordQuery } from '../../store/record-search.js';
import type { Store } from '../../store/store.js';
import { datasetFor, recordFor } from '../access.js';
import { datasetPath, defineRoute, type Route, recordPath } from '../route.js';
import { mayReview, recordView, recordViews } from '../views.js';

const listQuery = z.looseObject({
  status: z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(recordStatus))
    .optional(),
  q: z.string().max(500).optional(),
  language: z.string().max(35).optional(),
  check: z.string().max(100).optional(),
  checkPassed: z.enum(['true', 'false']).optional(),
  after: z.coerce.number().int().min(0).optional(),
  /** Jump to page N (1-based) of `limit` records, in one request; not with `after`. */
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** `meta.KEY=VALUE` query parameters, typed by the dataset's metadata properties. */
function metadataFilters(dataset: Dataset, query: Record<string, unknown>): RecordQuery['metadata'] {
  const out: NonNullable<RecordQuery['metadata']> = [];
  for (const [k, v] of Object.entries(query)) {
    if (!k.startsWith('meta.')) continue;
    const key = k.slice(5);
    if (!/^[A-Za-z_][\w-]{0,99}$/.test(key)) throw badInput(`query ${k}: not a metadata name`);
    if (typeof v !== 'string') throw badInput(`query ${k}: give it once`);
    const property = dataset.settings.metadata.find((m) => m.name === key);
    if (property && property.type !== 'terms') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw badInput(`query ${k}: '${v}' is not a number`);
      out.push({ key, value: n });
    } else out.push({ key, value: v });
  }
  return out;
}

export function recordRoutes(store: Store): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/records',
      tag: 'records',
      summary:
        'Records matching every filter (status=a,b; q=text; language; meta.KEY=VALUE; check=NAME&checkPassed=false), a page at a time (page=N, or after=CURSOR)',
      access: 'user',
      response: { 200: recordPage },
      params: datasetPath,
      query: listQuery,
      handler: async ({ caller, params, query }) => {
        if (query.page !== undefined && query.after !== undefined)
          throw badInput('give page or after, not both');
        const d = await datasetFor(store, caller, params.name);
        const page = await store.records.search(d.id, {
          ...(query.status ? { status: query.status } : {}),
          ...(query.q ? { text: query.q } : {}),
          ...(query.language ? { language: query.language } : {}),
          ...(query.check ? { check: { name: query.check, failed: query.checkPassed !== 'true' } } : {}),
          metadata: metadataFilters(d, query),
          lens: mayReview(caller) ? 'truth' : 'annotator',
          ...(query.after !== undefined ? { after: query.after } : {}),
          ...(query.page !== undefined ? { offset: (query.page - 1) * query.limit } : {}),
          limit: query.limit,
        });
        const records = await recordViews(
          store,
          caller,
          page.records.map((r) => r.id),
          d.name,
        );
        return { records, next: page.next, total: page.total, offset: page.offset };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/records/:id',
      tag: 'records',
      summary: 'One record with its suggestions, check results, comments and responses (reviewers see all)',
      access: 'user',
      response: { 200: recordResult },
      params: recordPath,
      responses: { 200: 'OK', 404: 'no such record' },
      handler: async ({ caller, params }) => {
        const { record, dataset } = await recordFor(store, caller, params.id);
        return { record: await recordView(store, caller, record.id, dataset.name) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/records/:id/comments',
      tag: 'records',
      summary: 'Comment on a record',
      access: 'user',
      response: { 201: commentResult },
      params: recordPath,
      body: commentBody,
      handler: async ({ caller, params, body, reply }) => {
        await recordFor(store, caller, params.id);
        const c = await store.comments.add(params.id, caller, body.body, userActor(caller));
        reply.code(201);
        return { comment: { id: c.id, username: c.username, body: c.body, createdAt: c.createdAt } };
      },
    }),
  ];
}
