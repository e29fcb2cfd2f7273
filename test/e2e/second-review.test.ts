import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/store/datasets.js';
import { contextOf } from '../../src/store/store.js';
import { addLogins, answer, review, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

describe.skipIf(skipReason() !== null)('second review and the quality report', () => {
  let world: World;
  let seeded: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann', 'r1', 'r2');
    seeded = await seedDataset(
      world.store,
      'sec',
      {
        fields: [{ name: 'text', type: 'text' }],
        questions: [{ name: 'label', type: 'label', options: ['good', 'bad'] }],
        distribution: { responsesPerRecord: 1 },
        quality: { secondReview: { rate: 1 } },
      },
      [{ text: 'Fine as it is.' }, { text: 'Clearly wrong, yet accepted as good.' }],
      ['ann', 'r1', 'r2'],
    );
    const { dataset, ids } = seeded;
    for (const id of ids) await answer(world.store, dataset, id, 'ann', { label: 'good' });
    const responses = await contextOf(world.store)
      .db.selectFrom('responses')
      .select(['id', 'record_id'])
      .orderBy('record_id')
      .execute();
    for (const r of responses)
      await review(world.store, dataset, r.record_id, 'r1', { action: 'accept', responseId: r.id });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  const secondOf = (id: number) =>
    contextOf(world.store)
      .db.selectFrom('records')
      .select(['second_review', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('agrees with a (key), disputes with d, a comment and Enter, and the progress page counts it', async () => {
    const [agreed, disputed] = seeded.ids as [number, number];
    expect(await secondOf(agreed)).toEqual({ second_review: 'pending', status: 'accepted' });

    // The first reviewer has nothing to second-review: they decided both.
    const first = await world.as('r1');
    await first.page.goto(`${world.url}/datasets/sec/second`);
    await first.page.getByTestId('nothing-left').getByText('Nothing waiting for a second review').waitFor();

    const { page, trouble } = await world.as('r2');
    // From the datasets list.
    await page.getByRole('link', { name: 'Second review of sec' }).click();
    await page.locator(`[data-testid="record"][data-record-id="${agreed}"]`).waitFor();
    const finals = page.getByTestId('second-final-values');
    expect(await finals.textContent()).toMatch(/good.*reviewer by r1/s);
    expect(await page.getByTestId('responses-table').textContent()).toContain('ann');
    await page.keyboard.press('a');

    await page.locator(`[data-testid="record"][data-record-id="${disputed}"]`).waitFor();
    await page.keyboard.press('d');
    const dialog = page.getByTestId('disagree-dialog');
    await dialog.waitFor();
    await page.keyboard.type('The text is clearly bad.');
    await page.keyboard.press('Enter');
    await page.getByTestId('nothing-left').getByText('Nothing waiting for a second review').waitFor();

    expect(await secondOf(agreed)).toEqual({ second_review: 'agreed', status: 'accepted' });
    expect(await secondOf(disputed)).toEqual({ second_review: 'disagreed', status: 'in_review' });
    const comments = await contextOf(world.store)
      .db.selectFrom('comments')
      .select(['record_id', 'body'])
      .where('record_id', '=', disputed)
      .execute();
    expect(comments).toEqual([{ record_id: disputed, body: 'The text is clearly bad.' }]);

    await page.goto(`${world.url}/datasets/sec/progress`);
    const block = page.getByTestId('qa-second-review');
    await block.waitFor();
    expect(await block.getByTestId('second-reviewed').textContent()).toBe('2');
    expect(await block.getByTestId('second-disagreed').textContent()).toBe('1');
    expect(await block.getByTestId('second-error-rate').textContent()).toMatch(/^50% \[[\d.]+%, [\d.]+%\]$/);
    // The disputed record heads the list of disputes.
    expect(await page.getByTestId('qa-disputed').locator('li').first().getAttribute('data-record-id')).toBe(
      String(disputed),
    );

    expect(trouble).toEqual([]);
    expect(first.trouble).toEqual([]);
  }, 60_000);
});
