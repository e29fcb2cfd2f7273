import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, recordVerdict, startFactualAudit } from '../../src/stages/audit/index.js';
import { openStore } from '../../src/store/connect.js';
import { seedAuditDataset } from '../stages/audit/seed.js';
import { CHROMIUM, launch, watchForTrouble } from './harness.js';

const EVIL = '<img src=x onerror="document.title=\'pwned\'">';
const dir = mkdtempSync(join(tmpdir(), 'tandem-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tandem report', () => {
  const out = join(dir, 'report.html');

  it('writes one self-contained HTML file: charts as SVG, no script, no network, record text escaped', {
    timeout: 120_000,
  }, async () => {
    const store = await openStore(join(dir, 'r.db'));
    try {
      await seedAuditDataset(
        store,
        'rep',
        Array.from({ length: 120 }, (_, i) => ({
          intent: i % 3 === 0 ? EVIL : i % 3 === 1 ? 'refund' : 'shipping',
          language: i % 4 ? 'en' : 'de',
          text: i % 2 ? `The woman asked <script>alert(${i})</script>` : 'The man asked about a refund.',
          status: i % 5 ? 'accepted' : 'rejected',
          checks: { pii: i % 7 !== 0 },
          judge: { passed: i % 6 !== 0, score: 3 },
        })),
      );
      const a = await startFactualAudit(store, 'rep', { sample: 10, strata: ['language'], actor: 't' });
      for (const it of await store.audits.items(a.audit.id))
        await recordVerdict(store, a.audit.id, it.recordId, { verdict: 'correct' }, 'user:t');
      // A stored counterfactual probe (its provider name hostile), and a recipe with a combination minimum.
      const d = await store.datasets.get('rep');
      await store.audits.create({
        datasetId: d.id,
        kind: 'counterfactual',
        releaseVersion: null,
        params: {},
        results: {
          kind: 'counterfactual',
          judge: { provider: EVIL, criteria: ['h'] },
          records: 120,
          eligible: 60,
          sampled: 60,
          swaps: [{ type: 'pronouns', n: 60, mean: 0.25, lo: 0.2, hi: 0.3, flagged: true, pairs: [] }],
          errors: 0,
          calls: 120,
          cacheHits: 0,
        },
        status: 'done',
        createdBy: 't',
      });
      const recipe = join(dir, 'recipe.yaml');
      writeFileSync(
        recipe,
        [
          'name: rep',
          'columns:',
          '  - name: intent',
          '    sampler: category',
          '    values: [refund, shipping, billing]',
          '  - name: text',
          '    expression: "{{ intent }}"',
          'coverage:',
          '  combinations:',
          '    - { columns: [intent], min: 30 }',
        ].join('\n'),
      );
      const r = await buildReport(store, 'rep', { out, recipeFile: recipe, actor: 't' });
      expect(r.records).toBe(120);
    } finally {
      await store.close();
    }
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain(EVIL.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
    expect(html).toContain('<h2>Counterfactual probe of the judge</h2>');
    expect(html).toContain('yes: the judge scores one side differently');
    // 40 refunds, 40 shipping, no billing: one combination below the minimum of 30.
    expect(html).toContain("intent: 1 of 3 combinations below the recipe's minimum of 30");
    expect(html).toContain('<td>billing</td><td>0</td>');
  });

  it.skipIf(!existsSync(CHROMIUM))('opens in Chromium with no console errors and no requests', async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const trouble = watchForTrouble(page);
      const requests: string[] = [];
      page.on('request', (q) => {
        if (!q.url().startsWith('file:')) requests.push(q.url());
      });
      await page.goto(pathToFileURL(out).href);
      expect(await page.title()).toBe('Audit report: rep');
      expect(await page.locator('svg').count()).toBeGreaterThan(3);
      expect(await page.locator('img').count()).toBe(0);
      // The hostile value is there, as text.
      expect(await page.locator('body').textContent()).toContain(EVIL);
      expect(trouble).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
