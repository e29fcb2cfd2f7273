import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import * as api from '../../src/core/api/index.js';
import { apiRoutes } from '../../src/server/app.js';
import { defineRoute } from '../../src/server/route.js';
import type { RecordView } from '../../src/server/views.js';
import type { Progress } from '../../src/stages/quality/progress.js';
import type { QaReport } from '../../src/stages/quality/qa.js';
import { apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

/**
 * The API's shapes are declared once in `src/core/api/`: the route table declares its responses with
 * them (the OpenAPI document shows them, `tsc` holds each handler to them) and the web app reads
 * them as types. These tests check that the document carries them, that what the server sends fits
 * them (responses are not parsed at run time), and that the request shapes the app sends by are the
 * ones the routes parse.
 */

const outputSchema = (shape: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(shape, { io: 'output', unrepresentable: 'any' });
  return rest;
};
const _inputSchema = (shape: z.ZodType) => z.toJSONSchema(shape, { io: 'input', unrepresentable: 'any' });

for (const b of backends()) {
  describe.skipIf(b.skip)(`API shapes on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('documents what the main routes answer with the shared shapes', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        const doc = (await w.call(null, 'GET', '/api/docs')).json();
        const main: [string, string, z.ZodType][] = [
          ['/api/datasets/{name}/next', 'get', api.nextRecord],
          ['/api/records/{id}', 'get', api.recordResult],
          ['/api/datasets/{name}/progress', 'get', api.progress],
          ['/api/datasets/{name}/qa', 'get', api.qaReport],
        ];
        for (const [path, method, shape] of main) {
          const responses = doc.paths[path][method].responses;
          expect(responses['200'].content['application/json'].schema, path).toEqual(outputSchema(shape));
          expect(responses['403'].content['application/json'].schema, path).toEqual(
            outputSchema(api.apiError),
          );
        }
        // A response's answers are documented as answers, though the server hands them on as stored.
        const record = doc.paths['/api/records/{id}'].get.responses['200'].content['application/json'].schema;
        const choice = record.properties.record.properties.suggestions.items.properties.value.anyOf.find(
          (s: { properties?: { choice?: unknown } }) => s.properties?.choice,
        );
        expect(choice.properties.choice.enum).toEqual(['A', 'B', 'tie']);
        // 204 has no body; routes without a declared shape keep their descriptions.
        expect(doc.paths['/api/datasets/{name}/next'].get.responses['204'].content).toBeUndefined();
        expect(doc.paths['/api/docs']).toBeUndefined();
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('answers in the shapes it declares', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('ann', 'annotator');
        await w.addUser('rev', 'reviewer');
        const d = await seedDataset(store, 'ds', 3, { overlap: 1, members: ['ann', 'rev'] });
        const [first] = await recordIdsOf(store, d.id);
        const fits = (shape: z.ZodType, body: unknown) => expect(shape.safeParse(body).error).toBeUndefined();

        fits(api.health, (await w.call(null, 'GET', '/api/health')).json());
        fits(api.session, (await w.call('ann', 'GET', '/api/me')).json());
        fits(api.datasetList, (await w.call('ann', 'GET', '/api/datasets')).json());
        fits(api.datasetResult, (await w.call('ann', 'GET', '/api/datasets/ds')).json());
        const next = (await w.call('ann', 'GET', '/api/datasets/ds/next')).json();
        fits(api.nextRecord, next);
        const respond = await w.call('ann', 'POST', `/api/records/${next.record.id}/responses`, {
          values: { sentiment: 'positive', note: 'fine' },
          status: 'submitted',
          timeSpentMs: 900,
        });
        fits(api.respondResult, respond.json());
        await w.call('rev', 'POST', `/api/records/${first}/comments`, { body: 'looks right' });
        fits(api.recordResult, (await w.call('rev', 'GET', `/api/records/${first}`)).json());
        fits(api.recordResult, (await w.call('ann', 'GET', `/api/records/${first}`)).json());
        fits(api.recordPage, (await w.call('rev', 'GET', '/api/datasets/ds/records?limit=2')).json());
        fits(api.nextRecord, (await w.call('rev', 'GET', '/api/datasets/ds/next?round=review')).json());
        fits(api.progress, (await w.call('rev', 'GET', '/api/datasets/ds/progress')).json());
        fits(api.progress, (await w.call('ann', 'GET', '/api/datasets/ds/progress')).json());
        fits(api.qaReport, (await w.call('rev', 'GET', '/api/datasets/ds/qa')).json());
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('takes the request shapes the web app sends', async () => {
      const store = await backend.open();
      try {
        // Declared once: the routes parse with the very shapes the web app types its requests by.
        const bodies: Record<string, z.ZodType> = {
          'POST /api/login': api.loginBody,
          'POST /api/records/:id/responses': api.respondBody,
          'POST /api/records/:id/comments': api.commentBody,
          'POST /api/records/:id/review': api.reviewAction,
          'POST /api/records/:id/second-review': api.secondVerdict,
          'POST /api/datasets/:name/bulk': api.bulkBody,
          'POST /api/datasets/:name/assignments': api.assignmentsBody,
          'POST /api/datasets/:name/members': api.membersBody,
        };
        const routes = apiRoutes(store);
        for (const [key, shape] of Object.entries(bodies)) {
          const route = routes.find((r) => `${r.method} ${r.url}` === key);
          expect(route?.body, key).toBe(shape);
        }
      } finally {
        await store.close();
      }
    });
  });
}

describe('API shapes at compile time', () => {
  it('holds a handler to the shape its route declares', () => {
    const route = defineRoute({
      method: 'GET',
      url: '/api/example',
      tag: 'example',
      summary: 'a route whose handler drifted from its declared response',
      access: 'public',
      response: { 200: api.progress },
      // @ts-expect-error `total` is a number in the shape: `tsc` fails on the drift.
      handler: async () => ({ ...progressOf(), total: 'many' }),
    });
    expect(route.response?.[200]).toBe(api.progress);
  });

  it('declares the stage reports and record views the server builds, field for field', () => {
    expectTypeOf<Progress>().toEqualTypeOf<z.input<typeof api.progress>>();
    expectTypeOf<QaReport>().toEqualTypeOf<z.input<typeof api.qaReport>>();
    expectTypeOf<RecordView>().toEqualTypeOf<z.input<typeof api.recordView>>();
  });
});

function progressOf(): Progress {
  return {
    dataset: 'd',
    total: 0,
    byStatus: {},
    responsesPerRecord: 1,
    remainingResponses: 0,
    awaitingReview: 0,
    annotators: [],
  };
}
