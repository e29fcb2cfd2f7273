import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseRecords } from '../../src/stages/release/erase.js';
import { createRelease, parseSplits } from '../../src/stages/release/index.js';
import type { Dataset } from '../../src/store/datasets.js';
import { addLogins, review, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

const settings = {
  fields: [{ name: 'text', type: 'text' as const }],
  questions: [{ name: 'label', type: 'label' as const, options: ['good', 'bad'] }],
};

/** Presses Tab until the focused element has this accessible label, failing after `max` presses. */
async function tabTo(page: Page, label: string, max = 15): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate("document.activeElement?.getAttribute('aria-label')")) === label) return;
  }
  throw new Error(`'${label}' is not reachable with Tab in ${max} presses`);
}

describe.skipIf(skipReason() !== null)('the Releases page in the browser', () => {
  let world: World;
  let seeded: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'admin1', 'rev');
    seeded = await seedDataset(
      world.store,
      'rel',
      settings,
      Array.from({ length: 6 }, (_, i) => ({ text: `support answer ${i}` })),
      ['rev'],
    );
    const actor = 'cli:e2e';
    await createRelease(world.store, {
      dataset: 'rel',
      version: '1.0.0',
      splits: parseSplits('train=0.5,test=0.5'),
      notes: 'first cut',
      actor,
    });
    // Between the versions: a reviewer labels one record, and two records arrive.
    await review(world.store, seeded.dataset, seeded.ids[0]!, 'rev', {
      action: 'edit',
      values: { label: 'bad' },
      comment: 'it promises a refund it cannot give',
    });
    await world.store.records.insert(
      seeded.dataset.id,
      [6, 7].map((i) => ({
        externalId: `rel-${i}`,
        fields: { text: `support answer ${i}` },
        metadata: {},
        provenance: { origin: 'human' as const, author: 'e2e' },
        contentHash: `h${i}`,
      })),
      'e2e',
    );
    await createRelease(world.store, {
      dataset: 'rel',
      version: '1.1.0',
      since: '1.0.0',
      notes: 'second cut',
      actor,
    });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('lists the releases, shows the manifest, the diff side by side and a record lineage, by keyboard', async () => {
    const { page, trouble } = await world.as('admin1');
    await page.goto(`${world.url}/datasets/rel/releases`);
    const table = page.getByTestId('releases-table');
    await table.getByRole('button', { name: '1.1.0' }).waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/1\.0\.0.*6.*first cut/);
    expect(rows[1]).toMatch(/1\.1\.0.*8.*second cut/);

    // The newest is shown first: its manifest and its changes since the version it was cut from.
    await page.getByRole('heading', { name: 'Release 1.1.0' }).waitFor();
    expect(await page.getByTestId('release-stats').textContent()).toMatch(/Records\s*8/);
    const splits = await page.getByTestId('release-splits').locator('tbody tr').allTextContents();
    expect(splits.map((s) => s.replace(/\d.*/, ''))).toEqual(['train', 'test']);
    // Agreement per question over the released records: here no record has two answers.
    expect(await page.getByTestId('release-agreement').locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^label.*—.*no record has two answers yet/),
    ]);
    // The changelog since the base: counts and the reviewer's reason on the relabelled record.
    const changelog = page.getByTestId('release-changelog');
    await changelog.getByRole('list').waitFor();
    expect(await changelog.textContent()).toMatch(/Since 1\.0\.0: 2 added, 0 removed/);
    expect(await changelog.getByRole('listitem').allTextContents()).toEqual([
      'rel-0 (relabelled), rev: it promises a refund it cannot give',
    ]);
    const counts = page.getByTestId('diff-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toMatch(/Added\s*2.*Relabelled\s*1/);
    const diff = page.getByTestId('diff-table');
    expect(await diff.locator('thead').textContent()).toMatch(/Record\s*1\.0\.0\s*1\.1\.0/);
    const relabelled = diff.locator('tbody tr', { hasText: 'rel-0' });
    expect(await relabelled.textContent()).toMatch(/label: —.*label: bad/);
    expect(await diff.locator('tbody tr', { hasText: 'rel-7' }).textContent()).toMatch(/—.*added to/);

    // From the version picker, Tab reaches a changed record; Enter opens its lineage.
    await page.getByLabel(/Compare 1\.1\.0 with/).focus();
    await tabTo(page, 'rel-0: show its lineage');
    await page.keyboard.press('Enter');
    const lineage = page.getByTestId('release-lineage');
    await lineage.getByRole('heading', { name: 'Decision' }).waitFor();
    const text = (await lineage.textContent()) ?? '';
    expect(text).toContain('Lineage of rel-0');
    expect(text).toMatch(/1\.0\.0[\s\S]*1\.1\.0/);
    expect(text).toContain('rev');

    // Another release, chosen with the keyboard: the diff turns to what 1.1.0 has that it lacks.
    await table.getByRole('button', { name: '1.0.0' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Release 1.0.0' }).waitFor();
    expect(await table.getByRole('button', { name: '1.0.0' }).getAttribute('aria-pressed')).toBe('true');
    expect(await table.getByRole('button', { name: '1.1.0' }).getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('diff-counts').waitFor();
    expect(await page.getByTestId('diff-counts').textContent()).toMatch(/Removed\s*2/);
    expect(await page.getByTestId('release-stats').textContent()).toMatch(/Records\s*6/);
    expect(trouble).toEqual([]);
  }, 90_000);

  it('marks releases an erasure superseded, and by which version', async () => {
    const actor = 'cli:e2e';
    await eraseRecords(world.store, {
      dataset: 'rel',
      records: [seeded.ids[5]!],
      reason: 'owner request',
      actor,
    });
    await createRelease(world.store, { dataset: 'rel', version: '1.2.0', since: '1.1.0', actor });
    const { page, trouble } = await world.as('admin1');
    await page.goto(`${world.url}/datasets/rel/releases`);
    const table = page.getByTestId('releases-table');
    await table.getByRole('button', { name: '1.2.0' }).waitFor();
    const status = await table.locator('tbody tr').allTextContents();
    expect(status[0]).toMatch(/superseded by 1\.2\.0 \(erasure\)/);
    expect(status[1]).toMatch(/superseded by 1\.2\.0 \(erasure\)/);
    expect(status[2]).toMatch(/current$/);
    expect(trouble).toEqual([]);
  }, 90_000);
});
