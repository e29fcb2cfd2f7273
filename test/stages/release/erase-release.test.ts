import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eraseRecords } from '../../../src/stages/release/erase.js';
import { createRelease, exportRelease, releasesOf } from '../../../src/stages/release/index.js';
import { backends } from '../../helpers/stores.js';
import { frozen, seed } from './release-helpers.js';

const actor = 'cli:test';

for (const b of backends()) {
  describe.skipIf(b.skip)(`erasure and releases on ${b.name}`, () => {
    const backend = b.make();
    const out = mkdtempSync(join(tmpdir(), 'tandem-erase-release-'));
    afterAll(async () => {
      rmSync(out, { recursive: true, force: true });
      await backend.cleanup();
    });

    it('marks the releases holding an erased record superseded, refuses to export them, and the next version leaves it out', async () => {
      const store = await backend.open();
      try {
        const ids = await seed(store, 'd', 12);
        await createRelease(store, { dataset: 'd', version: '1.0.0', actor });
        await createRelease(store, { dataset: 'd', version: '1.1.0', actor });
        await exportRelease(store, { ref: 'd@1.0.0', out: join(out, 'before') });

        await eraseRecords(store, { dataset: 'd', records: [ids[3]!], reason: 'data owner request', actor });

        const releases = await releasesOf(store, 'd');
        expect(releases.map((r) => [r.version, r.superseded?.reason ?? null])).toEqual([
          ['1.0.0', expect.stringMatching(/erasure|data owner/)],
          ['1.1.0', expect.stringMatching(/erasure|data owner/)],
        ]);
        // The frozen row holds no content any more.
        const row = (await frozen(store, 'd', '1.0.0')).find((r) => r.recordId === ids[3]);
        expect(JSON.stringify(row?.snapshot ?? {})).not.toContain('record number 3');
        await expect(exportRelease(store, { ref: 'd@1.0.0', out: join(out, 'after') })).rejects.toMatchObject(
          {
            code: 'usage',
            message: expect.stringMatching(/superseded/),
          },
        );

        const { release } = await createRelease(store, {
          dataset: 'd',
          version: '1.2.0',
          since: '1.1.0',
          actor,
        });
        expect(release.recordCount).toBe(11);
        expect(release.superseded).toBeNull();
        const rows = await frozen(store, 'd', '1.2.0');
        expect(rows.map((r) => r.recordId)).not.toContain(ids[3]);
        await exportRelease(store, { ref: 'd@1.2.0', out: join(out, 'new') });
      } finally {
        await store.close();
      }
    });
  });
}
