import { afterAll, describe, expect, it } from 'vitest';
import { driftAudit, representationAudit } from '../../../src/stages/audit/index.js';
import { jensenShannonDistance } from '../../../src/stats/divergence.js';
import { backends } from '../../helpers/stores.js';
import { seedAuditDataset } from './seed.js';

for (const b of backends()) {
  describe.skipIf(b.skip)(`drift on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('compares a release with the dataset now: JS distance, new values, rate changes', async () => {
      const store = await backend.open();
      try {
        await seedAuditDataset(
          store,
          'd',
          Array.from({ length: 40 }, (_, i) => ({
            intent: i % 2 ? 'refund' : 'shipping',
            language: 'en',
            text: 'short',
            checks: { pii: true },
          })),
        );
        const v1 = await representationAudit(store, 'd', {
          by: ['intent'],
          release: 'v1',
          descriptors: false,
          actor: 't',
        });
        expect(v1.notes[0]).toContain("release 'v1' has no records in the store");
        // The dataset grows by 20 billing records, which the PII check flags.
        const d = await store.datasets.get('d');
        const added = await store.records.insert(
          d.id,
          Array.from({ length: 20 }, (_, i) => ({
            externalId: `late${i}`,
            fields: { text: 'a much longer text' },
            metadata: {},
            provenance: {
              origin: 'synthetic' as const,
              recipe: 'fixture',
              samplerValues: { intent: 'billing' },
              provider: 'template',
            },
            contentHash: `late${i}`,
            language: 'en',
          })),
          't',
        );
        await store.checkResults.add(
          Array.from({ length: 20 }, (_, i) => ({
            recordId: added.firstId! + i,
            check: 'pii',
            passed: false,
          })),
        );

        const r = await driftAudit(store, 'd', { from: 'v1', actor: 't' });
        const intent = r.results.dimensions.find((x) => x.name === 'intent')!;
        expect(intent.newValues).toEqual(['billing']);
        expect(intent.vanishedValues).toEqual([]);
        expect(intent.jsDistance).toBeCloseTo(jensenShannonDistance([20, 20, 0], [20, 20, 20]), 12);
        expect(r.results.from).toMatchObject({ version: 'v1', audit: v1.audit!.id, records: 40 });
        expect(r.results.to.records).toBe(60);
        expect(r.results.changes.find((c) => c.metric === 'flag rate: pii')).toEqual({
          metric: 'flag rate: pii',
          from: 0,
          to: 20 / 60,
        });
        expect((await store.audits.get(r.audit.id)).kind).toBe('drift');
        await expect(driftAudit(store, 'd', { from: 'v9', actor: 't' })).rejects.toThrow(
          "release 'v9' of 'd' has no representation audit",
        );
      } finally {
        await store.close();
      }
    });
  });
}
