/**
 * End to end: screening survives a reload with no connection. A reviewer opens the screen page
 * online (the service worker takes control and stores the app and the page's data), decides one
 * record, goes offline and reloads: the page and its records come from the cache, three more
 * decisions are made by keyboard, a never-opened project explains itself calmly, and once back
 * online all four decisions reach SQLite. Logging out leaves no API answers in the cache, nor does
 * a session that ended elsewhere (401 from /api/me). Every page visited is checked with axe.
 * Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { cacheContents, controlled } from '../helpers/offline';
import { useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { eventually, settle } from '../helpers/sync';
import { listDecisions } from '../../server/screening/repo';

const e2e = useE2E();

const title = (n: number) => `Record ${n}: experiences of peer support`;
const NOT_CACHED = 'You’re offline, and this page hasn’t been opened on this device before.';

/** Presses `key`, then waits for the record shown to be `next` (1-based) when given. */
async function press(page: Page, key: string, next?: number): Promise<void> {
  await page.keyboard.press(key);
  if (next) await page.locator('#record-title', { hasText: title(next) }).waitFor();
}

describe('offline: reload the screen page with no connection', { timeout: 120_000 }, () => {
  it('reloads from the cache, keeps screening, syncs when back, and forgets on log-out', async () => {
    const lead = await signUp(e2e.server.url, 'Lina Lead');
    const rev = await signUp(e2e.server.url, 'Remi Reviewer');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }], 'Screening on the train');
    const other = await projectWith(lead, [{ client: rev, role: 'reviewer' }], 'Never opened here');
    const ids = seedRecords(e2e.server.db, pid, lead.user.id, 6);
    const mine = () => listDecisions(e2e.server.db, pid, 'ta').filter((d) => d.userId === rev.user.id);

    const page = await e2e.pageFor(rev.user.email);
    const screen = `/projects/${pid}/screen/ta`;
    await page.goto(screen);
    await page.getByRole('heading', { level: 1, name: 'Screening: titles and abstracts' }).waitFor();
    await expectNoAxeViolations(page, 'screen page, online');
    await controlled(page);

    // What the first visit loaded before the worker existed is stored once the page reports it.
    const wanted = ['/api/me', `/api/projects/${pid}`, `/api/projects/${pid}/stages/ta/queue`];
    await eventually(async () => {
      const c = await cacheContents(page);
      const api = Object.entries(c).find(([n]) => n.startsWith('coreview-api-'))?.[1] ?? [];
      const shell = Object.entries(c).find(([n]) => n.startsWith('coreview-shell-'))?.[1] ?? [];
      const meta = Object.entries(c).find(([n]) => n.startsWith('coreview-meta-'))?.[1] ?? [];
      return (
        wanted.every((u) => api.includes(u)) &&
        api.some((u) => u.startsWith(`/api/projects/${pid}/records?stage=ta`)) &&
        shell.includes('/index.html') &&
        shell.some((u) => /^\/assets\/ScreenPage-.*\.js$/.test(u)) &&
        meta.length === 1
      );
    }, 10_000, 'the shell and the screen page data in the cache');

    // One decision online.
    await page.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();
    await page.locator('#record-title', { hasText: title(1) }).waitFor();
    await press(page, 'i', 2);
    await eventually(() => mine().length === 1, 10_000, 'the online decision in SQLite');

    // Offline, reload: the page, its data and the records all come from the worker.
    await page.context().setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { level: 1, name: 'Screening: titles and abstracts' }).waitFor();
    // The decision made online was kept on this device, so screening resumes at record 2.
    await page.locator('#record-title', { hasText: title(2) }).waitFor();
    await page.getByText('You have screened 1 of 6 records').waitFor();
    await expectNoAxeViolations(page, 'screen page, reloaded offline');

    // Three more by keyboard: include 2, skip 3 (j), exclude 4, include 5.
    await press(page, 'i', 3);
    await press(page, 'j', 4);
    await press(page, 'e', 5);
    await press(page, 'i', 6);
    await page.getByText('You have screened 4 of 6 records').waitFor();
    await settle(1000);
    expect(mine()).toHaveLength(1); // really offline: nothing reached the server

    // A project never opened on this device: a calm explanation, not a broken page.
    await page.goto(`/projects/${other}/screen/ta`);
    await page.getByRole('heading', { level: 1, name: 'We could not open this project.' }).waitFor();
    await page.getByRole('alert').filter({ hasText: NOT_CACHED }).waitFor();
    await expectNoAxeViolations(page, 'never-opened project, offline');

    // Back to the screen page (still offline), then online: the four decisions reach SQLite.
    await page.goto(screen);
    await page.getByText('You have screened 4 of 6 records').waitFor();
    await page.context().setOffline(false);
    await eventually(() => mine().length === 4, 15_000, 'the offline decisions to reach SQLite');
    const byRecord = Object.fromEntries(mine().map((d) => [d.recordId, d.decision]));
    expect(byRecord).toEqual({ [ids[0]!]: 'include', [ids[1]!]: 'include', [ids[3]!]: 'exclude', [ids[4]!]: 'include' });
    await page.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();
    await expectNoAxeViolations(page, 'screen page, back online');

    // Log out: no API answer stays on this device; the app shell (no one's data) does.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login**');
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await expectNoAxeViolations(page, 'log-in page after log-out');
    const after = await cacheContents(page);
    const apiEntries = Object.entries(after).filter(([n]) => n.startsWith('coreview-api-')).flatMap(([, keys]) => keys);
    expect(apiEntries).toEqual([]);
    expect(Object.entries(after).find(([n]) => n.startsWith('coreview-shell-'))?.[1]).toContain('/index.html');
  });

  it('forgets the stored API answers when the session has ended elsewhere (401 from /api/me)', async () => {
    const rev = await signUp(e2e.server.url, 'Sami Reviewer');
    const page = await e2e.pageFor(rev.user.email);
    await page.goto('/projects');
    await page.getByRole('heading', { level: 1, name: 'Your projects' }).waitFor();
    await expectNoAxeViolations(page, 'projects page');
    await controlled(page);
    const apiKeys = async () => Object.entries(await cacheContents(page)).filter(([n]) => n.startsWith('coreview-api-')).flatMap(([, k]) => k);
    await eventually(async () => (await apiKeys()).includes('/api/me'), 10_000, '/api/me in the cache');

    // The session ends behind the page's back (same cookie, logged out from elsewhere); a reload asks /api/me.
    expect((await page.request.post('/api/auth/logout', { headers: { origin: e2e.server.url } })).status()).toBe(200);
    await page.reload();
    await page.waitForURL('**/login**');
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await expectNoAxeViolations(page, 'log-in page after the session ended');
    expect(await apiKeys()).toEqual([]);
  });
});
