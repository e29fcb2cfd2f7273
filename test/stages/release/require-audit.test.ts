import { afterAll, describe, expect, it } from 'vitest';
import { representationAudit } from '../../../src/stages/audit/index.js';
import { createRelease, releasesOf } from '../../../src/stages/release/index.js';
import { backends } from '../../helpers/stores.js';
import { seed } from './release-helpers.js';

const actor = 'cli:test';

for (const b of backends()) {
  describe.skipIf(b.skip)(`release --require-audit on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('refuses without a fresh passing audit, writes nothing, and records the audit in the manifest', async () => {
      const store = await backend.open();
      try {
        const ids = await seed(store, 'd', 20);
        await expect(
          createRelease(store, { dataset: 'd', version: '1.0.0', requireAudits: ['representation'], actor }),
        ).rejects.toMatchObject({
          code: 'usage',
          message: expect.stringMatching(/has no representation audit/),
        });
        await expect(
          createRelease(store, { dataset: 'd', version: '1.0.0', requireAudits: ['bias'], actor }),
        ).rejects.toMatchObject({
          code: 'usage',
          message: expect.stringMatching(/unknown audit kind 'bias'/),
        });
        expect(await releasesOf(store, 'd')).toEqual([]);

        const audit = await representationAudit(store, 'd', { by: ['language'], descriptors: false, actor });
        const { manifest } = await createRelease(store, {
          dataset: 'd',
          version: '1.0.0',
          requireAudits: ['representation'],
          actor,
        });
        expect(manifest.audits).toEqual([
          expect.objectContaining({ kind: 'representation', audit: audit.audit!.id }),
        ]);

        // A record changed after the audit: the audit no longer vouches for what would be released.
        await new Promise((r) => setTimeout(r, 5));
        const rec = await store.records.get(ids[0]!);
        await store.records.update(rec.id, rec.version, { metadata: { intent: 'changed' } }, 'test');
        await expect(
          createRelease(store, { dataset: 'd', version: '1.1.0', requireAudits: ['representation'], actor }),
        ).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/older than the records/) });
        expect((await releasesOf(store, 'd')).map((r) => r.version)).toEqual(['1.0.0']);
      } finally {
        await store.close();
      }
    });
  });
}
