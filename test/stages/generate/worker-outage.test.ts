import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueGeneration } from '../../../src/stages/generate/run/queue.js';
import { runWorker } from '../../../src/stages/generate/run/worker.js';
import { createFakeLlmServer, type RunningFakeServer } from '../../helpers/fake-llm/fake-llm-server.js';
import { backends } from '../../helpers/stores.js';

const RECIPE = `
name: outage-run
seed: 1
count: 6
provider: openai:fake-model
limits: { concurrency: 2, outage_wait_seconds: 1 }
columns:
  - name: line
    llm: text
    prompt: "Write line {{ row_index }}."
`;

let server: RunningFakeServer;
const env = { ...process.env };
beforeAll(async () => {
  server = await createFakeLlmServer({ seed: 1 }).start();
  process.env.OPENAI_API_KEY = 'test-key';
});
afterAll(async () => {
  await server.close();
  process.env = env;
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`a worker whose model server is unreachable on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('returns the job to the queue without using an attempt, stops, and a later worker does it', async () => {
      const store = await backend.open();
      try {
        const q = await queueGeneration(store, {
          recipeText: RECIPE,
          recipeFile: 'r.yaml',
          jobSize: 3,
          actor: 'test',
        });
        expect(q.jobs).toBe(2);
        // Nothing listens on port 9: every connection is refused, the circuit opens and gives up.
        process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
        const down = await runWorker(store, { id: 'w-down' });
        expect(down).toMatchObject({ jobs: 0, failedJobs: 0, requeuedJobs: 1 });
        expect(down.stoppedBy).toMatch(/could not be reached/);
        expect(await store.jobs.count(q.runId)).toEqual({ queued: 2, running: 0, done: 0, failed: 0 });
        const jobs = await store.jobs.ofRun(q.runId);
        expect(jobs.map((j) => j.attempts)).toEqual([0, 0]);
        expect(jobs[0]!.error).toMatch(/could not be reached/);

        process.env.OPENAI_BASE_URL = server.url;
        const up = await runWorker(store, { id: 'w-up' });
        expect(up).toMatchObject({ jobs: 2, rowsStored: 6, requeuedJobs: 0 });
        expect(await store.jobs.count(q.runId)).toEqual({ queued: 0, running: 0, done: 2, failed: 0 });
      } finally {
        await store.close();
      }
    }, 60_000);
  });
}
