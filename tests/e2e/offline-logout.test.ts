/**
 * End to end: logging out while offline. The page signs out at once and forgets its cached API
 * answers, but the session cookie is httpOnly, so the server still holds the session until it
 * hears the log-out. The client remembers it and sends it before anything else once back: on the
 * 'online' event (first test) or at the next app start (second test). Both check on the server
 * that the session row is gone and that the old cookie now gets 401, and run axe on each page.
 * Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { useE2E } from '../helpers/e2e';
import { signUp } from '../helpers/http';
import { apiKeys, controlled } from '../helpers/offline';
import { eventually } from '../helpers/sync';
import { sha256Hex } from '../../server/ids';

const e2e = useE2E();

const PENDING = 'You are logged out on this device. The server will be told as soon as you are back online.';
const FLAG = 'coreview.pendingLogout';

/** Signs in a fresh person in the browser, opens their projects online, and waits for the worker. */
async function signedInOnline(name: string) {
  const who = await signUp(e2e.server.url, name);
  const page = await e2e.pageFor(who.user.email);
  await page.goto('/projects');
  await page.getByRole('heading', { level: 1, name: 'Your projects' }).waitFor();
  await controlled(page);
  await eventually(async () => (await apiKeys(page)).includes('/api/me'), 10_000, '/api/me in the cache');
  // The browser's own session (pageFor logged in through the page): only its SHA-256 is stored.
  const token = (await page.context().cookies()).find((c) => c.name === 'coreview_session')!.value;
  const stored = () => !!e2e.server.db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sha256Hex(token));
  const meWithOldCookie = async () => (await fetch(`${e2e.server.url}/api/me`, { headers: { cookie: `coreview_session=${token}` } })).status;
  expect(stored()).toBe(true);
  return { page, stored, meWithOldCookie };
}

/** Goes offline and logs out from the header; the page shows the signed-out state at once. */
async function logOutOffline(page: Page) {
  await page.context().setOffline(true);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL('**/login**');
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await page.getByRole('status').filter({ hasText: PENDING }).waitFor();
  // Local data is gone as with an online log-out, and the log-out is remembered for later.
  expect(await apiKeys(page)).toEqual([]);
  expect(await page.evaluate((k) => localStorage.getItem(k), FLAG)).not.toBeNull();
}

describe('logging out while offline', { timeout: 120_000 }, () => {
  it('ends the server session as soon as the browser is back online', async () => {
    const { page, stored, meWithOldCookie } = await signedInOnline('Olu Offline');
    await expectNoAxeViolations(page, 'projects page, online');

    await logOutOffline(page);
    await expectNoAxeViolations(page, 'log-in page after an offline log-out');
    // What the client cannot do alone: the session lives on at the server while we are offline.
    expect(stored()).toBe(true);
    expect(await meWithOldCookie()).toBe(200);

    // A reload while still offline stays signed out: no cached /api/me to resurrect the person.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByRole('status').filter({ hasText: PENDING }).waitFor();

    await page.context().setOffline(false);
    await eventually(() => !stored(), 10_000, 'the session to end on the server');
    expect(await meWithOldCookie()).toBe(401);
    await page.getByRole('status').filter({ hasText: PENDING }).waitFor({ state: 'detached' });
    expect(await page.evaluate((k) => localStorage.getItem(k), FLAG)).toBeNull();
    // The browser's own cookie no longer signs anyone in.
    expect((await page.request.get('/api/me')).status()).toBe(401);
    await expectNoAxeViolations(page, 'log-in page, back online');
  });

  it('sends the pending log-out first thing at the next start when the tab was closed offline', async () => {
    const { page, stored, meWithOldCookie } = await signedInOnline('Tove Tabcloser');
    await logOutOffline(page);
    const context = page.context();
    await page.close(); // closed while offline: no page is left to hear the 'online' event
    await context.setOffline(false);
    expect(stored()).toBe(true);

    const next = await context.newPage();
    const apiCalls: string[] = [];
    next.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) apiCalls.push(`${r.method()} ${path}`);
    });
    await next.goto('/projects');
    await next.waitForURL('**/login**');
    await next.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await eventually(() => !stored(), 10_000, 'the session to end on the server');
    expect(await meWithOldCookie()).toBe(401);
    // The log-out went before anything else, so /api/me could not sign the old session back in.
    expect(apiCalls[0]).toBe('POST /api/auth/logout');
    await next.getByRole('status').filter({ hasText: PENDING }).waitFor({ state: 'detached' });
    await expectNoAxeViolations(next, 'log-in page at the next start');
  });
});
