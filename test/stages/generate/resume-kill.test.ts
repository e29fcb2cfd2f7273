import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tandemAsync } from '../../helpers/cli.js';
import {
  createFakeLlmServer,
  type FakeLlmServer,
  type RunningFakeServer,
} from '../../helpers/fake-llm/fake-llm-server.js';
import { fixtures } from '../../helpers/files.js';

const file = fixtures('gen-kill', '.yaml');

const RECIPE = `
name: kill-test
seed: 11
count: 120
provider: openai:fake-model
limits: { concurrency: 8 }
columns:
  - name: topic
    sampler: category
    values: [tents, boots, stoves, maps]
  - name: question
    llm: text
    prompt: "A question about {{ topic }}, row {{ row_index }}."
  - name: answer
    llm: text
    prompt: "Answer: {{ question }}"
`;

let fake: FakeLlmServer;
let server: RunningFakeServer;
beforeAll(async () => {
  fake = createFakeLlmServer({ seed: 1, latencyMs: 5 });
  server = await fake.start();
});
afterAll(() => server.close());

const count = (db: string, sql: string) => {
  const h = new Database(db, { readonly: true });
  try {
    return (h.prepare(sql).get() as { n: number }).n;
  } finally {
    h.close();
  }
};

describe('a run killed with kill -9', () => {
  it('completes only the missing rows when started again: exactly N rows, no paid call repeated', async () => {
    const recipe = file(RECIPE);
    const db = file('', '.db');
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test' };
    // After 100 answered calls the server stops answering, so the kill lands at a known point:
    // every answer given so far has been received and, if the cache works, stored.
    let answered = 0;
    fake.options = {
      seed: 1,
      latencyMs: 5,
      faults: () => (answered++ >= 100 ? { kind: 'hang' } : undefined),
    };
    const first = tandemAsync(['generate', recipe, '--db', db], env);
    const deadline = Date.now() + 20_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      let cached = 0;
      try {
        cached = count(db, 'SELECT count(*) AS n FROM llm_cache');
      } catch {
        // the store may not exist yet
      }
      if (cached >= 100) break;
      if (Date.now() > deadline) throw new Error(`only ${cached} answers cached before the deadline`);
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.code).toBe(-1);
    const storedBefore = count(db, 'SELECT count(*) AS n FROM records');
    expect(storedBefore).toBeLessThan(120);
    const paidBefore = fake.stats.byOutcome.ok ?? 0;
    expect(paidBefore).toBe(100);

    fake.options = { seed: 1, latencyMs: 5 };
    const second = await tandemAsync(['generate', recipe, '--db', db, '--json'], env).done;
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout);
    expect(summary.rows.alreadyStored).toBe(storedBefore);
    expect(summary.rows.alreadyStored + summary.rows.stored).toBe(120);
    expect(count(db, 'SELECT count(*) AS n FROM records')).toBe(120);
    expect(count(db, 'SELECT count(DISTINCT external_id) AS n FROM records')).toBe(120);
    // Two answered calls per row in all, across both runs: nothing answered was asked again.
    expect(fake.stats.byOutcome.ok).toBe(240);
    expect(summary.calls.cacheHits).toBeGreaterThan(0);
    expect(summary.diversity.text.rows).toBe(120);
  });
});
