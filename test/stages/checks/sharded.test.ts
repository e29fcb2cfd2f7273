import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetSettings } from '../../../src/core/settings.js';
import { runChecks } from '../../../src/stages/checks/run-checks.js';
import { runQueuedChecks, workOneShard } from '../../../src/stages/checks/sharded/run-queued.js';
import { CHECK_SHARD_JOB, type CheckShardPayload } from '../../../src/stages/checks/sharded/shard.js';
import type { NewRecord } from '../../../src/store/records.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { backends } from '../../helpers/stores.js';

const settings = {
  fields: [{ name: 'text', type: 'text', required: false }],
  questions: [],
  metadata: [],
  guidelines: '',
  distribution: { responsesPerRecord: 1 },
  languages: ['en'],
} as unknown as DatasetSettings;

const WORDS =
  'river valley mountain pass lake cloud ridge forest trail camp stove canister winter meal beginner map north south east west dawn dusk rest lunch hour mile'.split(
    ' ',
  );

/** Deterministic texts: distinct ones, and near-duplicates of earlier ones placed far away in id order. */
function dataset(n: number): NewRecord[] {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 9 === 8 && i > 20) {
      // A near-twin of a record from another shard (shards are 10 records here).
      texts.push(`${texts[i - 17]!} indeed`);
    } else if (i % 13 === 5) {
      texts.push(
        `Please write to person${i}@example.com about the ${WORDS[i % WORDS.length]} trip next week.`,
      );
    } else {
      texts.push(Array.from({ length: 40 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' '));
    }
  }
  return texts.map((text, i) => ({
    externalId: `r${i}`,
    fields: { text },
    metadata: {},
    provenance:
      i % 4 === 0
        ? ({ origin: 'human', author: 'ana' } as const)
        : ({
            origin: 'imported',
            file: 'f',
            line: i + 1,
            format: 'jsonl',
            importId: 'i',
            idFrom: 'column',
          } as const),
    contentHash: `h${i}`,
    language: 'en',
  }));
}

async function seed(store: Store, n: number) {
  const d = await store.datasets.create('d', settings, 'test');
  await store.records.insert(d.id, dataset(n), 'test');
  return d;
}

/** Every stored verdict and status, by external id: what two runs must agree on. */
async function verdicts(store: Store, datasetId: number) {
  const out: Record<string, unknown> = {};
  for await (const page of store.records.stream(datasetId)) {
    for (const r of page) {
      const checks = (await store.checkResults.forRecord(r.id))
        .map((c) => ({ check: c.check, passed: c.passed, score: c.score, details: normalise(c.details) }))
        .sort((a, b) => (a.check < b.check ? -1 : 1));
      out[r.externalId] = { status: r.status, checks };
    }
  }
  return out;
}

/** Record ids differ between two stores; external ids do not. */
const normalise = (details: unknown) => {
  const { duplicateOfId: _, ...rest } = (details ?? {}) as Record<string, unknown>;
  return rest;
};

for (const b of backends()) {
  describe.skipIf(b.skip)(`queued checks on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('gives what one process gives, near-duplicates across shards included, whoever takes the shards', async () => {
      const one = await backend.open();
      const many = await backend.open();
      try {
        const d1 = await seed(one, 95);
        const d2 = await seed(many, 95);
        const single = await runChecks(one, { dataset: 'd', actor: 'test' });
        expect(single.checks.find((c) => c.check === 'dedup')!.failed).toBeGreaterThan(5);
        expect(single.checks.find((c) => c.check === 'pii')!.failed).toBeGreaterThan(5);

        // Two "workers" share the shards; the coordinator only queues, reports and finishes.
        let stop = false;
        const workers = ['w1', 'w2'].map(async (w) => {
          let took = 0;
          while (!stop)
            if (await workOneShard(many, w, 60_000)) took++;
            else await new Promise((r) => setTimeout(r, 5));
          return took;
        });
        const progress: number[] = [];
        const sharded = await runQueuedChecks(many, {
          dataset: 'd',
          actor: 'test',
          shardSize: 10,
          work: false,
          pollMs: 5,
          onProgress: (p) => progress.push(p.done),
        });
        stop = true;
        const taken = await Promise.all(workers);
        expect(sharded.shards).toBe(10);
        expect(taken.reduce((a, b) => a + b, 0)).toBe(10);
        expect(progress.at(-1)).toBe(10);

        const { runId: _r, shards: _s, ...summary } = sharded;
        expect(summary).toEqual(single);
        expect(await verdicts(many, d2.id)).toEqual(await verdicts(one, d1.id));
      } finally {
        await one.close();
        await many.close();
      }
    });

    it('survives a worker that dies holding a shard, and a coordinator that stops and resumes', async () => {
      const one = await backend.open();
      const many = await backend.open();
      try {
        const d1 = await seed(one, 40);
        const d2 = await seed(many, 40);
        await runChecks(one, { dataset: 'd', actor: 'test' });

        // A coordinator that only queues and reports, then is stopped at its first report.
        const stopped = new Error('stopped');
        let runId = '';
        await expect(
          runQueuedChecks(many, {
            dataset: 'd',
            actor: 'test',
            shardSize: 10,
            work: false,
            onProgress: (p) => {
              runId = p.runId;
              throw stopped;
            },
          }),
        ).rejects.toBe(stopped);
        // A worker claims a shard with a short lease and dies without finishing it.
        const dead = await many.jobs.claim<CheckShardPayload>([CHECK_SHARD_JOB], 'dead', 1, 5, runId);
        expect(dead).toBeDefined();
        await new Promise((r) => setTimeout(r, 20));

        const resumed = await runQueuedChecks(many, { dataset: 'd', actor: 'test', runId, pollMs: 5 });
        expect(resumed.records).toBe(40);
        const jobs = await many.jobs.ofRun(runId, CHECK_SHARD_JOB);
        expect(jobs.find((j) => j.id === dead!.id)!.attempts).toBe(2);
        expect(await verdicts(many, d2.id)).toEqual(await verdicts(one, d1.id));
        await expect(runQueuedChecks(many, { dataset: 'd', actor: 'test', runId: 'nope' })).rejects.toThrow(
          /no queued check run/,
        );
      } finally {
        await one.close();
        await many.close();
      }
    });
  });
}
