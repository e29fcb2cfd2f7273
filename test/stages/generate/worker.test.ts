import { afterAll, describe, expect, it } from 'vitest';
import { queueGeneration } from '../../../src/stages/generate/run/queue.js';
import { contextOf } from '../../../src/store/store.js';
import { tandemAsync } from '../../helpers/cli.js';
import { backends } from '../../helpers/stores.js';

const RECIPE = `
name: shared-run
seed: 4
count: 230
provider: template
columns:
  - name: topic
    sampler: category
    values: [a, b, c]
  - name: text
    llm: text
    prompt: "About {{ topic }}"
    offline: "Row {{ row_index }} is about {{ topic }}."
`;

for (const b of backends()) {
  describe.skipIf(b.skip)(`workers sharing one run on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('three workers do every job once and store each row once', async () => {
      const queueStore = await backend.open();
      const url = backend.url();
      const q = await queueGeneration(queueStore, {
        recipeText: RECIPE,
        recipeFile: 'r.yaml',
        jobSize: 20,
        actor: 'test',
      });
      expect(q.jobs).toBe(12);
      // Separate processes, as workers run in production (and as SQLite's locking expects).
      const runs = await Promise.all(
        [0, 1, 2].map((i) => tandemAsync(['worker', '--db', url, '--id', `w${i}`, '--json']).done),
      );
      try {
        for (const r of runs) expect(r.code, r.stderr).toBe(0);
        const reports = runs.map(
          (r) => JSON.parse(r.stdout) as { jobs: number; rowsStored: number; failedJobs: number },
        );
        expect(reports.reduce((n, r) => n + r.jobs, 0)).toBe(12);
        expect(reports.reduce((n, r) => n + r.rowsStored, 0)).toBe(230);
        expect(reports.map((r) => r.failedJobs)).toEqual([0, 0, 0]);
        expect(await queueStore.jobs.count(q.runId)).toEqual({ queued: 0, running: 0, done: 12, failed: 0 });
        const d = await queueStore.datasets.get('shared-run');
        const ids: string[] = [];
        for await (const page of queueStore.records.stream(d.id))
          for (const r of page) ids.push(r.externalId);
        expect(ids).toHaveLength(230);
        expect(new Set(ids).size).toBe(230);
      } finally {
        await queueStore.close();
      }
    });

    it('gives a job whose lease ran out to another worker, and not before', async () => {
      const store = await backend.open();
      try {
        await store.jobs.enqueue('probe', 'run-x', [{ n: 1 }]);
        const a = await store.jobs.claim(['probe'], 'a', 60_000);
        expect(a?.claimedBy).toBe('a');
        expect(await store.jobs.claim(['probe'], 'b', 60_000)).toBeUndefined();
        await contextOf(store)
          .db.updateTable('jobs')
          .set({ claimed_until: Date.now() - 1 })
          .where('id', '=', a!.id)
          .execute();
        const b = await store.jobs.claim(['probe'], 'b', 60_000);
        expect(b).toMatchObject({ id: a!.id, claimedBy: 'b', attempts: 2 });
        await store.jobs.finish(b!.id, { status: 'done' });
        expect(await store.jobs.claim(['probe'], 'c', 60_000)).toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
}
