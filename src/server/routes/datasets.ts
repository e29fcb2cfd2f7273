import { userActor } from '../../core/actor.js';
import { datasetList, datasetResult, memberList, membersBody } from '../../core/api/datasets.js';
import { progress, qaReport } from '../../core/api/quality.js';
import { datasetProgress } from '../../stages/quality/progress.js';
import { datasetQa } from '../../stages/quality/qa.js';
import { totalOf } from '../../store/datasets.js';
import type { Store } from '../../store/store.js';
import { datasetFor, seesEverything } from '../access.js';
import { datasetPath, defineRoute, REVIEWERS, type Route, STAFF } from '../route.js';
import { mayReview } from '../views.js';

export function datasetRoutes(store: Store): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/datasets',
      tag: 'datasets',
      summary: 'Datasets the caller works on, with record counts per status',
      access: 'user',
      response: { 200: datasetList },
      handler: async ({ caller }) => {
        const all = await store.datasets.list(mayReview(caller) ? 'truth' : 'annotator');
        const mine = seesEverything(caller.role) ? undefined : await store.members.datasetIds(caller.id);
        return {
          datasets: all
            .filter((d) => !mine || mine.has(d.id))
            .map((d) => ({ name: d.name, records: d.records, byStatus: d.byStatus, createdAt: d.createdAt })),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name',
      tag: 'datasets',
      summary: "A dataset's settings (fields, questions, guidelines), counts and the checks run on it",
      access: 'user',
      response: { 200: datasetResult },
      params: datasetPath,
      responses: { 200: 'OK', 404: 'no such dataset' },
      handler: async ({ caller, params }) => {
        const d = await datasetFor(store, caller, params.name);
        const byStatus = await store.datasets.countByStatus(d.id, mayReview(caller) ? 'truth' : 'annotator');
        return {
          dataset: {
            name: d.name,
            records: totalOf(byStatus),
            byStatus,
            createdAt: d.createdAt,
            settings: d.settings,
            // For the records filter.
            checks: await store.checkResults.namesIn(d.id),
          },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/progress',
      tag: 'datasets',
      summary:
        'Totals, records per status, answers still wanted, and per annotator (annotators see their own row)',
      access: 'user',
      response: { 200: progress },
      params: datasetPath,
      handler: async ({ caller, params }) => {
        const d = await datasetFor(store, caller, params.name);
        const reviewer = REVIEWERS.includes(caller.role as (typeof REVIEWERS)[number]);
        return datasetProgress(store, d, reviewer ? undefined : caller.id, reviewer ? 'truth' : 'annotator');
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/qa',
      tag: 'datasets',
      summary:
        'Agreement per question with intervals, accuracy on gold, consensus per annotator, the most disputed records, second review',
      access: REVIEWERS,
      response: { 200: qaReport },
      params: datasetPath,
      handler: async ({ caller, params }) => datasetQa(store, await datasetFor(store, caller, params.name)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/datasets/:name/members',
      tag: 'datasets',
      summary: 'Who works on the dataset',
      access: STAFF,
      response: { 200: memberList },
      params: datasetPath,
      handler: async ({ caller, params }) => {
        const d = await datasetFor(store, caller, params.name);
        return { members: await store.members.list(d.id) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/datasets/:name/members',
      tag: 'datasets',
      summary: 'Add and remove members by user name',
      access: STAFF,
      response: { 200: memberList },
      params: datasetPath,
      body: membersBody,
      handler: async ({ caller, params, body }) => {
        const d = await datasetFor(store, caller, params.name);
        const members = await store.members.change(d.id, body, userActor(caller));
        await store.members.resume(d.id, body.resume, userActor(caller));
        return { members };
      },
    }),
  ];
}
