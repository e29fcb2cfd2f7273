import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetSettings } from '../../../src/core/settings.js';
import { runChecks } from '../../../src/stages/checks/run-checks.js';
import type { NewRecord } from '../../../src/store/records.js';
import { fixtures } from '../../helpers/files.js';
import { backends } from '../../helpers/stores.js';

const file = fixtures('checks', '.jsonl');

const settings = (checks?: Record<string, unknown>): DatasetSettings =>
  ({
    fields: [
      { name: 'text', type: 'text', required: false },
      { name: 'conversation', type: 'chat', required: false },
    ],
    questions: [],
    metadata: [],
    guidelines: '',
    distribution: { responsesPerRecord: 1 },
    languages: ['en'],
    ...(checks ? { checks } : {}),
  }) as DatasetSettings;

const story =
  'The hikers left the valley at dawn and followed the river north for nine miles before the trail turned steeply toward the pass, where they rested, ate lunch beside a small lake, and watched the clouds build over the western ridge for an hour.';

function rec(id: string, text: string, extra: Partial<NewRecord> = {}): NewRecord {
  return {
    externalId: id,
    fields: { text },
    metadata: {},
    provenance: { origin: 'synthetic', recipe: 'r', provider: 'template', samplerValues: {} },
    contentHash: id,
    language: 'en',
    ...extra,
  };
}

for (const b of backends()) {
  describe.skipIf(b.skip)(`tandem check on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('flags each problem with its evidence, keeps the best of near-duplicates, and moves statuses', async () => {
      const store = await backend.open();
      try {
        const d = await store.datasets.create('mixed', settings(), 'test');
        await store.records.insert(
          d.id,
          [
            rec('dup-synthetic', `${story} They slept well.`),
            rec('dup-human', `${story} They slept well!`, {
              provenance: { origin: 'human', author: 'ana' },
              status: 'accepted',
            }),
            rec('pii', `${story} Write to jane.doe@example.com for the map.`),
            rec(
              'french',
              "Les randonneurs ont quitté la vallée à l'aube et ont suivi la rivière vers le nord pendant neuf milles avant que le sentier ne tourne.",
            ),
            rec(
              'clean',
              'A completely different note about stoves, fuel canisters and how cold weather affects the pressure inside them, written for beginners who camp in winter and want hot meals.',
            ),
            rec('chat', '', {
              fields: {
                conversation: [
                  { role: 'user', content: 'Hi, where is my order?' },
                  { role: 'assistant', content: 'Let me check that for you and' },
                ],
              },
            }),
          ],
          'test',
        );
        const evalSet = file(`${JSON.stringify({ id: 'eval-7', text: story })}\n`);
        const s = await runChecks(store, { dataset: 'mixed', evalFiles: [evalSet], actor: 'test' });
        expect(s.records).toBe(6);
        const row = (check: string) => s.checks.find((c) => c.check === check)!;
        expect(row('dedup').failed).toBe(1);
        expect(row('pii').failed).toBe(1);
        expect(row('language').failed).toBe(1);
        expect(row('decontaminate').failed).toBe(3);

        const byId = async (id: string) => (await store.records.findByExternalId(d.id, id))!;
        const results = async (id: string) =>
          Object.fromEntries(
            (await store.checkResults.forRecord((await byId(id)).id)).map((r) => [r.check, r]),
          );

        // The accepted, human-written copy is kept; the synthetic one is the duplicate.
        expect((await results('dup-synthetic')).dedup).toMatchObject({
          passed: false,
          details: { duplicateOf: 'dup-human' },
        });
        expect((await results('dup-human')).dedup).toMatchObject({ passed: true, details: { kept: true } });
        const pii = (await results('pii')).pii!;
        expect(pii.passed).toBe(false);
        expect(JSON.stringify(pii.details)).not.toContain('jane.doe@example.com');
        expect(pii.details).toMatchObject({ types: ['EMAIL_ADDRESS'], findings: [{ where: 'text' }] });
        expect((await results('french')).language).toMatchObject({
          passed: false,
          details: { problems: [{ detected: 'fr' }] },
        });
        expect((await results('chat')).quality).toMatchObject({
          passed: false,
          details: { failures: [{ rule: 'chat.truncated_ending' }] },
        });
        expect((await results('pii')).decontaminate).toMatchObject({
          passed: false,
          details: { items: [{ evalId: 'eval-7' }] },
        });

        expect(Object.values(await results('clean')).filter((r) => !r.passed)).toEqual([]);
        expect((await byId('clean')).status).toBe('checked');
        expect((await byId('pii')).status).toBe('flagged');
        expect((await byId('dup-human')).status).toBe('accepted');
        expect(s.byStatus).toEqual({ accepted: 1, checked: 1, flagged: 4 });

        // Run again: one result per record and check, not two; --only limits what runs.
        await runChecks(store, { dataset: 'mixed', evalFiles: [evalSet], actor: 'test' });
        expect((await store.checkResults.forRecord((await byId('clean')).id)).length).toBe(6);
        const only = await runChecks(store, { dataset: 'mixed', only: ['pii'], actor: 'test' });
        expect(only.checks.map((c) => c.check)).toEqual(['pii']);
      } finally {
        await store.close();
      }
    });

    it('runs the judge from the settings before statuses move, so its verdicts flag records', async () => {
      const store = await backend.open();
      try {
        const judge = {
          provider: 'template',
          criteria: [{ name: 'helpful', description: 'Helps the reader.', scale: [1, 5] }],
          pass_score: 5,
        };
        const d = await store.datasets.create('judged', settings({ judge }), 'test');
        const topics = ['stoves', 'tents', 'boots', 'maps', 'lamps', 'packs'];
        await store.records.insert(
          d.id,
          topics.map((t) => rec(t, `A short, friendly note about ${t} for people who camp.`)),
          'test',
        );
        const s = await runChecks(store, { dataset: 'judged', actor: 'test' });
        const j = s.judge as { judged: number; passed: number; failed: number };
        expect(j.judged).toBe(6);
        expect(j.passed + j.failed).toBe(6);
        // Offline scores are 5 or 4 by a hash of the record: with pass_score 5 some pass, some fail.
        expect(j.passed).toBeGreaterThan(0);
        expect(j.failed).toBeGreaterThan(0);
        expect(s.byStatus).toEqual({ checked: j.passed, flagged: j.failed });
      } finally {
        await store.close();
      }
    });

    it('takes thresholds from the dataset settings, and rejects an unknown key there', async () => {
      const store = await backend.open();
      try {
        const d = await store.datasets.create('strict', settings({ dedup: { threshold: 0.99 } }), 'test');
        await store.records.insert(
          d.id,
          [rec('a', `${story} They slept well.`), rec('b', `${story} They slept badly.`)],
          'test',
        );
        const s = await runChecks(store, { dataset: 'strict', only: ['dedup'], actor: 'test' });
        expect(s.checks[0]).toMatchObject({ check: 'dedup', failed: 0 });
        const loose = await runChecks(store, {
          dataset: 'strict',
          only: ['dedup'],
          config: { dedup: { threshold: 0.7 } },
          actor: 'test',
        });
        expect(loose.checks[0]).toMatchObject({ check: 'dedup', failed: 1 });
        await store.datasets.create('typo', settings({ dedup: { treshold: 0.9 } }), 'test');
        await expect(runChecks(store, { dataset: 'typo', actor: 'test' })).rejects.toThrow(
          "checks.dedup: unknown key 'treshold'",
        );
        await expect(
          runChecks(store, { dataset: 'strict', only: ['spelling' as never], actor: 'test' }),
        ).rejects.toThrow("unknown check 'spelling'");
      } finally {
        await store.close();
      }
    });
  });
}
