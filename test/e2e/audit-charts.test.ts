import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordVerdict, representationAudit, startFactualAudit } from '../../src/stages/audit/index.js';
import { seedAuditDataset } from '../stages/audit/seed.js';
import { addLogins } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

/** Per image: loaded and drew something (a broken SVG has no natural size). */
const drawn = (images: Locator) =>
  images.evaluateAll((els) =>
    els.map((e) => {
      const i = e as unknown as { complete: boolean; naturalWidth: number };
      return i.complete && i.naturalWidth > 0;
    }),
  );

const EVIL = '<img src=x onerror="document.title=\'pwned\'">';

/** The Audits page shows each audit's charts (the report's views) as server-drawn SVG images. */
describe.skipIf(skipReason() !== null)('audit charts in the browser', () => {
  let world: World;
  let rep: number;
  let fact: number;

  beforeAll(async () => {
    world = await startWorld();
    const { store } = world;
    await addLogins(store, 'rev');
    await seedAuditDataset(
      store,
      'aud',
      Array.from({ length: 60 }, (_, i) => ({
        intent: i % 3 === 0 ? EVIL : i % 3 === 1 ? 'refund' : 'shipping',
        language: i % 4 ? 'en' : 'de',
        text: i % 2 ? 'The woman asked <script>alert(1)</script>' : 'The man asked about a refund.',
        status: i % 5 ? 'accepted' : 'rejected',
        checks: { pii: i % 7 !== 0 },
        judge: { passed: i % 6 !== 0, score: 3 },
      })),
    );
    const d = await store.datasets.get('aud');
    await store.members.change(d.id, { add: ['rev'] }, 'test');
    rep = (await representationAudit(store, 'aud', { by: ['language', 'intent'], actor: 't' })).audit!.id;
    const f = await startFactualAudit(store, 'aud', { sample: 6, strata: ['language'], actor: 't' });
    fact = f.audit.id;
    const items = await store.audits.items(fact);
    for (const it of items.slice(0, 4))
      await recordVerdict(
        store,
        fact,
        it.recordId,
        { verdict: it.recordId % 2 ? 'incorrect' : 'correct' },
        'user:rev',
      );
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  it('opens a representation audit on its charts and a factual one on its error rate, with no console errors', async () => {
    const { page, trouble } = await world.as('rev');
    await page.goto(`${world.url}/datasets/aud/audits`);
    await page.getByRole('button', { name: `Audit ${rep}` }).click();
    const charts = page.getByTestId('audit-charts');
    await charts.waitFor();
    const images = charts.locator('img');
    expect(await images.count()).toBe(6);
    expect((await images.evaluateAll((els) => els.map((e) => e.getAttribute('alt')))).sort()).toEqual([
      'Rejection rate per language',
      'intent: share of records',
      'judge flag rate per language',
      'language × intent: records per cell',
      'language: share of records',
      'pii flag rate per language',
    ]);
    await expect.poll(() => drawn(images), { timeout: 20_000 }).toEqual([true, true, true, true, true, true]);

    await page.getByRole('button', { name: `Audit ${fact}` }).click();
    await page.getByRole('heading', { name: `Audit ${fact}: factual` }).waitFor();
    const error = page.getByTestId('audit-charts').locator('img');
    await error.first().waitFor();
    expect(await error.getAttribute('alt')).toBe('Factual error rate');
    await expect.poll(() => drawn(error), { timeout: 20_000 }).toEqual([true]);
    // A verdict from the page reloads the chart with the new estimate.
    const before = await error.getAttribute('src');
    await page.getByRole('button', { name: 'Correct', exact: true }).click();
    await expect.poll(() => error.getAttribute('src'), { timeout: 20_000 }).not.toBe(before);
    await expect.poll(() => drawn(error), { timeout: 20_000 }).toEqual([true]);

    expect(await page.title()).not.toBe('pwned');
    expect(trouble).toEqual([]);
  }, 60_000);
});
