import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseRecords } from '../../../src/stages/release/erase.js';
import { createRelease, exportRelease, parseSplits } from '../../../src/stages/release/index.js';
import { pushRelease } from '../../../src/stages/release/push.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { type HubStandIn, startHubStandIn } from '../../helpers/hub-stand-in.js';
import { type Backend, backends } from '../../helpers/stores.js';
import { rec, seed } from './release-helpers.js';

const actor = 'cli:test';

for (const b of backends()) {
  describe.skipIf(b.skip)(`release push to a stand-in Hub on ${b.name}`, () => {
    let backend: Backend;
    let store: Store;
    let hub: HubStandIn;
    let ids: number[];
    const dir = mkdtempSync(join(tmpdir(), 'tandem-push-test-'));
    beforeAll(async () => {
      hub = await startHubStandIn();
      backend = b.make();
      store = await backend.open();
      ids = await seed(store, 'ship', 60);
      await createRelease(store, {
        dataset: 'ship',
        version: '1.0.0',
        splits: parseSplits('train=0.8,test=0.2'),
        actor,
      });
    });
    afterAll(async () => {
      await store?.close();
      await backend?.cleanup();
      await hub?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const push = (o: Partial<Parameters<typeof pushRelease>[1]> = {}) =>
      pushRelease(store, { ref: 'ship@1.0.0', repo: 'acme/ship', token: hub.token, endpoint: hub.url, ...o });

    it('creates the repo, commits the export naming the version, branches the version, then re-uploads nothing', async () => {
      const first = await push({ private: true });
      expect(first.created).toBe(true);
      expect(first.uploaded.sort()).toEqual(['README.md', 'data/test.parquet', 'data/train.parquet']);
      const repo = hub.repos.get('acme/ship')!;
      expect(repo.visibility).toBe('private');
      expect(repo.commits).toHaveLength(1);
      expect(repo.commits[0]!.title).toBe('Release ship@1.0.0');
      expect(repo.branches.get('1.0.0')).toBe(first.commit);
      expect(repo.branches.get('main')).toBe(first.commit);
      // Exactly the bytes `release export` writes, the data files through LFS.
      const local = join(dir, 'local');
      await exportRelease(store, { ref: 'ship@1.0.0', out: local, format: 'parquet' });
      for (const p of ['README.md', 'data/train.parquet', 'data/test.parquet'])
        expect(repo.files.get(p)!.content.equals(readFileSync(join(local, p)))).toBe(true);
      expect(repo.files.get('data/train.parquet')!.lfs).toBeDefined();
      expect(hub.uploads).toHaveLength(2);

      // The same release again: the Hub holds every byte, so no upload and no empty commit.
      const again = await push();
      expect(again.created).toBe(false);
      expect(again.commit).toBeNull();
      expect(again.uploaded).toEqual([]);
      expect(hub.uploads).toHaveLength(2);
      expect(repo.commits).toHaveLength(1);
    });

    it('--card-only commits the card alone, uploading no data file', async () => {
      const before = hub.uploads.length;
      const r = await push({ cardOnly: true, license: 'cc-by-4.0' });
      expect(r.uploaded).toEqual(['README.md']);
      const repo = hub.repos.get('acme/ship')!;
      expect(repo.commits.at(-1)!.paths).toEqual(['README.md']);
      expect(repo.commits.at(-1)!.title).toMatch(/ship@1\.0\.0.*card/);
      expect(repo.files.get('README.md')!.content.toString()).toMatch(/license: cc-by-4\.0/);
      expect(hub.uploads.length).toBe(before);
      expect(hub.requests.some((q) => q.startsWith('PUT /lfs-objects/'))).toBe(true); // only from the first push
    });

    it('a new version uploads the split file that changed, not the one that did not', async () => {
      await seed(store, 'ship', 1, (i) => rec(i + 1000));
      await createRelease(store, { dataset: 'ship', version: '1.1.0', since: '1.0.0', actor });
      const before = hub.uploads.length;
      const r = await push({ ref: 'ship@1.1.0' });
      // The one new record lands in one split; the other split's file is byte-identical.
      expect(r.uploaded).toContain('README.md');
      expect(r.uploaded.filter((p) => p.startsWith('data/'))).toHaveLength(1);
      expect(r.unchanged.filter((p) => p.startsWith('data/'))).toHaveLength(1);
      expect(hub.uploads.length).toBe(before + 1);
      const repo = hub.repos.get('acme/ship')!;
      expect(repo.commits.at(-1)!.title).toBe('Release ship@1.1.0');
      expect(repo.branches.get('1.1.0')).toBe(r.commit);
      expect(repo.branches.get('1.0.0')).not.toBe(r.commit);
    });

    it('refuses bad input: no token, a bad repo name, an unknown or superseded release, --card-only to no repo', async () => {
      const requests = hub.requests.length;
      await expect(push({ token: undefined })).rejects.toMatchObject({
        code: 'usage',
        message: expect.stringMatching(/HF_TOKEN/),
      });
      for (const repo of ['ship', 'acme/ship/x', 'acme/-ship', 'acme/sh--ip', 'ac me/ship'])
        await expect(push({ repo })).rejects.toMatchObject({
          code: 'usage',
          message: expect.stringContaining(`--repo '${repo}'`),
        });
      await expect(push({ repo: 'acme/none', cardOnly: true })).rejects.toMatchObject({
        code: 'usage',
        message: expect.stringMatching(/--card-only: acme\/none does not exist/),
      });
      expect(hub.repos.has('acme/none')).toBe(false);
      await expect(push({ ref: 'ship@9.9.9' })).rejects.toMatchObject({
        code: 'usage',
        message: expect.stringMatching(/ship@9\.9\.9 does not exist/),
      });
      expect(hub.requests.slice(requests)).toEqual(['GET /api/datasets/acme/none']);

      // A wrong token is the Hub's refusal, said as such.
      await expect(push({ token: 'hf_wrong' })).rejects.toMatchObject({
        code: 'provider',
        message: expect.stringMatching(/HF_TOKEN/),
      });

      await eraseRecords(store, { dataset: 'ship', records: [ids[0]!], reason: 'owner request', actor });
      await expect(push()).rejects.toMatchObject({
        code: 'usage',
        message: expect.stringMatching(/superseded/),
      });
    });
  });
}
