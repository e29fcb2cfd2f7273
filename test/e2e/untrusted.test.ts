import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLogins, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

const IMG = '<img src=x onerror=alert(1)>';
const MARKDOWN = [
  'Some **markdown** first.',
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss=2">',
  '[link](javascript:alert(1))',
].join('\n\n');
const BOLD = '<b>bold</b>';

/** Nothing in the page ran or rendered as markup: the record's text is text. */
async function expectInert(page: Page, container: string): Promise<void> {
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  const box = page.locator(container);
  expect(await box.getByTestId('field-text').textContent()).toContain(IMG);
  const chat = box.getByTestId('field-chat');
  expect(await chat.textContent()).toContain(BOLD);
  expect(await chat.locator('b').count()).toBe(0);
  const md = box.getByTestId('field-notes');
  expect(await md.locator('strong').textContent()).toBe('markdown');
  expect(await md.textContent()).toContain('link');
}

describe.skipIf(skipReason() !== null)('untrusted record content', () => {
  let world: World;
  let id: number;

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann');
    const seeded = await seedDataset(
      world.store,
      'xss',
      {
        fields: [
          { name: 'text', type: 'text' },
          { name: 'notes', type: 'markdown' },
          { name: 'chat', type: 'chat' },
        ],
        questions: [{ name: 'safe', type: 'label', options: ['yes', 'no'] }],
      },
      [
        {
          text: IMG,
          notes: MARKDOWN,
          chat: [
            { role: 'user', content: BOLD },
            { role: 'assistant', content: IMG },
          ],
        },
      ],
      ['ann'],
    );
    id = seeded.ids[0]!;
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('shows markup in fields as text in the annotate view and in the records panel', async () => {
    const { page, trouble } = await world.as('ann');
    await page.goto(`${world.url}/datasets/xss/annotate`);
    await page.locator(`[data-testid="record"][data-record-id="${id}"]`).waitFor();
    await expectInert(page, '[data-testid="record"]');

    await page.goto(`${world.url}/datasets/xss/records`);
    await page.getByRole('button', { name: 'Open record xss-0' }).click();
    const panel = page.getByTestId('record-panel');
    await panel.getByTestId('field-text').waitFor();
    await expectInert(page, '[data-testid="record-panel"]');
    // The table's preview is text too.
    expect(await page.getByTestId('records-table').textContent()).toContain(IMG);

    expect(trouble).toEqual([]);
  }, 60_000);
});
