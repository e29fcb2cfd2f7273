import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetSettings } from '../../../src/core/settings.js';
import { createRelease, exportRelease } from '../../../src/stages/release/index.js';
import type { AgreementRow } from '../../../src/stages/release/manifest.js';
import { decide } from '../../../src/stages/review/decide.js';
import { computeAgreement } from '../../../src/stats/agreement/compute.js';
import { reliabilityData } from '../../../src/stats/agreement/data.js';
import { backends } from '../../helpers/stores.js';
import { seed } from './release-helpers.js';

const settings = datasetSettings.parse({
  fields: [{ name: 'text', type: 'text' }],
  questions: [
    { name: 'label', type: 'label', options: ['good', 'bad'] },
    { name: 'note', type: 'text', required: false },
  ],
});

// a and b label records 0–9 alike except record 9; c labels 0–3 and differs on 3. Record 8 has
// one answer only. Record 9 is rejected, so it is not released: its disagreement must not count.
const label = (user: string, i: number) => {
  const flip = (user === 'c' && i === 3) || (user === 'b' && i === 9);
  return (i % 2 === 1) !== flip ? 'good' : 'bad';
};
const answered = (user: string, i: number) =>
  user === 'a' ? i <= 9 : user === 'b' ? i <= 7 || i === 9 : i <= 3;

for (const b of backends()) {
  describe.skipIf(b.skip)(`agreement in the release card on ${b.name}`, () => {
    const backend = b.make();
    const out = mkdtempSync(join(tmpdir(), 'tandem-card-agreement-'));
    afterAll(async () => {
      rmSync(out, { recursive: true, force: true });
      await backend.cleanup();
    });

    it("reports Krippendorff's alpha per question and annotator counts over the released records only", async () => {
      const store = await backend.open();
      try {
        await store.datasets.create('agr', settings, 'test');
        const ids = await seed(store, 'agr', 12);
        const users = new Map<string, { id: number; username: string }>();
        for (const u of ['a', 'b', 'c', 'rev']) {
          await store.users.create(
            { username: u, role: u === 'rev' ? 'reviewer' : 'annotator', passwordHash: 'x' },
            'test',
          );
          const found = (await store.users.find(u))!;
          users.set(u, { id: found.id, username: found.username });
        }
        await store.members.change(
          (await store.datasets.get('agr')).id,
          { add: ['a', 'b', 'c', 'rev'] },
          'test',
        );
        const released: { item: number; annotator: string; value: string }[] = [];
        const all: typeof released = [];
        for (const u of ['a', 'b', 'c'])
          for (let i = 0; i < 10; i++) {
            if (!answered(u, i)) continue;
            const values: Record<string, unknown> = { label: label(u, i) };
            if (u !== 'c') values.note = `seen by ${u}`;
            await store.responses.save(
              { recordId: ids[i]!, userId: users.get(u)!.id, values, status: 'submitted' },
              'test',
            );
            all.push({ item: ids[i]!, annotator: u, value: label(u, i) });
            if (i !== 9) released.push({ item: ids[i]!, annotator: u, value: label(u, i) });
          }
        await decide(store, {
          reviewer: users.get('rev')!,
          recordId: ids[9]!,
          settings,
          decision: { action: 'reject', comment: 'off topic' },
        });

        const { manifest } = await createRelease(store, {
          dataset: 'agr',
          version: '1.0.0',
          actor: 'cli:test',
        });
        expect(manifest.records).toBe(11);
        const expected = computeAgreement(reliabilityData(released), {
          metric: 'krippendorff',
          level: 'nominal',
          ci: { resamples: 500 },
        });
        const whole = computeAgreement(reliabilityData(all), { metric: 'krippendorff', level: 'nominal' });
        expect(whole.value).not.toBeCloseTo(expected.value, 3);

        const rows = manifest.annotation.agreement as AgreementRow[];
        expect(rows.map((r) => r.question)).toEqual(['label', 'note']);
        const lab = rows[0]!;
        expect(lab).toMatchObject({ type: 'label', items: 8, annotators: 3, level: 'nominal' });
        if ('note' in lab) throw new Error(lab.note);
        expect(lab.alpha).toBeCloseTo(expected.value, 12);
        expect(lab.interval).toEqual(expected.ci);
        expect(rows[1]).toMatchObject({
          type: 'text',
          items: 8,
          annotators: 2,
          note: expect.stringMatching(/text/),
        });

        await exportRelease(store, { ref: 'agr@1.0.0', out });
        const card = readFileSync(join(out, 'README.md'), 'utf8');
        const section = card.slice(card.indexOf('#### Annotation process'), card.indexOf('## Personal'));
        expect(section).toContain('3 annotator(s)');
        expect(section).toContain(
          `| label | nominal | ${expected.value.toFixed(3)} | ${expected.ci![0].toFixed(3)} to ${expected.ci![1].toFixed(3)} | 8 | 3 |`,
        );
        expect(section).toMatch(
          /\| note \| — \| — \| — \(no agreement figure for text questions[^|]*\| 8 \| 2 \|/,
        );
      } finally {
        await store.close();
      }
    });
  });
}
