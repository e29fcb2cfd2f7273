import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/store/datasets.js';
import { addLogins, seedDataset, userOf } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

describe.skipIf(skipReason() !== null)('an annotator paused for low accuracy on gold', () => {
  let world: World;
  let seeded: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann', 'admin1', 'rev', 'outsider');
    seeded = await seedDataset(
      world.store,
      'gold',
      {
        fields: [{ name: 'text', type: 'text' }],
        questions: [{ name: 'label', type: 'label', options: ['good', 'bad'] }],
        quality: { gold: { rate: 1, minAccuracy: 0.8, minAnswers: 1, pause: true } },
      },
      [{ text: 'A known answer: good.' }, { text: 'An ordinary record.' }],
      ['ann', 'rev'],
    );
    await world.store.gold.set(
      seeded.dataset.id,
      [{ recordId: seeded.ids[0]!, values: { label: 'good' } }],
      'e2e',
    );
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('sees why after a wrong gold answer; an admin resumes them from the quality report', async () => {
    const [gold, ordinary] = seeded.ids as [number, number];
    const ann = await world.as('ann');
    await ann.page.goto(`${world.url}/datasets/gold/annotate`);
    await ann.page.locator(`[data-testid="record"][data-record-id="${gold}"]`).waitFor();
    await ann.page.keyboard.press('2');
    await ann.page.keyboard.press('Enter');
    const paused = ann.page.getByTestId('paused');
    await paused.waitFor();
    expect(await paused.textContent()).toMatch(
      /paused on 'gold': accuracy on gold records 0%.*An admin can resume you/,
    );
    expect(await ann.page.getByTestId('nothing-left').count()).toBe(0);
    // A reload says the same.
    await ann.page.reload();
    await paused.waitFor();

    // A reviewer sees the flag and the reason in words, but no Resume button.
    const rev = await world.as('rev');
    await rev.page.goto(`${world.url}/datasets/gold/progress`);
    const revRow = rev.page.getByTestId('qa-annotator-ann');
    await revRow.waitFor();
    expect(await revRow.getByTestId('qa-gold').textContent()).toMatch(/^0% \[0%, \d+%\] of 1 Flagged/);
    expect(await revRow.getByTestId('qa-paused').textContent()).toContain('Paused');
    expect(await revRow.getByRole('button', { name: 'Resume ann' }).count()).toBe(0);

    const admin = await world.as('admin1');
    await admin.page.goto(`${world.url}/datasets/gold/progress`);
    const row = admin.page.getByTestId('qa-annotator-ann');
    await row.getByRole('button', { name: 'Resume ann' }).click();
    await row.getByTestId('qa-paused').getByText('working').waitFor();
    expect(
      await world.store.members.pausedReason(seeded.dataset.id, (await userOf(world.store, 'ann')).id),
    ).toBeNull();

    await ann.page.reload();
    await ann.page.locator(`[data-testid="record"][data-record-id="${ordinary}"]`).waitFor();

    // Someone who is not a member is told the dataset does not exist (a 404: not even that it does).
    const outsider = await world.as('outsider');
    await outsider.page.goto(`${world.url}/datasets/gold/annotate`);
    await outsider.page.getByRole('alert').getByText("dataset 'gold' does not exist").waitFor();
    expect(await outsider.page.getByTestId('paused').count()).toBe(0);

    // The 403s of a paused annotator's /next are expected console noise, nothing else is.
    expect(ann.trouble.filter((t) => !/status of 403/.test(t))).toEqual([]);
    expect(rev.trouble).toEqual([]);
    expect(admin.trouble).toEqual([]);
  }, 60_000);
});
