import { afterAll, describe, expect, it } from 'vitest';
import { representationAudit } from '../../src/stages/audit/index.js';
import { auditChartSvg, auditCharts } from '../../src/stages/audit/report/audit-charts.js';
import type { StoredAudit } from '../../src/store/audits.js';
import { apiWorld } from '../helpers/api.js';
import { backends } from '../helpers/stores.js';
import { seedAuditDataset } from '../stages/audit/seed.js';

const EVIL = '<script>alert(1)</script>';

const stored = (kind: string, results: unknown): StoredAudit => ({
  id: 1,
  datasetId: 1,
  kind,
  releaseVersion: null,
  params: {},
  sample: null,
  results,
  status: 'done',
  createdBy: 't',
  createdAt: 0,
  updatedAt: 0,
});

describe("an audit's charts", () => {
  it('draws drift and counterfactual audits, escaping the names in them', async () => {
    const drift = stored('drift', {
      kind: 'drift',
      from: { version: '1.0.0', audit: null, records: 10 },
      to: { version: null, audit: null, records: 12 },
      dimensions: [
        { name: EVIL, jsDistance: 0.4, newValues: [], vanishedValues: [] },
        { name: 'intent', jsDistance: null, newValues: [], vanishedValues: [] },
      ],
      changes: [],
    });
    expect(auditCharts(drift).map((c) => c.title)).toEqual(['Drift per dimension']);
    const svg = (await auditChartSvg(drift, 1))!;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(await auditChartSvg(drift, 2)).toBeNull();

    const cf = stored('counterfactual', {
      kind: 'counterfactual',
      swaps: [
        { type: 'names', n: 10, mean: 0.3, lo: 0.2, hi: 0.4 },
        { type: 'groups', n: 0, mean: 0, lo: 0, hi: 0 },
      ],
    });
    expect(auditCharts(cf)).toHaveLength(1);
    const s = (await auditChartSvg(cf, 1))!;
    expect(s).toContain('names');
    expect(s).not.toContain('groups');
    // An audit without results (a factual one before any verdict) has no chart.
    expect(auditCharts(stored('factual', null))).toEqual([]);
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`GET …/audits/:id/charts on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('lists a representation audit’s charts and serves each as an SVG image that cannot run anything', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        await w.addUser('rev', 'reviewer');
        await seedAuditDataset(
          store,
          'ch',
          Array.from({ length: 40 }, (_, i) => ({
            intent: i % 2 ? EVIL : 'refund',
            language: i % 4 ? 'en' : 'de',
            text: 'The woman asked.',
            status: i % 5 ? 'accepted' : 'rejected',
            checks: { pii: i % 3 !== 0 },
          })),
        );
        const d = await store.datasets.get('ch');
        await store.members.change(d.id, { add: ['rev'] }, 'test');
        const r = await representationAudit(store, 'ch', {
          by: ['language', 'intent'],
          descriptors: false,
          actor: 't',
        });
        const list = await w.call('rev', 'GET', `/api/datasets/ch/audits/${r.audit!.id}/charts`);
        expect(list.status).toBe(200);
        const titles = list.json().charts.map((c: { title: string }) => c.title);
        expect(titles).toEqual([
          'language: share of records',
          'intent: share of records',
          'language × intent: records per cell',
          'pii flag rate per language',
          'Rejection rate per language',
        ]);
        expect(list.json().charts[0].index).toBe(1);

        const res = await w.app.inject({
          method: 'GET',
          url: `/api/datasets/ch/audits/${r.audit!.id}/charts/2`,
          headers: { authorization: `Bearer ${w.tokens.get('rev')}` },
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
        expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.body.startsWith('<svg')).toBe(true);
        expect(res.body).not.toContain('<script');
        expect(res.body).toContain('&lt;script&gt;');
        expect((await w.call('rev', 'GET', `/api/datasets/ch/audits/${r.audit!.id}/charts/9`)).status).toBe(
          404,
        );
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}
