/** One store, one server and one browser per test file, with a fresh browser context per user. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OpenStore as Store } from '../../src/store/store.js';
import { browserUnavailable, launch, logIn, serve, watchForTrouble } from './harness.js';
import { tempStore } from './seed.js';

/** Why this file's browser tests are skipped (printed once per file), or null when they run. */
export function skipReason(): string | null {
  const reason = browserUnavailable();
  if (reason) console.warn(`[tandem] end-to-end browser tests skipped: ${reason}`);
  return reason;
}

export interface Session {
  page: Page;
  /** Page errors, console errors and dialogs seen so far. */
  trouble: string[];
}

export interface World {
  store: Store;
  url: string;
  /** A new browser context (its own cookies) logged in as `username` through the login form. */
  as(username: string): Promise<Session>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const temp = await tempStore();
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const close = async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await temp.close();
  };
  try {
    server = await serve(temp.store);
    browser = await launch();
  } catch (e) {
    await close();
    throw e;
  }
  const { url } = server;
  const b = browser;
  return {
    store: temp.store,
    url,
    async as(username) {
      const context = await b.newContext();
      contexts.push(context);
      const page = await context.newPage();
      const trouble = watchForTrouble(page);
      await logIn(page, url, username);
      return { page, trouble };
    },
    close,
  };
}
