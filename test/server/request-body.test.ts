import { afterAll, describe, expect, it } from 'vitest';
import { jsonBodyProblem, MAX_JSON_DEPTH } from '../../src/server/json-body.js';
import { apiWorld, recordIdsOf, seedDataset } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('the JSON body scan', () => {
  it('bounds nesting outside strings and refuses U+0000 raw or escaped', () => {
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH + 1))).toMatch(/deeper than 64/);
    expect(jsonBodyProblem(`{"a": "${'['.repeat(1000)}"}`)).toBeNull();
    expect(jsonBodyProblem('{"a": "say \\"[[[\\" and \\\\"}')).toBeNull();
    expect(jsonBodyProblem('{"a": "x\\u0000y"}')).toMatch(/U\+0000/);
    expect(jsonBodyProblem('{"a": "x\\\\u0000y"}')).toBeNull(); // an escaped backslash, then text
    expect(jsonBodyProblem('{"a": "x\u0000y"}')).toMatch(/U\+0000/);
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`request bodies on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('answers callers it does not admit before reading their body', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('ann', 'annotator');
        const ds = await seedDataset(store, 'ds', 2, { members: ['ann'] });
        const [id] = await recordIdsOf(store, ds.id);
        // Not JSON at all: a parser that ran first would answer 400.
        const anonymous = await w.app.inject({
          method: 'POST',
          url: `/api/records/${id}/responses`,
          headers: { 'content-type': 'application/json' },
          payload: nested(200_000).slice(0, -1),
        });
        expect(anonymous.statusCode).toBe(401);
        const annotator = await w.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${w.tokens.get('ann')}` },
          payload: '{not json',
        });
        expect(annotator.statusCode).toBe(403);
      } finally {
        await w.close();
        await store.close();
      }
    });

    it('refuses deep nesting, U+0000, prototype keys and bodies over the route limit with 400/413', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('ann', 'annotator');
        const ds = await seedDataset(store, 'ds', 2, { members: ['ann'] });
        const [id] = await recordIdsOf(store, ds.id);
        const post = (payload: string, url = `/api/records/${id}/responses`) =>
          w.app.inject({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${w.tokens.get('ann')}` },
            payload,
          });
        const deep = await post(`{"values": {"note": ${nested(100)}}, "status": "draft"}`);
        expect(deep.statusCode).toBe(400);
        expect(deep.json().error).toEqual({
          code: 'bad_input',
          message: 'the body nests arrays and objects deeper than 64 levels',
        });
        const nul = await post(
          '{"values": {"sentiment": "positive", "note": "a\\u0000b"}, "status": "submitted"}',
        );
        expect(nul.statusCode).toBe(400);
        expect(nul.json().error.code).toBe('bad_input');
        expect(nul.json().error.message).toMatch(/U\+0000/);
        const proto = await post(
          '{"values": {"sentiment": "positive"}, "status": "submitted", "__proto__": {"x": 1}}',
        );
        expect(proto.statusCode).toBe(400);
        // U+0000 in a filter or a path: the same 400 on both stores.
        for (const url of [
          '/api/datasets/ds/records?q=a%00b',
          '/api/datasets/d%00s',
          '/api/datasets/ds/records?status=new%00',
        ]) {
          const r = await w.call('ann', 'GET', url);
          expect(r.status, url).toBe(400);
          expect(r.json().error.code).toBe('bad_input');
        }
        // Nothing of the refused answers was stored.
        expect((await w.call('ann', 'GET', `/api/records/${id}`)).json().responses ?? []).toEqual([]);

        const login = await w.app.inject({
          method: 'POST',
          url: '/api/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ username: 'ann', password: 'x'.repeat(9000) }),
        });
        expect(login.statusCode).toBe(413);
        const big = await post(JSON.stringify({ values: { note: 'x'.repeat(1_100_000) }, status: 'draft' }));
        expect(big.statusCode).toBe(413);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
