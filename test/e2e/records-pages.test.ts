import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLogins, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

/** The records list (issue 17, item 9): page N in one request, the view in the URL. */
describe.skipIf(skipReason() !== null)('the records list in the browser', () => {
  let world: World;
  let ids: number[];

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'rev');
    const seeded = await seedDataset(
      world.store,
      'big',
      {
        fields: [{ name: 'text', type: 'text' }],
        questions: [{ name: 'ok', type: 'label', options: ['y', 'n'] }],
      },
      Array.from({ length: 130 }, (_, i) => ({ text: `${i % 2 ? 'odd' : 'even'} record ${i}` })),
      ['rev'],
    );
    ids = seeded.ids;
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('jumps to a page in one request and keeps filters and page in a URL that reloads to the same view', async () => {
    const { page, trouble } = await world.as('rev');
    const listRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/datasets\/big\/records\?/.test(r.url())) listRequests.push(r.url());
    });
    await page.goto(`${world.url}/datasets/big/records`);
    const status = page.getByText(/^Showing /);
    await status.waitFor();
    expect(await status.textContent()).toBe('Showing 1–50 of 130 records');
    const pager = page.getByTestId('pager');
    expect(await pager.textContent()).toContain('of 3');
    const rows = page.locator('tr[data-record-id]');

    // Page 3 straight from page 1: one request, the URL says where we are.
    listRequests.length = 0;
    await page.getByTestId('page-input').fill('3');
    await page.getByTestId('page-input').press('Enter');
    await page.waitForURL('**/datasets/big/records?page=3');
    await page.getByText('Showing 101–130 of 130 records').waitFor();
    expect(await rows.count()).toBe(30);
    expect(await rows.first().getAttribute('data-record-id')).toBe(String(ids[100]));
    expect(listRequests).toHaveLength(1);
    expect(new URL(listRequests[0]!).searchParams.get('page')).toBe('3');

    // A filter goes into the URL and starts again at page 1; Next moves on.
    await page.getByLabel('Text search').fill('odd');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/datasets/big/records?q=odd');
    await page.getByText('Showing 1–50 of 65 records').waitFor();
    await pager.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL('**/datasets/big/records?q=odd&page=2');
    await page.getByText('Showing 51–65 of 65 records').waitFor();

    // The shared link, opened elsewhere, shows the same view with its filter filled in.
    const other = await world.as('rev');
    await other.page.goto(`${world.url}/datasets/big/records?q=odd&page=2`);
    await other.page.getByText('Showing 51–65 of 65 records').waitFor();
    expect(await other.page.getByLabel('Text search').inputValue()).toBe('odd');
    const shared = other.page.locator('tr[data-record-id]');
    expect(await shared.first().getAttribute('data-record-id')).toBe(String(ids[101]));
    // Back returns to the previous view.
    await page.goBack();
    await page.getByText('Showing 1–50 of 65 records').waitFor();
    expect(trouble).toEqual([]);
    expect(other.trouble).toEqual([]);
  }, 60_000);
});
