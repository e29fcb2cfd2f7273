import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/store/datasets.js';
import { addLogins, responsesOf, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

const settings = {
  fields: [{ name: 'text', type: 'text' as const }],
  questions: [
    { name: 'topic', type: 'label' as const, options: ['billing', 'shipping', 'other'] },
    { name: 'quality', type: 'rating' as const, values: [1, 2, 3, 4, 5] },
  ],
  distribution: { responsesPerRecord: 1 },
};

describe.skipIf(skipReason() !== null)('annotating with the keyboard only', () => {
  let world: World;
  let main: { dataset: Dataset; ids: number[] };
  let discards: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann');
    main = await seedDataset(
      world.store,
      'kb',
      settings,
      [{ text: 'Where is my parcel?' }, { text: 'I was charged twice.' }, { text: 'Hello there.' }],
      ['ann'],
    );
    discards = await seedDataset(world.store, 'kb-discard', settings, [{ text: 'ÃƒÂ©ÃƒÂ¨' }], ['ann']);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('answers three records with digits, arrows, Tab and Enter; the shortcuts list opens and closes', async () => {
    const { page, trouble } = await world.as('ann');
    await page.goto(`${world.url}/datasets/kb/annotate`);
    const recordShown = (id: number) =>
      page.locator(`[data-testid="record"][data-record-id="${id}"]`).waitFor();
    await recordShown(main.ids[0]!);

    // ? lists the keys; Escape closes the list.
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-dialog');
    await help.waitFor();
    const listed = (await help.textContent()) ?? '';
    for (const key of ['Enter', 'Backspace', 'Tab', '↓', 'Esc', '?'])
      expect(listed, `the list names ${key}`).toContain(key);
    expect(listed).toMatch(/Discard the record/);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // Record 1: digit for the label, ↓ to the rating, digit, Enter.
    await page.keyboard.press('2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('4');
    const checked = (q: string) => page.getByTestId(`question-${q}`).locator('[aria-checked="true"]');
    expect(await checked('topic').textContent()).toContain('shipping');
    expect(await checked('quality').textContent()).toContain('4');
    await page.keyboard.press('Enter');

    // Record 2: the same keys, other answers.
    await recordShown(main.ids[1]!);
    await page.keyboard.press('3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');

    // Record 3: ↓ to the rating, Tab into its options, → twice picks 3, Enter submits from the option.
    await recordShown(main.ids[2]!);
    await page.keyboard.press('1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await checked('quality').textContent()).toContain('3');
    await page.keyboard.press('Enter');

    await page.getByTestId('nothing-left').waitFor();

    const timings = (await page.evaluate('window.__tandemTimings')) as
      | { submitToNextMs: number }[]
      | undefined;
    console.log(
      `[tandem e2e] submit→next record shown (ms): ${JSON.stringify((timings ?? []).map((t) => t.submitToNextMs))}`,
    );

    const stored = await responsesOf(world.store, main.dataset.id);
    expect(stored.map((r) => [r.recordId, r.username, r.status, r.values])).toEqual([
      [main.ids[0], 'ann', 'submitted', { topic: 'shipping', quality: 4 }],
      [main.ids[1], 'ann', 'submitted', { topic: 'other', quality: 2 }],
      [main.ids[2], 'ann', 'submitted', { topic: 'billing', quality: 3 }],
    ]);
    for (const r of stored) expect(r.timeSpentMs).toBeGreaterThan(0);
    expect(trouble).toEqual([]);
  }, 60_000);

  it('discards a record with Backspace, a typed reason and Enter', async () => {
    const { page, trouble } = await world.as('ann');
    await page.goto(`${world.url}/datasets/kb-discard/annotate`);
    await page.locator(`[data-testid="record"][data-record-id="${discards.ids[0]}"]`).waitFor();

    await page.keyboard.press('Backspace');
    const dialog = page.getByTestId('discard-dialog');
    await dialog.waitFor();
    await page.keyboard.type('Unreadable: mojibake');
    await page.keyboard.press('Enter');
    await page.getByTestId('nothing-left').waitFor();

    const stored = await responsesOf(world.store, discards.dataset.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      recordId: discards.ids[0],
      status: 'discarded',
      reason: 'Unreadable: mojibake',
      values: {},
    });
    expect(stored[0]!.timeSpentMs).toBeGreaterThan(0);
    expect(trouble).toEqual([]);
  }, 60_000);
});
