/**
 * End-to-end harness: one real server and one headless Chromium per test file, pages signed in
 * as a given person, and every context and sync client closed afterwards.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from './browser';
import { startServer, type TestServer } from './server';
import { TEST_PASSWORD, type Client } from './http';
import type { SyncClient } from './sync';

/**
 * The folder for a suite's screenshots, kept for people to look at: $SHOTS/<name>, else
 * /tmp/coreview-shots/<name>. Emptied at the start of each run, so runs do not pile up.
 */
export function shotsDir(name: string): string {
  const dir = join(process.env.SHOTS ?? join(tmpdir(), 'coreview-shots'), name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Text as people read it: without the isolates (U+2068/9) around interpolated names, white space runs made one. */
export const plain = (s: string | null) => (s ?? '').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();

/** Axe on the page (zero WCAG 2.2 A/AA violations), then a full-page screenshot named after `label` in `dir`. */
export async function checkAndShoot(page: Page, dir: string, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  const file = join(dir, `${label.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot (${label}): ${file}`);
}

/** Requests held back by `holdAnswers` until released. */
export interface HeldAnswers {
  /** how many requests are waiting */
  held(): number;
  /** lets them (and any later ones) through */
  release(): void;
  /** stops holding (call once the released answers have arrived) */
  stop(): Promise<void>;
}

/** Holds the answers to requests matching `url` so a test can check what a page says while it waits for them. */
export async function holdAnswers(page: Page, url: string): Promise<HeldAnswers> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(url, async (route) => {
    held++;
    await gate;
    await route.continue();
  });
  return { held: () => held, release, stop: () => page.unroute(url) };
}

/** Options for expect.poll on a page: wait as long as a locator does (vitest's default, 1 s, is short on a busy machine). */
export const POLL = { timeout: 10_000 };

export interface E2E {
  server: TestServer;
  browser: Browser;
  /** A page in a fresh context whose session is `who`'s cookie. */
  pageAs(who: Client, options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** A page in a fresh context that logged in through the API as `email` (the browser's own cookie). */
  pageFor(email: string, password?: string): Promise<Page>;
  /** A page in a fresh context, signed out. */
  newPage(): Promise<Page>;
  /** Remembers a sync client so it is destroyed after the file. */
  track(c: SyncClient): SyncClient;
}

/** Registers beforeAll/afterAll for the file and returns the harness. */
export function useE2E(): E2E {
  const contexts: BrowserContext[] = [];
  const docs: SyncClient[] = [];
  const context = async (viewport = { width: 1280, height: 900 }) => {
    const c = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport, acceptDownloads: true });
    contexts.push(c);
    // The app runs under a strict Content-Security-Policy: every violation is kept, and
    // expectNoAxeViolations (called on every page a test visits) fails on any.
    await c.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    const page = await c.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => console.error('page error:', err.message));
    return { c, page };
  };
  const e2e: E2E = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    async pageAs(who, options = {}) {
      const { c, page } = await context(options.viewport);
      const [name, value] = who.cookie.split('=') as [string, string];
      await c.addCookies([{ name, value, url: e2e.server.url }]);
      return page;
    },
    async pageFor(email, password = TEST_PASSWORD) {
      const { page } = await context();
      const res = await page.request.post('/api/auth/login', { headers: { origin: e2e.server.url }, data: { email, password } });
      if (res.status() !== 200) throw new Error(`log-in as ${email} failed: ${res.status()}`);
      return page;
    },
    async newPage() {
      return (await context()).page;
    },
    track: (c) => (docs.push(c), c),
  };
  beforeAll(async () => {
    e2e.server = await startServer();
    e2e.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const d of docs) d.destroy();
    for (const c of contexts) await c.close().catch(() => {});
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}
