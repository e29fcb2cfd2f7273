import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetSettings } from '../../../src/core/settings.js';
import { datasetQa } from '../../../src/stages/quality/qa.js';
import { computeAgreement } from '../../../src/stats/agreement/compute.js';
import { reliabilityData } from '../../../src/stats/agreement/data.js';
import { contextOf } from '../../../src/store/store.js';
import { apiWorld, labelSettings, seedDataset } from '../../helpers/api.js';
import { tandem } from '../../helpers/cli.js';
import { fixtures } from '../../helpers/files.js';
import { backends } from '../../helpers/stores.js';

// Three annotators label 12 records; c disagrees with a and b on the last 4.
const LABELS = ['positive', 'negative', 'neutral'];
const answerOf = (user: string, i: number) =>
  user === 'c' && i >= 8 ? LABELS[(i + 1) % 3]! : LABELS[i % 3]!;

for (const b of backends()) {
  describe.skipIf(b.skip)(`qa report on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('reports agreement with its interval, consensus per annotator, gold accuracy and the disputed records', async () => {
      const store = await backend.open();
      const w = await apiWorld(store);
      try {
        for (const u of ['a', 'b', 'c']) await w.addUser(u, 'annotator');
        const d = await seedDataset(store, 'qa', 12, { overlap: 3, members: ['a', 'b', 'c'] });
        await contextOf(store)
          .db.updateTable('datasets')
          .set({
            settings: JSON.stringify(
              datasetSettings.parse({ ...labelSettings(3), quality: { gold: { rate: 0 } } }),
            ),
          })
          .where('id', '=', d.id)
          .execute();
        const judgements: { item: number; annotator: string; value: string }[] = [];
        for (const u of ['a', 'b', 'c']) {
          for (;;) {
            const n = await w.call(u, 'GET', '/api/datasets/qa/next');
            if (n.status === 204) break;
            const rec = n.json().record;
            const i = Number(rec.externalId.slice(1));
            judgements.push({ item: rec.id, annotator: u, value: answerOf(u, i) });
            await w.call(u, 'POST', `/api/records/${rec.id}/responses`, {
              values: { sentiment: answerOf(u, i) },
              status: 'submitted',
              timeSpentMs: 1000 * (u.charCodeAt(0) - 96),
            });
          }
        }
        const r = await datasetQa(store, await store.datasets.get('qa'));
        expect(r.answered).toBe(12);
        const q = r.questions.find((x) => x.question === 'sentiment')!;
        const expected = computeAgreement(reliabilityData(judgements), {
          metric: 'krippendorff',
          level: 'nominal',
        });
        expect(q.agreement!.alpha).toBeCloseTo(expected.value, 12);
        expect(q.agreement!.alpha).toBeLessThan(1);
        expect(q.agreement!.interval![0]).toBeLessThanOrEqual(q.agreement!.alpha);
        expect(q.items).toBe(12);
        expect(q.distribution.reduce((s, x) => s + x.count, 0)).toBe(36);
        const c = r.annotators.find((a) => a.username === 'c')!;
        expect(c.consensus).toMatchObject({ compared: 12, agreed: 8 });
        expect(r.annotators.find((a) => a.username === 'a')!.consensus).toMatchObject({
          compared: 12,
          agreed: 12,
        });
        expect(c.medianTimeMs).toBe(3000);
        expect(r.disputed.map((x) => x.externalId).sort()).toEqual(['t10', 't11', 't8', 't9']);
        expect(r.disputed[0]!.disagreement).toBeCloseTo(1 / 3);
        expect((await w.call('a', 'GET', '/api/datasets/qa/qa')).status).toBe(403);
      } finally {
        await w.close();
        await store.close();
      }
    });
  });
}

describe('tandem gold and tandem qa', () => {
  const file = fixtures('cli-qa', '.jsonl');
  it('marks gold records from a file, refusing a bad line without applying any, and prints the report', () => {
    const db = `${file('')}.db`;
    const data = file('data');
    writeFileSync(data, ['{"id":"r1","text":"good"}', '{"id":"r2","text":"bad"}'].join('\n'));
    const settings = file('settings').replace(/\.jsonl$/, '.yaml');
    writeFileSync(
      settings,
      'fields: [{name: text, type: text}]\nquestions: [{name: sentiment, type: label, options: [pos, neg]}]\n',
    );
    expect(tandem(['import', data, '--dataset', 'g', '--settings', settings, '--db', db]).code).toBe(0);
    const bad = file('bad');
    writeFileSync(
      bad,
      ['{"id":"r1","values":{"sentiment":"pos"}}', '{"id":"r2","values":{"sentiment":"meh"}}'].join('\n'),
    );
    const refused = tandem(['gold', bad, '--dataset', 'g', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}:2`);
    expect(refused.stderr).toContain('sentiment');
    const good = file('good');
    writeFileSync(good, '{"id":"r1","values":{"sentiment":"pos"}}\n');
    const ok = tandem(['gold', good, '--dataset', 'g', '--db', db, '--json']);
    expect(JSON.parse(ok.stdout)).toEqual({ dataset: 'g', gold: 1 });
    const qa = tandem(['qa', '--dataset', 'g', '--db', db]);
    expect(qa.code, qa.stderr).toBe(0);
    expect(qa.stdout).toContain("Dataset 'g': 0 of 1 records answered");
    expect(qa.stdout).toContain('no record has two answers yet');
  });
});
