import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/store/datasets.js';
import { addLogins, answer, review, seedDataset } from './seed.js';
import { skipReason, startWorld, type World } from './world.js';

const settings = {
  fields: [{ name: 'text', type: 'text' as const }],
  questions: [
    { name: 'label', type: 'label' as const, options: ['good', 'bad'] },
    { name: 'fixed', type: 'text' as const, corrects: 'text', required: false },
  ],
  distribution: { responsesPerRecord: 2 },
};

describe.skipIf(skipReason() !== null)('the lineage panel in the browser', () => {
  let world: World;
  let seeded: { dataset: Dataset; ids: number[] };

  beforeAll(async () => {
    world = await startWorld();
    await addLogins(world.store, 'ann1', 'ann2', 'rev');
    seeded = await seedDataset(
      world.store,
      'lin',
      settings,
      [{ text: 'refunds within 90 days' }],
      ['ann1', 'ann2', 'rev'],
    );
    const { dataset, ids } = seeded;
    await answer(world.store, dataset, ids[0]!, 'ann1', { label: 'good' });
    await answer(world.store, dataset, ids[0]!, 'ann2', { label: 'bad' });
    await review(world.store, dataset, ids[0]!, 'rev', {
      action: 'edit',
      values: { label: 'bad', fixed: 'refunds within 30 days' },
    });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('shows a reviewer the answers, the decision and the correction; an annotator only their answer', async () => {
    const id = seeded.ids[0]!;
    const rev = await world.as('rev');
    await rev.page.goto(`${world.url}/datasets/lin/records?open=${id}`);
    const panel = rev.page.getByTestId('record-panel');
    await panel.getByText('Lineage').click();
    const lineage = panel.getByTestId('lineage');
    await lineage.getByRole('heading', { name: 'Decision' }).waitFor();
    const text = (await lineage.textContent()) ?? '';
    expect(text).toContain('ann1');
    expect(text).toContain('ann2');
    expect(text).toContain('accepted by rev');
    expect(text).toContain('label: reviewer');
    expect(await lineage.locator('del').first().textContent()).toContain('90');
    expect(await lineage.locator('ins').first().textContent()).toContain('30');
    expect(text).toContain('In no release yet.');
    expect(rev.trouble).toEqual([]);

    const ann = await world.as('ann1');
    await ann.page.goto(`${world.url}/datasets/lin/records?open=${id}`);
    const theirs = ann.page.getByTestId('record-panel');
    await theirs.getByText('Lineage').click();
    await theirs.getByTestId('lineage').getByRole('heading', { name: 'Answers' }).waitFor();
    const seen = (await theirs.getByTestId('lineage').textContent()) ?? '';
    expect(seen).toContain('ann1');
    expect(seen).not.toContain('ann2');
    expect(seen).not.toContain('Decision');
    expect(ann.trouble).toEqual([]);
  }, 60_000);
});
