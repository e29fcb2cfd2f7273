import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildServer } from '../../src/server/app.js';
import { hashPassword } from '../../src/server/auth/password.js';
import type { OpenStore as Store } from '../../src/store/store.js';

export const CHROMIUM = '/usr/bin/chromium';
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Why the browser tests cannot run here, or null when they can. CI installs Debian's chromium
 * (.ci/run) and builds the web app (npm test builds first), so there they always run.
 */
export function browserUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  if (!existsSync(`${WEB_ROOT}index.html`)) return 'dist/web is not built (npm run build)';
  return null;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The API and the built web app on a free port. */
export async function serve(store: Store): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildServer(store, {
    webRoot: WEB_ROOT,
    loginRateLimit: 1000,
    // Every browser logs in from 127.0.0.1.
    loginLimits: { perAddress: 100_000, perAccount: 100_000, global: 100_000 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function addLogin(store: Store, username: string, role: 'annotator' | 'reviewer' | 'admin') {
  await store.users.create(
    { username, role, passwordHash: await hashPassword(`${username}-password`) },
    'test',
  );
}

/** Logs in through the login form, with the keyboard. */
export async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/user ?name/i).focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${username}-password`);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Fails the test on any page error, console error or dialog (an alert() would be an XSS). */
export function watchForTrouble(page: Page): string[] {
  const trouble: string[] = [];
  page.on('pageerror', (e) => trouble.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => {
    trouble.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 204|favicon/.test(m.text())) trouble.push(`console: ${m.text()}`);
  });
  return trouble;
}
