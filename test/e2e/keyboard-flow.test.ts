import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/store/datasets.js';
import { addLogins, answer, responsesOf, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

/** The keyboard-only paths a new annotator and reviewer tripped over (issue 17, item 5). */
const settings = {
  fields: [{ name: 'text', type: 'text' as const }],
  questions: [
    { name: 'topic', type: 'label' as const, options: ['billing', 'shipping', 'other'] },
    { name: 'quality', type: 'rating' as const, values: [1, 2, 3, 4, 5] },
  ],
  distribution: { responsesPerRecord: 1 },
};

const reviewSettings = {
  fields: [{ name: 'text', type: 'text' as const }],
  questions: [
    { name: 'label', type: 'label' as const, options: ['good', 'bad'] },
    { name: 'fixed', type: 'text' as const, corrects: 'text' },
  ],
  distribution: { responsesPerRecord: 1 },
};

describe.skipIf(skipReason() !== null)('the keyboard flow of annotators and reviewers', () => {
  let world: World;
  let annotate: { dataset: Dataset; ids: number[] };
  let discard: { dataset: Dataset; ids: number[] };
  let reviewed: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann', 'rev');
    annotate = await seedDataset(
      world.store,
      'flow',
      settings,
      [{ text: 'Where is my parcel?' }, { text: 'I was charged twice.' }, { text: 'Hello.' }],
      ['ann'],
    );
    discard = await seedDataset(
      world.store,
      'flow-discard',
      settings,
      [{ text: 'ÃƒÂ©ÃƒÂ¨' }, { text: 'A real question.' }],
      ['ann'],
    );
    reviewed = await seedDataset(
      world.store,
      'flow-review',
      reviewSettings,
      [{ text: 'teh text' }],
      ['ann', 'rev'],
    );
    await answer(world.store, reviewed.dataset, reviewed.ids[0]!, 'ann', {
      label: 'good',
      fixed: 'the text',
    });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('says how many are done of how many; an "answer first" error goes with the next submit and covers no answer', async () => {
    const { page, trouble } = await world.as('ann');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${world.url}/datasets/flow/annotate`);
    await page.locator(`[data-testid="record"][data-record-id="${annotate.ids[0]}"]`).waitFor();
    const count = page.getByTestId('done-count');
    expect(await count.textContent()).toBe('0 done of 3 · 3 answers still needed');

    // Enter before answering: refused, with the error on screen.
    await page.keyboard.press('Enter');
    const error = page.getByTestId('live-error').locator('.toast');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Answer “topic” first/);
    // The error sits clear of every answer button.
    const box = (await error.boundingBox())!;
    for (const q of ['topic', 'quality']) {
      const options = page.getByTestId(`question-${q}`).getByRole('radio');
      for (let i = 0; i < (await options.count()); i++) {
        const o = (await options.nth(i).boundingBox())!;
        const overlaps =
          box.x < o.x + o.width &&
          o.x < box.x + box.width &&
          box.y < o.y + o.height &&
          o.y < box.y + box.height;
        expect(overlaps, `the error covers ${q} option ${i + 1}`).toBe(false);
      }
    }

    await page.keyboard.press('2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('4');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="record"][data-record-id="${annotate.ids[1]}"]`).waitFor();
    // Submitted: the error is gone (well before its 8 s), the count moved on.
    await error.waitFor({ state: 'detached', timeout: 2000 });
    expect(await count.textContent()).toBe('1 done of 3 · 2 answers still needed');
    expect(trouble).toEqual([]);
  }, 60_000);

  it('discards with Ctrl+Enter from the reason; the keys typed next answer the next record', async () => {
    const { page, trouble } = await world.as('ann');
    await page.goto(`${world.url}/datasets/flow-discard/annotate`);
    await page.locator(`[data-testid="record"][data-record-id="${discard.ids[0]}"]`).waitFor();

    await page.keyboard.press('Backspace');
    const dialog = page.getByTestId('discard-dialog');
    await dialog.waitFor();
    await page.keyboard.type('Mojibake');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-testid="record"][data-record-id="${discard.ids[1]}"]`).waitFor();
    await page.keyboard.press('3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('5');
    await page.keyboard.press('Enter');
    await page.getByTestId('nothing-left').waitFor();

    const stored = await responsesOf(world.store, discard.dataset.id);
    expect(stored.map((r) => [r.recordId, r.status, r.reason, r.values])).toEqual([
      [discard.ids[0], 'discarded', 'Mojibake', {}],
      [discard.ids[1], 'submitted', null, { topic: 'other', quality: 5 }],
    ]);
    expect(trouble).toEqual([]);
  }, 60_000);

  it('edits a final version: e moves focus into the editor, Escape leaves the text box, Enter saves', async () => {
    const { page, trouble } = await world.as('rev');
    await page.goto(`${world.url}/datasets/flow-review/review`);
    await page.locator(`[data-testid="record"][data-record-id="${reviewed.ids[0]}"]`).waitFor();

    await page.keyboard.press('e');
    const edit = page.getByTestId('edit-final');
    await edit.waitFor();
    const focusInEditor = () =>
      page.evaluate(`!!document.activeElement?.closest('[data-testid="edit-final"]')`);
    expect(await focusInEditor()).toBe(true);

    // ↓ to the correction, Tab into its box, type at the end, Escape out of it, Enter saves.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(', fixed');
    await page.keyboard.press('Escape');
    expect(await page.evaluate('document.activeElement?.tagName')).not.toBe('TEXTAREA');
    expect(await focusInEditor()).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('nothing-left').waitFor();

    const record = await world.store.records.get(reviewed.ids[0]!);
    expect(record.status).toBe('accepted');
    expect(record.finalValues?.fixed).toMatchObject({ value: 'the text, fixed', decidedBy: 'rev' });
    expect(trouble).toEqual([]);
  }, 60_000);
});
