import { afterAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/server/app.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { startFactualAudit } from '../../src/stages/audit/index.js';
import { createRelease } from '../../src/stages/release/index.js';
import { type ApiWorld, apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

type Who = 'nobody' | 'annotator' | 'reviewer' | 'admin' | 'owner';
const WHO: Who[] = ['nobody', 'annotator', 'reviewer', 'admin', 'owner'];
const ALL: Who[] = ['annotator', 'reviewer', 'admin', 'owner'];
const REVIEWERS: Who[] = ['reviewer', 'admin', 'owner'];
const STAFF: Who[] = ['admin', 'owner'];

interface Fixture {
  /** A fresh record of dataset `ds` for this caller to act on. */
  record: () => number;
  /** A factual audit of `ds`, and a record in its sample. */
  audit: { id: number; record: number };
  /** A dataset the caller is (`ds`) or, for annotators and reviewers, is not (`other`) a member of. */
  dataset: string;
  who: Who;
}

/**
 * The role × endpoint matrix, written out by hand (not derived from the route table, so a wrong
 * declaration there fails here): who may call each endpoint, and a request that succeeds for them.
 */
const MATRIX: {
  route: string;
  allowed: Who[] | 'public';
  ok: number;
  /** The endpoint is about one dataset: non-members get 404 on `other`, as if it did not exist. */
  scoped?: boolean;
  request: (f: Fixture) => { url: string; body?: unknown };
}[] = [
  { route: 'GET /api/health', allowed: 'public', ok: 200, request: () => ({ url: '/api/health' }) },
  {
    route: 'POST /api/login',
    allowed: 'public',
    ok: 200,
    request: () => ({ url: '/api/login', body: { username: 'pw', password: 'password-1' } }),
  },
  { route: 'POST /api/logout', allowed: 'public', ok: 200, request: () => ({ url: '/api/logout' }) },
  { route: 'GET /api/me', allowed: ALL, ok: 200, request: () => ({ url: '/api/me' }) },
  { route: 'GET /api/datasets', allowed: ALL, ok: 200, request: () => ({ url: '/api/datasets' }) },
  {
    route: 'GET /api/datasets/:name',
    allowed: ALL,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}` }),
  },
  {
    route: 'GET /api/datasets/:name/progress',
    allowed: ALL,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/progress` }),
  },
  {
    route: 'GET /api/datasets/:name/qa',
    allowed: REVIEWERS,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/qa` }),
  },
  {
    route: 'GET /api/datasets/:name/audits',
    allowed: REVIEWERS,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/audits` }),
  },
  {
    route: 'GET /api/datasets/:name/audits/:id',
    allowed: REVIEWERS,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/audits/${f.audit.id}` }),
  },
  {
    route: 'GET /api/datasets/:name/audits/:id/queue',
    allowed: REVIEWERS,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/audits/${f.audit.id}/queue` }),
  },
  {
    route: 'POST /api/datasets/:name/audits/:id/items/:record',
    allowed: REVIEWERS,
    ok: 200,
    scoped: true,
    request: (f) => ({
      url: `/api/datasets/${f.dataset}/audits/${f.audit.id}/items/${f.audit.record}`,
      body: { verdict: 'incorrect', note: 'wrong', wrongClaims: ['a claim'] },
    }),
  },
  // After the verdicts above: the factual audit now has an error rate to chart.
  {
    route: 'GET /api/datasets/:name/audits/:id/charts',
    allowed: REVIEWERS,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/audits/${f.audit.id}/charts` }),
  },
  {
    route: 'GET /api/datasets/:name/audits/:id/charts/:index',
    allowed: REVIEWERS,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/audits/${f.audit.id}/charts/1` }),
  },
  {
    route: 'GET /api/datasets/:name/members',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/members` }),
  },
  {
    route: 'POST /api/datasets/:name/members',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/members`, body: { add: ['annotator'] } }),
  },
  {
    route: 'GET /api/datasets/:name/releases',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/releases` }),
  },
  {
    route: 'GET /api/datasets/:name/releases/:version',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/releases/1.0.0` }),
  },
  {
    route: 'GET /api/datasets/:name/releases/:version/changelog',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/releases/1.1.0/changelog` }),
  },
  {
    route: 'GET /api/datasets/:name/releases/:version/diff',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/releases/1.1.0/diff` }),
  },
  {
    route: 'GET /api/datasets/:name/next',
    allowed: ALL,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/next` }),
  },
  {
    route: 'POST /api/records/:id/skip',
    allowed: ALL,
    ok: 200,
    request: (f) => ({ url: `/api/records/${f.record()}/skip` }),
  },
  {
    route: 'GET /api/datasets/:name/records',
    allowed: ALL,
    ok: 200,
    scoped: true,
    request: (f) => ({ url: `/api/datasets/${f.dataset}/records?status=new` }),
  },
  {
    route: 'GET /api/records/:id',
    allowed: ALL,
    ok: 200,
    request: (f) => ({ url: `/api/records/${f.record()}` }),
  },
  {
    route: 'GET /api/records/:id/lineage',
    allowed: ALL,
    ok: 200,
    request: (f) => ({ url: `/api/records/${f.record()}/lineage` }),
  },
  {
    route: 'POST /api/records/:id/comments',
    allowed: ALL,
    ok: 201,
    request: (f) => ({ url: `/api/records/${f.record()}/comments`, body: { body: 'a comment' } }),
  },
  {
    route: 'POST /api/records/:id/responses',
    allowed: ALL,
    ok: 200,
    request: (f) => ({
      url: `/api/records/${f.record()}/responses`,
      body: { values: { sentiment: 'positive' }, status: 'submitted' },
    }),
  },
  {
    route: 'POST /api/records/:id/review',
    allowed: REVIEWERS,
    ok: 200,
    request: (f) => ({ url: `/api/records/${f.record()}/review`, body: { action: 'reject', comment: 'no' } }),
  },
  {
    route: 'POST /api/records/:id/second-review',
    allowed: REVIEWERS,
    ok: 409,
    request: (f) => ({ url: `/api/records/${f.record()}/second-review`, body: { verdict: 'agree' } }),
  },
  {
    route: 'POST /api/datasets/:name/bulk',
    allowed: ALL,
    ok: 200,
    scoped: true,
    request: (f) => ({
      url: `/api/datasets/${f.dataset}/bulk`,
      body: {
        recordIds: [f.record()],
        action: { type: 'respond', values: { sentiment: 'neutral' }, status: 'submitted' },
      },
    }),
  },
  {
    route: 'POST /api/datasets/:name/assignments',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({
      url: `/api/datasets/${f.dataset}/assignments`,
      body: { usernames: ['annotator'], recordIds: [f.record()] },
    }),
  },
  {
    route: 'POST /api/records/:id/suggestions',
    allowed: STAFF,
    ok: 200,
    request: (f) => ({
      url: `/api/records/${f.record()}/suggestions`,
      body: { agent: 'script', suggestions: [{ question: 'sentiment', value: 'positive', score: 0.9 }] },
    }),
  },
  { route: 'GET /api/users', allowed: STAFF, ok: 200, request: () => ({ url: '/api/users' }) },
  {
    route: 'POST /api/users',
    allowed: STAFF,
    ok: 201,
    request: (f) => ({
      url: '/api/users',
      body: { username: `new-${f.who}-${Math.random().toString(36).slice(2)}`, role: 'annotator' },
    }),
  },
  {
    route: 'POST /api/users/:username/tokens',
    allowed: STAFF,
    ok: 201,
    request: () => ({ url: '/api/users/pw/tokens', body: { label: 'matrix' } }),
  },
  {
    route: 'PATCH /api/users/:username',
    allowed: STAFF,
    ok: 200,
    request: () => ({ url: '/api/users/pw', body: { languages: ['de'] } }),
  },
];

for (const b of backends()) {
  describe.skipIf(b.skip)(`role × endpoint matrix on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());
    let w: ApiWorld;

    it('covers every API route', async () => {
      const store = await backend.open();
      const declared = apiRoutes(store).map((r) => `${r.method} ${r.url}`);
      expect(MATRIX.map((m) => m.route).sort()).toEqual([...declared].sort());
      await store.close();
    });

    it('answers each role on each endpoint with the status the matrix says', async () => {
      const store = await backend.open();
      w = await apiWorld(store, { loginRateLimit: 1000 });
      try {
        for (const role of ['annotator', 'reviewer', 'admin', 'owner'] as const) await w.addUser(role, role);
        await store.users.create(
          { username: 'pw', role: 'annotator', passwordHash: await hashPassword('password-1') },
          'test',
        );
        const ds = await seedDataset(store, 'ds', 400, { overlap: 10, members: ['annotator', 'reviewer'] });
        await seedDataset(store, 'other', 5);
        await createRelease(store, { dataset: 'ds', version: '1.0.0', actor: 'test' });
        await createRelease(store, { dataset: 'ds', since: '1.0.0', actor: 'test' });
        const ids = await recordIdsOf(store, ds.id);
        let nextId = 0;
        const record = () => ids[nextId++]!;
        const fa = await startFactualAudit(store, 'ds', { sample: 5, actor: 'test' });
        const audit = { id: fa.audit.id, record: (await store.audits.items(fa.audit.id))[0]!.recordId };

        const seen: string[] = [];
        for (const m of MATRIX) {
          const [method, path] = m.route.split(' ') as ['GET' | 'POST' | 'PATCH', string];
          for (const who of WHO) {
            const allowed = m.allowed === 'public' || m.allowed.includes(who);
            const req = m.request({ record, audit, dataset: 'ds', who });
            const res = await w.call(who === 'nobody' ? null : who, method, req.url, req.body);
            const expected = allowed ? m.ok : who === 'nobody' ? 401 : 403;
            seen.push(
              `${m.route} as ${who}: ${res.status}${res.status === expected ? '' : ` (expected ${expected}: ${JSON.stringify(res.json())})`}`,
            );
            expect.soft(res.status, `${path} as ${who}`).toBe(expected);
            if (!allowed)
              expect
                .soft(res.json().error?.code, `${path} as ${who}`)
                .toBe(who === 'nobody' ? 'unauthenticated' : 'forbidden');
            if (m.scoped && allowed && (who === 'annotator' || who === 'reviewer')) {
              const outside = m.request({ record, audit, dataset: 'other', who });
              const r2 = await w.call(who, method, outside.url, outside.body);
              expect.soft(r2.status, `${path} as non-member ${who}`).toBe(404);
            }
          }
        }
        // Reviewing from the queue, and setting statuses in bulk, need a reviewer or more.
        expect((await w.call('annotator', 'GET', '/api/datasets/ds/next?round=review')).status).toBe(403);
        expect((await w.call('reviewer', 'GET', '/api/datasets/ds/next?round=review')).status).not.toBe(403);
        const bulk = { recordIds: [record()], action: { type: 'status', status: 'rejected' } };
        expect((await w.call('annotator', 'POST', '/api/datasets/ds/bulk', bulk)).status).toBe(403);
        expect((await w.call('reviewer', 'POST', '/api/datasets/ds/bulk', bulk)).json()).toEqual({
          updated: 1,
          failed: [],
        });
        // Only an owner makes an owner.
        expect(
          (await w.call('admin', 'POST', '/api/users', { username: 'boss', role: 'owner' })).status,
        ).toBe(403);
        expect(
          (await w.call('owner', 'POST', '/api/users', { username: 'boss', role: 'owner' })).status,
        ).toBe(201);
        expect(seen.length).toBe(MATRIX.length * WHO.length);
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('serves an OpenAPI document naming every route and who may call it', async () => {
      const store = await backend.open();
      const world = await apiWorld(store);
      try {
        const doc = (await world.call(null, 'GET', '/api/docs')).json();
        expect(doc.openapi).toBe('3.1.0');
        for (const m of MATRIX) {
          const [method, path] = m.route.split(' ') as [string, string];
          const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
          expect(op, m.route).toBeDefined();
          if (m.allowed !== 'public' && m.allowed.length < 4)
            for (const role of m.allowed) expect(op.description).toContain(role);
        }
        const respond = doc.paths['/api/records/{id}/responses'].post;
        expect(respond.requestBody.content['application/json'].schema.properties.status.enum).toEqual([
          'draft',
          'submitted',
          'discarded',
        ]);
      } finally {
        await world.close();
        await store.close();
      }
    });
  });
}
