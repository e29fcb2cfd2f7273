// The annotation app in Chromium: what the first load costs and how fast the next record appears
// after a submission (the figure the issue sets at ≤ 50 ms), on a store of N records (SQLite).
// Usage: npm run build && npm run bench -- web [N=10000] [ANSWERS=60]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { contentHash } from '../dist/core/hash.js';
import { datasetSettings } from '../dist/core/settings.js';
import { buildServer } from '../dist/server/app.js';
import { hashPassword } from '../dist/server/auth/password.js';
import { openStore } from '../dist/store/connect.js';
import { contextOf } from '../dist/store/store.js';

import { machine } from './lib/machine.mjs';

const N = Number(process.argv[3] ?? 10_000);
const ANSWERS = Number(process.argv[4] ?? 60);
const webRoot = fileURLToPath(new URL('../dist/web/', import.meta.url));
console.log(`machine: ${machine()}`);

// First load: the scripts index.html pulls in (entry and its static imports), gzipped.
const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const assets = readdirSync(join(webRoot, 'assets'));
const gz = (f) => gzipSync(readFileSync(join(webRoot, 'assets', f))).length;
const js = entry.filter((f) => f.endsWith('.js'));
console.log(
  `first load: ${js.map((f) => `${f} ${(gz(f) / 1024).toFixed(1)} KB`).join(', ')} gzipped JavaScript` +
    ` (+ ${entry
      .filter((f) => f.endsWith('.css'))
      .map((f) => `${(gz(f) / 1024).toFixed(1)} KB CSS`)
      .join(', ')})`,
);
const lazy = assets.filter((f) => f.endsWith('.js') && !js.includes(f));
console.log(`loaded later: ${lazy.map((f) => `${f} ${(gz(f) / 1024).toFixed(1)} KB`).join(', ')}`);

const dir = mkdtempSync(join(tmpdir(), 'tandem-web-bench-'));
const store = await openStore(join(dir, 'web.db'));
const settings = datasetSettings.parse({
  fields: [{ name: 'text', type: 'text' }],
  questions: [
    { name: 'sentiment', type: 'label', options: ['positive', 'negative', 'neutral'] },
    { name: 'quality', type: 'rating', values: [1, 2, 3, 4, 5] },
  ],
  guidelines: '## Guidelines\n\nRead the text, pick a sentiment, rate the writing.',
});
const d = await store.datasets.create('bench', settings, 'bench');
for (let i = 0; i < N; i += 5000) {
  const rows = [];
  for (let j = i; j < Math.min(N, i + 5000); j++) {
    const fields = {
      text: `Customer message ${j}: my order arrived late and the box was damaged. ${'Details follow. '.repeat(8)}`,
    };
    rows.push({
      externalId: `r${j}`,
      fields,
      metadata: {},
      provenance: { origin: 'human', author: 'bench' },
      contentHash: contentHash(fields),
    });
  }
  await store.records.insert(d.id, rows, 'bench');
}
await store.users.create(
  { username: 'ann', role: 'annotator', passwordHash: await hashPassword('bench-password') },
  'bench',
);
await store.members.change(d.id, { add: ['ann'] }, 'bench');
const app = await buildServer(store, { webRoot });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${app.server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const t0 = performance.now();
  await page.goto(`${url}/login`);
  await page.getByLabel(/user ?name/i).fill('ann');
  await page.getByLabel(/password/i).fill('bench-password');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${url}/datasets/bench/annotate`);
  await page.getByTestId('record').waitFor();
  console.log(`login to first record on screen: ${Math.round(performance.now() - t0)} ms`);
  for (let i = 0; i < ANSWERS; i++) {
    const id = await page.getByTestId('record').getAttribute('data-record-id');
    await page.keyboard.press(String((i % 3) + 1));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(String((i % 5) + 1));
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (prev) => document.querySelector('[data-testid="record"]')?.getAttribute('data-record-id') !== prev,
      id,
    );
  }
  const timings = (await page.evaluate(() => window.__tandemTimings ?? [])).map((t) => t.submitToNextMs);
  const sorted = [...timings].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  console.log(
    `submit → next record on screen over ${sorted.length} records: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${sorted.at(-1)} ms`,
  );
  const stored = await contextOf(store)
    .db.selectFrom('responses')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`responses stored: ${stored.n} (answered ${ANSWERS})`);
} finally {
  await browser.close();
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
