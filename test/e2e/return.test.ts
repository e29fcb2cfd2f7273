import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/store/datasets.js';
import { contextOf } from '../../src/store/store.js';
import { addLogins, responsesOf, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

describe.skipIf(skipReason() !== null)('a record returned by the reviewer', () => {
  let world: World;
  let seeded: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann', 'rev');
    seeded = await seedDataset(
      world.store,
      'ret',
      {
        fields: [{ name: 'text', type: 'text' }],
        questions: [
          { name: 'label', type: 'label', options: ['good', 'bad', 'unclear'] },
          { name: 'note', type: 'text', required: false },
        ],
      },
      [{ text: 'A text the annotator got wrong.' }],
      ['ann', 'rev'],
    );
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('reaches its annotator again with their answer and the comment', async () => {
    const id = seeded.ids[0]!;
    // The annotator answers and is left with an empty queue, the page still open.
    const annotator = await world.as('ann');
    const { page } = annotator;
    await page.goto(`${world.url}/datasets/ret/annotate`);
    const record = page.locator(`[data-testid="record"][data-record-id="${id}"]`);
    await record.waitFor();
    await page.keyboard.press('2');
    await record.getByTestId('question-note').locator('textarea').fill('first try');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('nothing-left').waitFor();

    const reviewer = await world.as('rev');
    await reviewer.page.goto(`${world.url}/datasets/ret/review`);
    await reviewer.page.locator(`[data-testid="record"][data-record-id="${id}"]`).waitFor();
    await reviewer.page.getByTestId('review-return').click();
    const dialog = reviewer.page.getByTestId('return-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'ann' }).isChecked()).toBe(true);
    await dialog.getByLabel(/comment/i).fill('Read the last sentence again: it is good.');
    await dialog.getByRole('button', { name: 'Return' }).click();
    await reviewer.page.getByTestId('nothing-left').waitFor();

    // Stored: the answer is a draft again, the record assigned back to its annotator.
    const [response] = await responsesOf(world.store, seeded.dataset.id);
    expect(response).toMatchObject({ username: 'ann', status: 'draft', values: { label: 'bad' } });
    expect((await world.store.records.get(id)).status).toBe('in_review');
    const assignment = await contextOf(world.store)
      .db.selectFrom('assignments')
      .innerJoin('users', 'users.id', 'assignments.user_id')
      .select(['assignments.kind', 'users.username'])
      .where('assignments.record_id', '=', id)
      .where('assignments.round', '=', 1)
      .execute();
    expect(assignment).toEqual([{ kind: 'returned', username: 'ann' }]);

    // "Annotate" in the header asks the server again, even from the annotate page itself.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Annotate' }).click();
    await record.waitFor();
    const checked = record.getByTestId('question-label').locator('[aria-checked="true"]');
    expect(await checked.textContent()).toContain('bad');
    expect(await record.getByTestId('question-note').locator('textarea').inputValue()).toBe('first try');
    const comments = record.getByTestId('comments');
    expect(await comments.textContent()).toContain('Read the last sentence again: it is good.');
    expect(await comments.textContent()).toContain('rev');

    // The corrected answer goes back to the reviewers.
    await record.getByTestId('question-label').focus();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.getByTestId('nothing-left').waitFor();
    const [after] = await responsesOf(world.store, seeded.dataset.id);
    expect(after).toMatchObject({ status: 'submitted', values: { label: 'good', note: 'first try' } });

    expect(reviewer.trouble).toEqual([]);
    expect(annotator.trouble).toEqual([]);
  }, 60_000);
});
