import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TandemError } from '../../../src/core/errors.js';
import type { CircuitEvent } from '../../../src/llm/scheduler/circuit-breaker.js';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import { runGeneration } from '../../../src/stages/generate/run/run-generation.js';
import { openStore } from '../../../src/store/connect.js';
import { createFakeLlmServer, type RunningFakeServer } from '../../helpers/fake-llm/fake-llm-server.js';
import { fixtures } from '../../helpers/files.js';

/**
 * A server that dies in the middle of a run. Like llama-server killed with SIGKILL: the requests in
 * flight end with ECONNRESET, every later connection is refused (ECONNREFUSED). The run must stop
 * with a clear error instead of spending every row's retries, and a rerun must finish the rest
 * without paying again for what was answered.
 */

const file = fixtures('gen-dead', '.db');
const recipe = loadRecipe(
  `
name: dead
seed: 2
count: 40
provider: openai:fake-model
limits: { concurrency: 4, outage_wait_seconds: 1 }
columns:
  - name: line
    llm: text
    prompt: "Write line {{ row_index }}."
`,
  'r.yaml',
);
const env = { ...process.env };
beforeAll(() => {
  process.env.OPENAI_API_KEY = 'test-key';
});
afterAll(() => {
  process.env = env;
});

describe('a server that dies mid-run', () => {
  it('stops the run with a clear error, leaves the rest for the next run, which pays nothing twice', async () => {
    const fake = createFakeLlmServer({ seed: 1 });
    let running: RunningFakeServer | undefined = await fake.start();
    const port = running.port;
    process.env.OPENAI_BASE_URL = running.url;
    fake.options = {
      seed: 1,
      faults: (c) => {
        if (c.index === 15 && running) {
          void running.close();
          running = undefined;
          return { kind: 'hang' };
        }
        return undefined;
      },
    };
    const store = await openStore(file(''));
    try {
      const events: CircuitEvent['state'][] = [];
      const error = await runGeneration(store, {
        recipe,
        actor: 't',
        onCircuit: (e) => events.push(e.state),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TandemError);
      expect((error as TandemError).code).toBe('provider');
      expect((error as Error).message).toMatch(/could not be reached for 1 s .*ECONNREFUSED.*next run/);
      expect(events).toEqual(['open', 'broken']);

      const d = await store.datasets.get('dead');
      const storedFirst = await countRecords(store, d.id);
      expect(storedFirst).toBeGreaterThan(0);
      expect(storedFirst).toBeLessThan(40);

      // The server comes back on the same address; the same command finishes the run.
      const again = createFakeLlmServer({ seed: 1 });
      const back = await again.start(port);
      try {
        const s = await runGeneration(store, { recipe, actor: 't' });
        expect(s.rows.alreadyStored + s.rows.stored).toBe(40);
        expect(s.rows.failed).toBe(0);
        // Only rows without an answer were asked again: none that the dead server had answered.
        expect(again.stats.byPath['POST /v1/chat/completions']).toBe(40 - storedFirst);
        expect(await countRecords(store, d.id)).toBe(40);
      } finally {
        await back.close();
      }
    } finally {
      await store.close();
    }
  });
});

async function countRecords(
  store: Awaited<ReturnType<typeof openStore>>,
  datasetId: number,
): Promise<number> {
  let n = 0;
  for await (const page of store.records.stream(datasetId)) n += page.length;
  return n;
}
