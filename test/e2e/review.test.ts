import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/hash.js';
import type { Dataset } from '../../src/store/datasets.js';
import { addLogins, answer, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

const settings = {
  fields: [{ name: 'text', type: 'text' as const }],
  questions: [
    { name: 'label', type: 'label' as const, options: ['good', 'bad', 'unclear'] },
    { name: 'fixed', type: 'text' as const, corrects: 'text' },
  ],
  distribution: { responsesPerRecord: 2 },
};

describe.skipIf(skipReason() !== null)('the review round in the browser', () => {
  let world: World;
  let seeded: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann1', 'ann2', 'rev');
    seeded = await seedDataset(
      world.store,
      'rv',
      settings,
      [{ text: 'teh first text' }, { text: 'the secnd text' }],
      ['ann1', 'ann2', 'rev'],
    );
    const { dataset, ids } = seeded;
    await answer(world.store, dataset, ids[0]!, 'ann1', { label: 'good', fixed: 'the first text' });
    await answer(world.store, dataset, ids[0]!, 'ann2', { label: 'bad', fixed: 'teh first text' });
    await answer(world.store, dataset, ids[1]!, 'ann1', { label: 'good', fixed: 'the second text' });
    await answer(world.store, dataset, ids[1]!, 'ann2', { label: 'unclear', fixed: 'the secnd text' });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('accepts one response with the keyboard and corrects the next record by hand', async () => {
    const { ids } = seeded;
    const { page, trouble } = await world.as('rev');
    await page.goto(`${world.url}/datasets/rv/review`);
    await page.locator(`[data-testid="record"][data-record-id="${ids[0]}"]`).waitFor();

    // Both responses side by side, the disagreement marked.
    expect(await page.getByTestId('response-column-1').textContent()).toContain('ann1');
    expect(await page.getByTestId('response-column-2').textContent()).toContain('ann2');
    expect(await page.getByTestId('agreement-label').getAttribute('data-unanimous')).toBe('false');
    expect(await page.getByTestId('agreement-label').textContent()).toContain('disagreement');

    // 2 chooses ann2's column, Enter accepts it.
    await page.keyboard.press('2');
    await page.getByTestId('review-accept').filter({ hasText: 'ann2' }).waitFor();
    await page.keyboard.press('Enter');

    // The next record: edit a final version from ann1's answer, changing the correction and the label.
    await page.locator(`[data-testid="record"][data-record-id="${ids[1]}"]`).waitFor();
    await page.getByTestId('review-edit').click();
    const edit = page.getByTestId('edit-final');
    await edit.waitFor();
    const correction = edit.getByTestId('question-fixed').locator('textarea');
    expect(await correction.inputValue()).toBe('the second text');
    await correction.fill('The second text, corrected.');
    await edit.getByTestId('question-label').getByRole('radio').nth(2).click();
    await page.getByTestId('review-save-edit').click();
    await page.getByTestId('nothing-left').waitFor();

    const first = await world.store.records.get(ids[0]!);
    expect(first.status).toBe('accepted');
    expect(first.finalValues?.label).toMatchObject({ value: 'bad', method: 'reviewer', decidedBy: 'rev' });
    expect(first.finalValues?.fixed).toMatchObject({ value: 'teh first text', decidedBy: 'rev' });

    const second = await world.store.records.get(ids[1]!);
    expect(second.status).toBe('accepted');
    expect(second.finalValues?.fixed).toMatchObject({
      value: 'The second text, corrected.',
      method: 'reviewer',
      decidedBy: 'rev',
    });
    expect(second.finalValues?.label).toMatchObject({
      value: 'unclear',
      method: 'reviewer',
      decidedBy: 'rev',
    });
    expect(trouble).toEqual([]);
  }, 60_000);

  it('shows the quality report to the reviewer, its disputed records opening in the records page', async () => {
    const { dataset } = seeded;
    // A third record whose answers disagree, still waiting for a reviewer: the disputed list holds
    // only undecided records (the head of the adjudication queue).
    const fields = { text: 'a thrid text' };
    const { firstId } = await world.store.records.insert(
      dataset.id,
      [
        {
          externalId: 'rv-2',
          fields,
          metadata: {},
          provenance: { origin: 'human', author: 'e2e' },
          contentHash: contentHash(fields),
        },
      ],
      'e2e',
    );
    await answer(world.store, dataset, firstId!, 'ann1', { label: 'good', fixed: 'a third text' });
    await answer(world.store, dataset, firstId!, 'ann2', { label: 'bad', fixed: 'a thrid text' });
    const { page, trouble } = await world.as('rev');
    await page.goto(`${world.url}/datasets/rv/progress`);
    const qa = page.getByTestId('qa-section');
    await qa.getByTestId('qa-question-label').waitFor();
    const label = (await qa.getByTestId('qa-question-label').textContent()) ?? '';
    expect(label).toMatch(/α -?\d\.\d\d( \[-?\d\.\d\d, -?\d\.\d\d\])? over 3 records/);
    expect(label).toContain('good');
    expect(await qa.getByTestId('qa-question-fixed').textContent()).toContain('no agreement figure for text');
    const ann1 = (await qa.getByTestId('qa-annotator-ann1').textContent()) ?? '';
    expect(ann1).toMatch(/0% \[\d+%, \d+%\] of \d+/);
    expect(ann1).toContain('working');

    const disputed = qa.getByTestId('qa-disputed');
    expect(await disputed.locator('li').count()).toBe(1);
    await disputed.getByRole('link', { name: 'Open record rv-2' }).click();
    await page.waitForURL(`**/datasets/rv/records?open=${firstId}`);
    const panel = page.getByTestId('record-panel');
    await panel.getByText('a thrid text').first().waitFor();
    expect(trouble).toEqual([]);
  }, 60_000);
});
