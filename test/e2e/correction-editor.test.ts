import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/store/datasets.js';
import { addLogins, responsesOf, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

/** The correction editor (issue 17, item 6): only the agent's turns are boxes, sized to their text. */
const settings = {
  fields: [{ name: 'conversation', type: 'chat' as const }],
  questions: [{ name: 'correction', type: 'text' as const, corrects: 'conversation', required: false }],
  distribution: { responsesPerRecord: 1 },
};

const longAnswer = Array.from(
  { length: 30 },
  (_, i) => `Sentence ${i + 1} of a long agent answer that wraps over several lines in a narrow box.`,
).join(' ');

const conversation = [
  { role: 'system' as const, content: 'You are a support agent for Acme.' },
  { role: 'user' as const, content: 'My parcel is late.' },
  { role: 'assistant' as const, content: longAnswer },
  { role: 'user' as const, content: 'Can I get a refund?' },
  { role: 'assistant' as const, content: 'Refunds take 90 days.' },
];

describe.skipIf(skipReason() !== null)('the correction editor', () => {
  let world: World;
  let seeded: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann');
    seeded = await seedDataset(world.store, 'fix', settings, [{ conversation }], ['ann']);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('edits the agent turns only, in boxes that fit their text, with the diff shown while typing', async () => {
    const { page, trouble } = await world.as('ann');
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`${world.url}/datasets/fix/annotate`);
    await page.locator(`[data-testid="record"][data-record-id="${seeded.ids[0]}"]`).waitFor();
    const question = page.getByTestId('question-correction');

    // The system prompt and the user's turns are read-only text; the two agent turns are boxes.
    const boxes = question.locator('textarea');
    expect(await boxes.count()).toBe(2);
    const locked = question.getByTestId('turn-locked');
    expect(await locked.count()).toBe(3);
    expect(await locked.nth(0).textContent()).toContain('You are a support agent for Acme.');
    expect(await locked.nth(2).textContent()).toContain('Can I get a refund?');

    // The long turn is not cut off: the box is as tall as its text, with nothing to scroll.
    const fits = (i: number) =>
      boxes
        .nth(i)
        .evaluate(
          (el: { scrollHeight: number; clientHeight: number }) => el.scrollHeight <= el.clientHeight + 1,
        );
    const height = (i: number) =>
      boxes.nth(i).evaluate((el: { scrollHeight: number; clientHeight: number }) => el.clientHeight);
    expect(await boxes.nth(0).inputValue()).toBe(longAnswer);
    expect(await fits(0)).toBe(true);
    expect(await height(0)).toBeGreaterThan(100);

    // Typing into the second agent turn: the diff shows while the box still has focus, and the box grows.
    const before = await height(1);
    await boxes.nth(1).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' No: within 14 days, to the original card.\nSorry for the wait.');
    const diff = question.locator('.diff-box').filter({ hasText: 'Changes in turn 5' });
    await diff.waitFor();
    expect(await diff.textContent()).toContain('within 14 days');
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    expect(await height(1)).toBeGreaterThan(before);
    expect(await fits(1)).toBe(true);

    await page.keyboard.press('Control+Enter');
    await page.getByTestId('nothing-left').waitFor();
    const stored = await responsesOf(world.store, seeded.dataset.id);
    expect(stored[0]!.values.correction).toEqual([
      ...conversation.slice(0, 4),
      {
        role: 'assistant',
        content: 'Refunds take 90 days. No: within 14 days, to the original card.\nSorry for the wait.',
      },
    ]);
    expect(trouble).toEqual([]);
  }, 60_000);
});
