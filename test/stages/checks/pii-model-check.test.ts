import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetSettings } from '../../../src/core/settings.js';
import { runChecks } from '../../../src/stages/checks/run-checks.js';
import { locateModelEngine } from '../../../src/text/pii/model.js';
import { backends } from '../../helpers/stores.js';
import { writeTinyNerModel } from '../../helpers/tiny-ner-model.js';

/**
 * The pii check with a model in the dataset's settings: the model's findings flag a record the rules
 * pass. Needs the optional engine (`.ci/run` installs it into .engines/); skipped without it.
 */

const installed = locateModelEngine() !== undefined;
const dir = mkdtempSync(join(tmpdir(), 'tandem-pii-check-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = writeTinyNerModel(join(dir, 'tiny-ner'), { zorblat: 'B-PER', quindt: 'I-PER' });

const settings = (pii: Record<string, unknown>): DatasetSettings =>
  ({
    fields: [{ name: 'text', type: 'text', required: false }],
    questions: [],
    metadata: [],
    guidelines: '',
    distribution: { responsesPerRecord: 1 },
    languages: ['en'],
    checks: { pii, dedup: { enabled: false }, quality: { enabled: false }, language: { enabled: false } },
  }) as DatasetSettings;

const rec = (id: string, text: string) => ({
  externalId: id,
  fields: { text },
  metadata: {},
  provenance: { origin: 'synthetic' as const, recipe: 'r', provider: 'template', samplerValues: {} },
  contentHash: id,
  language: 'en',
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`pii check with a bad model path on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('is a settings error naming the setting, before any record is checked', async () => {
      const store = await backend.open();
      try {
        const d = await store.datasets.create(
          'bad-model',
          settings({ model: { path: join(dir, 'none') } }),
          'test',
        );
        await store.records.insert(d.id, [rec('a', 'the parcel is late.')], 'test');
        await expect(runChecks(store, { dataset: 'bad-model', actor: 'test' })).rejects.toMatchObject({
          code: 'bad_input',
          message: expect.stringContaining('checks.pii.model: no token-classification model'),
        });
        expect(
          await store.checkResults.forRecord((await store.records.findByExternalId(d.id, 'a'))!.id),
        ).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });

  describe.skipIf(b.skip || !installed)(`pii check with a model on ${b.name}`, { timeout: 120_000 }, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('flags what only the model finds, passes the rest, and masks the value', async () => {
      const store = await backend.open();
      try {
        for (const [name, piiSettings] of [
          ['rules', {}],
          ['model', { model: { path: model, threshold: 0.9 } }],
        ] as const) {
          const d = await store.datasets.create(name, settings(piiSettings), 'test');
          await store.records.insert(
            d.id,
            [
              rec('lower', 'yesterday i spoke with zorblat quindt about the refund.'),
              rec('clean', 'the parcel is late.'),
            ],
            'test',
          );
          const s = await runChecks(store, { dataset: name, actor: 'test' });
          const row = s.checks.find((c) => c.check === 'pii')!;
          expect(row.failed).toBe(name === 'model' ? 1 : 0);
          if (name !== 'model') continue;
          const lower = (await store.records.findByExternalId(d.id, 'lower'))!;
          const [result] = (await store.checkResults.forRecord(lower.id)).filter((r) => r.check === 'pii');
          expect(result).toMatchObject({ passed: false, details: { types: ['PERSON'], count: 1 } });
          expect(JSON.stringify(result!.details)).not.toContain('zorblat');
          expect(lower.status).toBe('flagged');
        }
      } finally {
        await store.close();
      }
    });
  });
}
