import { afterAll, describe, expect, it } from 'vitest';
import { eraseRecords } from '../../../src/stages/release/erase.js';
import { createRelease, releasesOf } from '../../../src/stages/release/index.js';
import { recordLineage } from '../../../src/stages/release/lineage.js';
import { readJson } from '../../../src/store/dialect.js';
import { contextOf } from '../../../src/store/store.js';
import { apiWorld } from '../../helpers/api.js';
import { tandem } from '../../helpers/cli.js';
import { backends } from '../../helpers/stores.js';
import { seed } from './release-helpers.js';

const actor = 'cli:test';

for (const b of backends()) {
  describe.skipIf(b.skip)(`superseded_by on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('points releases an erasure superseded at the next version made, in list, show, the API and lineage', {
      timeout: 120_000,
    }, async () => {
      const store = await backend.open();
      const api = await apiWorld(store);
      let ids: number[] = [];
      try {
        ids = await seed(store, 'd', 12);
        await createRelease(store, { dataset: 'd', version: '1.0.0', actor });
        await createRelease(store, { dataset: 'd', version: '1.1.0', actor });
        await eraseRecords(store, { dataset: 'd', records: [ids[3]!], reason: 'owner request', actor });
        const pointers = async () =>
          (await releasesOf(store, 'd')).map((r) => [
            r.version,
            r.superseded ? r.superseded.byVersion : 'current',
          ]);
        // Superseded, nothing replaces them yet.
        expect(await pointers()).toEqual([
          ['1.0.0', null],
          ['1.1.0', null],
        ]);

        const { release: v120 } = await createRelease(store, {
          dataset: 'd',
          version: '1.2.0',
          since: '1.1.0',
          actor,
        });
        expect(await pointers()).toEqual([
          ['1.0.0', '1.2.0'],
          ['1.1.0', '1.2.0'],
          ['1.2.0', 'current'],
        ]);
        expect((await releasesOf(store, 'd'))[0]!.superseded!.by).toBe(v120.id);
        const event = await contextOf(store)
          .db.selectFrom('events')
          .select('after')
          .where('action', '=', 'release.create')
          .where('entity_id', '=', String(v120.id))
          .executeTakeFirstOrThrow();
        expect(readJson(event.after)).toMatchObject({ version: '1.2.0', supersedes: ['1.0.0', '1.1.0'] });

        // A second erasure supersedes 1.2.0; the older ones keep their pointer; 1.3.0 replaces 1.2.0.
        await eraseRecords(store, { dataset: 'd', records: [ids[5]!], reason: 'owner request', actor });
        await createRelease(store, { dataset: 'd', version: '1.3.0', since: '1.2.0', actor });
        expect(await pointers()).toEqual([
          ['1.0.0', '1.2.0'],
          ['1.1.0', '1.2.0'],
          ['1.2.0', '1.3.0'],
          ['1.3.0', 'current'],
        ]);

        const d = await store.datasets.get('d');
        const lineage = await recordLineage(store, ids[0]!, d, { kind: 'full' });
        expect(lineage.releases!.map((r) => [r.version, r.supersededBy])).toEqual([
          ['1.0.0', '1.2.0'],
          ['1.1.0', '1.2.0'],
          ['1.2.0', '1.3.0'],
          ['1.3.0', null],
        ]);

        await api.addUser('boss', 'admin');
        const list = (await api.call('boss', 'GET', '/api/datasets/d/releases')).json();
        expect(
          list.releases.map((r: { superseded: { by: string | null } | null }) => r.superseded?.by ?? null),
        ).toEqual(['1.2.0', '1.2.0', '1.3.0', null]);
        expect(list.releases[0].superseded.reason).toBe('erasure');
        const viaApi = (await api.call('boss', 'GET', `/api/records/${ids[0]}/lineage`)).json();
        expect(viaApi.lineage.releases[0].supersededBy).toBe('1.2.0');
      } finally {
        await api.close();
        await store.close();
      }

      const db = backend.url();
      const listed = tandem(['release', 'list', '--dataset', 'd', '--db', db]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(/^1\.0\.0 .*SUPERSEDED \(erasure\), superseded by 1\.2\.0$/m);
      expect(listed.stdout).toMatch(/^1\.3\.0 (?!.*SUPERSEDED).*$/m);
      const shown = tandem(['release', 'show', 'd@1.2.0', '--db', db]);
      expect(shown.stdout).toContain('status:  SUPERSEDED (erasure), superseded by 1.3.0');
      const json = JSON.parse(tandem(['release', 'show', 'd@1.1.0', '--json', '--db', db]).stdout);
      expect(json.superseded).toMatchObject({ reason: 'erasure', by: '1.2.0' });
      const lineage = tandem(['lineage', String(ids[0]!), '--db', db]);
      expect(lineage.stdout).toMatch(/1\.0\.0 \(\w+\), superseded .* by 1\.2\.0/);
    });
  });
}
