/**
 * End to end: logging out deletes the person's documents from the device (y-indexeddb databases
 * with their decisions, votes and workspace text), because co-researchers often use shared or
 * borrowed computers — but never work the server has not got yet without asking.
 *  (a) decided online, then left the screen page (the documents are closed): log-out confirms the
 *      copies with the server and deletes them all;
 *  (b) decided offline: log-out asks; staying keeps the data and the session; back online the
 *      decision reaches SQLite, and the next log-out deletes everything without asking;
 *  (c) decided offline: choosing to discard signs out at once (the offline log-out is remembered
 *      for the server) and deletes the copies;
 *  (d) decided offline, then left the page (the document closed, so nothing syncs it): log-out
 *      back online delivers the decision itself before deleting the copy.
 * Every state is checked with axe. Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { localCopies } from '../helpers/offline';
import { seedRecords } from '../helpers/records';
import { eventually, settle } from '../helpers/sync';
import { listDecisions } from '../../server/screening/repo';

const e2e = useE2E();

const title = (n: number) => `Record ${n}: experiences of peer support`;
const DIALOG = 'Some of your work is only on this device';
const ONE_ITEM = '1 item has changes that have not reached the server yet.';
const CANNOT_CHECK = 'Coreview could not reach the server to check, for example because you are offline.';
const STAYED = 'You are still logged in. Your changes will be sent when Coreview can reach the server. Then you can log out safely.';
const PENDING_FLAG = 'coreview.pendingLogout';
const registry = (page: Page, uid: string) => page.evaluate((k) => localStorage.getItem(k), `coreview.localCopies:${uid}`);

/** A reviewer in a project of six records, on its screen page with their decisions live. */
async function screening(name: string) {
  const lead = await signUp(e2e.server.url, 'Lena Lead');
  const rev = await signUp(e2e.server.url, name);
  const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }], 'Review on a borrowed laptop');
  seedRecords(e2e.server.db, pid, lead.user.id, 6);
  const uid = rev.user.id;
  const mine = () => listDecisions(e2e.server.db, pid, 'ta').filter((d) => d.userId === uid);
  const page = await e2e.pageFor(rev.user.email);
  await page.goto(`/projects/${pid}/screen/ta`);
  await page.getByRole('heading', { level: 1, name: 'Screening: titles and abstracts' }).waitFor();
  await page.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();
  await page.locator('#record-title', { hasText: title(1) }).waitFor();
  // Both documents of the screen page are kept on this device: the private one and the workspace.
  const docs = [`p/${pid}/u/${uid}`, `p/${pid}/workspace`].sort();
  await eventually(async () => (await localCopies(page, uid)).join() === docs.join(), 10_000, 'both local copies');
  return { page, uid, pid, mine, docs };
}

/** Clicks Log out and waits for the log-in page. */
async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL('**/login**');
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
}

/** Goes offline and decides record 1 there (the server cannot have it). */
async function decideOffline(page: Page, mine: () => unknown[]) {
  await page.context().setOffline(true);
  await page.getByText('Offline. Your work is kept on this device').first().waitFor();
  await page.keyboard.press('i');
  await page.locator('#record-title', { hasText: title(2) }).waitFor();
  await settle(500);
  expect(mine()).toHaveLength(0);
}

/** Clicks Log out while offline: the question appears, with staying (the default) focused. */
async function askedOnLogout(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  const dialog = page.getByRole('alertdialog', { name: DIALOG });
  await dialog.waitFor();
  await dialog.getByText(ONE_ITEM).waitFor();
  await dialog.getByText(CANNOT_CHECK).waitFor();
  const stay = dialog.getByRole('button', { name: 'Stay signed in until they sync' });
  expect(await stay.evaluate((el) => el === document.activeElement)).toBe(true);
  await expectNoAxeViolations(page, 'log-out question, offline');
  return dialog;
}

describe('logging out deletes this device’s copies of the documents', { timeout: 120_000 }, () => {
  it('(a) decided online, project left: the closed documents are confirmed with the server and deleted', async () => {
    const { page, uid, pid, mine } = await screening('Amal Online');
    await expectNoAxeViolations(page, 'screen page, online');
    await page.keyboard.press('i');
    await page.locator('#record-title', { hasText: title(2) }).waitFor();
    await eventually(() => mine().length === 1, 10_000, 'the decision in SQLite');
    // This device changed the private document: the registry says so, for the log-out check.
    expect(JSON.parse((await registry(page, uid))!)).toMatchObject({ [`p/${pid}/u/${uid}`]: 1 });

    // Leave the project: its documents close, their copies stay in IndexedDB.
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your projects' }).waitFor();
    expect(await localCopies(page, uid)).toHaveLength(2);

    await logOut(page);
    expect(await localCopies(page, uid)).toEqual([]);
    expect(await registry(page, uid)).toBeNull();
    expect(await page.evaluate((k) => localStorage.getItem(k), PENDING_FLAG)).toBeNull();
    // The check changed nothing on the server.
    expect(mine().map((d) => d.decision)).toEqual(['include']);
    await expectNoAxeViolations(page, 'log-in page after log-out');
  });

  it('(b) decided offline: staying keeps data and session; once synced, log-out deletes it all', async () => {
    const { page, uid, mine, docs } = await screening('Bashir Borrowed');
    await decideOffline(page, mine);

    const dialog = await askedOnLogout(page);
    await dialog.getByRole('button', { name: 'Stay signed in until they sync' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: STAYED }).waitFor();
    // Still here, still signed in, nothing deleted, no log-out waiting for the server.
    expect(new URL(page.url()).pathname).toMatch(/\/screen\/ta$/);
    expect(await page.getByRole('button', { name: 'Log out' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('You have screened 1 of 6 records').waitFor();
    expect(await localCopies(page, uid)).toEqual(docs);
    expect(await page.evaluate((k) => localStorage.getItem(k), PENDING_FLAG)).toBeNull();
    await expectNoAxeViolations(page, 'screen page after choosing to stay');

    // Back online: the decision made offline reaches SQLite, over the same (still open) documents.
    await page.context().setOffline(false);
    await eventually(() => mine().length === 1, 15_000, 'the offline decision to reach SQLite');
    expect((await page.request.get('/api/me')).status()).toBe(200);
    await page.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();

    // Now nothing is missing on the server: log-out asks nothing and deletes every copy.
    await logOut(page);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await localCopies(page, uid)).toEqual([]);
    expect(await registry(page, uid)).toBeNull();
    expect((await page.request.get('/api/me')).status()).toBe(401);
    expect(mine().map((d) => d.decision)).toEqual(['include']);
    await expectNoAxeViolations(page, 'log-in page after the synced log-out');
  });

  it('(c) decided offline: discarding signs out at once and deletes the copies', async () => {
    const { page, uid, mine } = await screening('Chiara Choosing');
    await decideOffline(page, mine);
    const dialog = await askedOnLogout(page);
    await dialog.getByRole('button', { name: 'Log out and discard them' }).click();
    await page.waitForURL('**/login**');
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(await localCopies(page, uid)).toEqual([]);
    expect(await registry(page, uid)).toBeNull();
    // The offline log-out path as before: remembered, and sent once back online.
    expect(await page.evaluate((k) => localStorage.getItem(k), PENDING_FLAG)).not.toBeNull();
    await expectNoAxeViolations(page, 'log-in page after discarding');
    await page.context().setOffline(false);
    await eventually(async () => (await page.evaluate((k) => localStorage.getItem(k), PENDING_FLAG)) === null, 10_000, 'the pending log-out to be sent');
    expect(mine()).toHaveLength(0);
  });

  it('(d) decided offline in a document since closed: log-out delivers it, then deletes the copy', async () => {
    const { page, uid, mine } = await screening('Dawit Delivered');
    await decideOffline(page, mine);
    // Leave the project while offline: no page holds the private document any more.
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your projects' }).waitFor();
    await page.context().setOffline(false);
    await settle(1000);
    expect(mine()).toHaveLength(0); // closed: nothing sent it when the connection came back

    await logOut(page);
    expect(mine().map((d) => d.decision)).toEqual(['include']);
    expect(await localCopies(page, uid)).toEqual([]);
    await expectNoAxeViolations(page, 'log-in page after delivering on log-out');
  });
});
