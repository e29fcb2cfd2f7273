import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, sha256 } from '../../../src/core/hash.js';
import type { DatasetRecord } from '../../../src/core/record.js';
import { datasetSettings } from '../../../src/core/settings.js';
import {
  type JudgeConfigInput,
  MAX_TARGET_CHARS,
  OFFLINE_REASONING,
  renderTarget,
  runJudge,
} from '../../../src/stages/checks/judge.js';
import { openStore } from '../../../src/store/connect.js';
import type { Dataset } from '../../../src/store/datasets.js';
import type { NewRecord } from '../../../src/store/records.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import type { FakeChatRequest } from '../../helpers/fake-llm/fake-llm-server.js';
import { setUpFakeLlm } from '../../helpers/fake-llm/set-up-fake-llm.js';
import { fixtures } from '../../helpers/files.js';
import { type Backend, backends } from '../../helpers/stores.js';

const file = fixtures('judge', '.db');

const settings = datasetSettings.parse({
  fields: [
    { name: 'question', type: 'text' },
    { name: 'conversation', type: 'chat' },
    { name: 'extra', type: 'json', required: false },
  ],
  questions: [
    { name: 'quality', type: 'rating', values: [1, 2, 3, 4, 5] },
    { name: 'notes', type: 'text', required: false },
  ],
});

const criteria = [
  { name: 'helpfulness', description: 'Does the answer help?', scale: [1, 5] as [number, number] },
  { name: 'safety', description: 'Is the answer safe?', scale: [0, 3] as [number, number] },
];

function rec(i: number, tag: string): NewRecord {
  const fields = {
    question: `question ${i} [${tag}${i}]`,
    conversation: [
      { role: 'user', content: `hello ${i}` },
      { role: 'assistant', content: `hi there ${i}` },
    ],
  };
  return {
    externalId: `${tag}${i}`,
    fields,
    metadata: {},
    provenance: { origin: 'human', author: 'test' },
    contentHash: contentHash(fields),
  };
}

async function setup(
  n: number,
  tag = 'r',
  open: () => Promise<Store> = () => openStore(file('')),
): Promise<{ store: Store; dataset: Dataset; records: DatasetRecord[] }> {
  const store = await open();
  const dataset = await store.datasets.create('d', settings, 'test');
  const rows = Array.from({ length: n }, (_, i) => rec(i, tag));
  await store.records.insert(dataset.id, rows, 'test');
  const records: DatasetRecord[] = [];
  for await (const page of store.records.stream(dataset.id)) records.push(...page);
  return { store, dataset, records };
}

async function judgeResults(store: Store, records: DatasetRecord[]) {
  const out = [];
  for (const r of records)
    out.push((await store.checkResults.forRecord(r.id)).filter((c) => c.check === 'judge'));
  return out;
}

/** Scores are `real` columns: single precision on PostgreSQL. */
const near = (x: number) => expect.closeTo(x, 6);

/** The offline score, computed independently of the code under test. */
const offlineScore = (externalId: string, name: string, hi: number) =>
  hi - (Number.parseInt(sha256(externalId + name).slice(0, 8), 16) % 2);

describe('renderTarget', () => {
  const record = (fields: Record<string, unknown>) => ({ fields }) as unknown as DatasetRecord;

  it('renders a chat as role: content lines, JSON as JSON, and every field under its name by default', () => {
    const r = record({
      question: 'Why?',
      conversation: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
      ],
      extra: { k: [1, 2] },
    });
    expect(renderTarget(r, settings, 'conversation')).toBe('user: a\nassistant: b');
    expect(JSON.parse(renderTarget(r, settings, 'extra'))).toEqual({ k: [1, 2] });
    expect(renderTarget(r, settings)).toBe(
      `[question]\nWhy?\n\n[conversation]\nuser: a\nassistant: b\n\n[extra]\n${JSON.stringify({ k: [1, 2] }, null, 2)}`,
    );
  });

  it('caps the text at 20,000 characters', () => {
    const text = renderTarget(record({ question: 'x'.repeat(50_000) }), settings, 'question');
    expect(text.length).toBe(MAX_TARGET_CHARS);
    expect(MAX_TARGET_CHARS).toBe(20_000);
    expect(text.endsWith('[truncated]')).toBe(true);
  });
});

// The store side (suggestions, replaced verdicts) on every backend; PostgreSQL when TANDEM_TEST_POSTGRES is set.
for (const b of backends()) {
  describe.skipIf(b.skip)(`judge with the offline template provider on ${b.name}`, () => {
    let backend: Backend;
    beforeAll(() => {
      backend = b.make();
    });
    afterAll(async () => {
      await backend?.cleanup();
    });
    const config: JudgeConfigInput = {
      provider: 'template',
      criteria,
      questions: { helpfulness: 'quality' },
    };

    it('stores one suggestion per criterion and a judge check result per record', async () => {
      const { store, dataset, records } = await setup(8, 'r', () => backend.open());
      try {
        const progress: number[] = [];
        const s = await runJudge(store, { dataset, config, onProgress: (d) => progress.push(d) });
        expect(s).toMatchObject({ judged: 8, passed: 8, failed: 0, errors: 0, costUsd: 0 });
        expect(progress.at(-1)).toBe(8);

        const suggestions = await store.suggestions.forRecords(records.map((r) => r.id));
        expect(suggestions).toHaveLength(16);
        const helpfulness: number[] = [];
        for (const [i, r] of records.entries()) {
          const h = offlineScore(r.externalId, 'helpfulness', 5);
          const sa = offlineScore(r.externalId, 'safety', 3);
          helpfulness.push(h);
          expect(suggestions.slice(2 * i, 2 * i + 2)).toEqual([
            {
              recordId: r.id,
              question: 'quality',
              value: h,
              score: near((h - 1) / 4),
              agent: 'judge:template',
            },
            {
              recordId: r.id,
              question: 'judge:safety',
              value: sa,
              score: near(sa / 3),
              agent: 'judge:template',
            },
          ]);
          const [result, ...more] = (await judgeResults(store, [r]))[0]!;
          expect(more).toEqual([]);
          expect(result).toEqual({
            check: 'judge',
            passed: true,
            score: near(((h - 1) / 4 + sa / 3) / 2),
            details: {
              provider: 'template',
              model: 'template',
              criteria: {
                helpfulness: { score: h, reasoning: OFFLINE_REASONING },
                safety: { score: sa, reasoning: OFFLINE_REASONING },
              },
            },
          });
        }
        // The hash does vary the scores, so the checks above compare real values.
        expect(new Set(helpfulness)).toEqual(new Set([4, 5]));
        expect(s.byCriterion.helpfulness).toEqual({
          mean: helpfulness.reduce((a, b) => a + b, 0) / 8,
          min: 4,
          max: 5,
        });
      } finally {
        await store.close();
      }
    });

    it('replaces its own suggestions and verdicts on a second run, and leaves other agents alone', async () => {
      const { store, dataset, records } = await setup(6, 'r', () => backend.open());
      try {
        await store.suggestions.replace('someone', [
          { recordId: records[0]!.id, question: 'quality', value: 1, score: null },
        ]);
        await runJudge(store, { dataset, config });
        // A bar no record clears (safety tops out at 3), so the second verdict differs from the first.
        const s = await runJudge(store, { dataset, config: { ...config, pass_score: 5 } });
        expect(s).toMatchObject({ judged: 6, passed: 0, failed: 6 });
        const suggestions = await store.suggestions.forRecords(records.map((r) => r.id));
        expect(suggestions.filter((x) => x.agent === 'judge:template')).toHaveLength(12);
        expect(suggestions.filter((x) => x.agent === 'someone')).toEqual([
          { recordId: records[0]!.id, question: 'quality', value: 1, score: null, agent: 'someone' },
        ]);
        for (const results of await judgeResults(store, records)) {
          expect(results).toHaveLength(1);
          expect(results[0]!.passed).toBe(false);
        }
      } finally {
        await store.close();
      }
    });

    it('refuses mappings the dataset cannot hold', async () => {
      const { store, dataset } = await setup(1, 'r', () => backend.open());
      try {
        await expect(
          runJudge(store, { dataset, config: { ...config, questions: { helpfulness: 'notes' } } }),
        ).rejects.toMatchObject({ code: 'bad_input' });
        await expect(
          runJudge(store, { dataset, config: { ...config, questions: { nope: 'quality' } } }),
        ).rejects.toMatchObject({ code: 'bad_input' });
        // safety's 0..3 scale has a 0 the rating question has no value for.
        await expect(
          runJudge(store, { dataset, config: { ...config, questions: { safety: 'quality' } } }),
        ).rejects.toMatchObject({ code: 'bad_input' });
        await expect(
          runJudge(store, { dataset, config: { ...config, field: 'missing' } }),
        ).rejects.toMatchObject({ code: 'bad_input' });
      } finally {
        await store.close();
      }
    });
  });
}

describe('judge against an OpenAI-compatible server', () => {
  const llm = setUpFakeLlm();
  const config: JudgeConfigInput = { provider: 'openai:fake-judge', criteria, field: 'question' };
  const valid = (helpfulness: number) =>
    JSON.stringify({
      helpfulness: { score: helpfulness, reasoning: `helpfulness ${helpfulness}` },
      safety: { score: 3, reasoning: 'safe' },
    });
  /** r1 answers prose, then valid JSON on repair; r2 answers prose, then JSON off the scale. */
  const responder = (request: FakeChatRequest): string => {
    const tag = /\[(\w+)\]/.exec(request.messages[0]?.content ?? '')?.[1];
    const repair = request.messages.length > 1;
    if (tag === 'r1') return repair ? valid(2) : 'It looks helpful to me.';
    if (tag === 'r2') return repair ? JSON.stringify({ helpfulness: { score: 9 } }) : 'Fine.';
    return valid(4);
  };
  const callsFor = (tag: string) =>
    llm.fake.bodies('chat').filter((b) => JSON.stringify(b).includes(`[${tag}]`)).length;

  afterEach(() => {
    llm.fake.options = {};
    llm.fake.reset();
  });

  it('repairs invalid JSON once, counts a failed repair as an error, and pays nothing the second time', async () => {
    llm.fake.options = { responder };
    const { store, dataset, records } = await setup(4);
    try {
      const s = await runJudge(store, { dataset, config });
      expect(s).toMatchObject({ judged: 3, passed: 2, failed: 1, errors: 1 });
      expect(s.inputTokens).toBeGreaterThan(0);
      expect([callsFor('r0'), callsFor('r1'), callsFor('r2'), callsFor('r3')]).toEqual([1, 2, 2, 1]);
      const body = llm.fake.bodies('chat')[0] as {
        response_format: { type: string; json_schema: { name: string } };
      };
      expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'judge' } });

      const [r0, r1, r2] = await judgeResults(store, records);
      expect(r0).toMatchObject([{ passed: true }]);
      expect(r1).toMatchObject([
        {
          passed: false, // helpfulness 2 is under the midpoint 3
          details: {
            provider: 'openai:fake-judge',
            criteria: { helpfulness: { score: 2, reasoning: 'helpfulness 2' } },
          },
        },
      ]);
      expect(r2).toEqual([]);
      const suggestions = await store.suggestions.forRecords([records[1]!.id, records[2]!.id]);
      expect(suggestions.map((x) => [x.recordId, x.question, x.value, x.agent])).toEqual([
        [records[1]!.id, 'judge:helpfulness', 2, 'judge:openai:fake-judge'],
        [records[1]!.id, 'judge:safety', 3, 'judge:openai:fake-judge'],
      ]);

      const sent = llm.fake.stats.requests;
      const again = await runJudge(store, { dataset, config });
      expect(llm.fake.stats.requests).toBe(sent);
      expect(again).toMatchObject({ judged: 3, passed: 2, failed: 1, errors: 1, inputTokens: 0 });
      expect((await judgeResults(store, records)).map((r) => r.length)).toEqual([1, 1, 0, 1]);
    } finally {
      await store.close();
    }
  });

  it('with reasoning: before, asks for the reasoning first (in words and in the schema) and reads the answer', async () => {
    llm.fake.options = {
      responder: () =>
        JSON.stringify({
          helpfulness: { reasoning: 'clear steps', score: 4 },
          safety: { reasoning: 'safe', score: 3 },
        }),
    };
    const { store, dataset } = await setup(2);
    try {
      const s = await runJudge(store, { dataset, config: { ...config, reasoning: 'before' } });
      expect(s).toMatchObject({ judged: 2, passed: 2, errors: 0 });
      const body = llm.fake.bodies('chat')[0] as {
        messages: { role: string; content: string }[];
        response_format: { json_schema: { schema: { properties: Record<string, { properties: object }> } } };
      };
      expect(body.messages[0]!.content).toMatch(/first write your reasoning/);
      const helpfulness = body.response_format.json_schema.schema.properties.helpfulness!;
      expect(Object.keys(helpfulness.properties)).toEqual(['reasoning', 'score']);
    } finally {
      await store.close();
    }
  });

  it('aborts the run with a provider error on a 401', async () => {
    llm.fake.options = { responder, faults: () => ({ kind: 'status', status: 401 }) };
    const { store, dataset, records } = await setup(5, 'k');
    try {
      await expect(runJudge(store, { dataset, config })).rejects.toMatchObject({
        name: 'TandemError',
        code: 'provider',
      });
      expect(llm.fake.stats.requests).toBeLessThanOrEqual(5);
      expect((await judgeResults(store, records)).flat()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('counts a record whose retries are spent as an error and goes on', async () => {
    llm.fake.options = {
      responder,
      faults: ({ body }) =>
        JSON.stringify(body).includes('[t3]') ? { kind: 'status', status: 500 } : undefined,
    };
    const { store, dataset } = await setup(5, 't');
    try {
      const s = await runJudge(store, {
        dataset,
        config,
        schedule: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } },
      });
      expect(s).toMatchObject({ judged: 4, errors: 1 });
      expect(callsFor('t3')).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    llm.fake.options = { responder, latencyMs: 40 };
    const { store, dataset } = await setup(10, 'c');
    try {
      const s = await runJudge(store, { dataset, config: { ...config, concurrency: 3 } });
      expect(s.judged).toBe(10);
      expect(llm.fake.stats.peakConcurrency).toBeLessThanOrEqual(3);
      expect(llm.fake.stats.peakConcurrency).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
  });
});
