/**
 * End to end, audit 8 (account and session):
 *  - a wrong current password on /account is an error on that field (the person stays signed in),
 *    and the third wrong try says how many are left and until when the pause would last; the log-in
 *    form warns the same way and, once paused, says until when;
 *  - a password changed in another browser ends this one's session: its open screen page says it
 *    was logged out (not "Offline"), keeps the decision made meanwhile on the device, and after
 *    logging in again through the banner's link (back to the same page) the decision reaches the server;
 *  - a new display name reaches the person's other tab at once, and another browser's page when it
 *    is looked at again.
 * Every state is checked with axe. Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp, TEST_PASSWORD } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { eventually, settle } from '../helpers/sync';
import { listDecisions } from '../../server/screening/repo';

const e2e = useE2E();
const SHOTS = shotsDir('account-audit8');
const header = (page: Page) => page.getByTestId('header-user');
// A time of day as the page shows it (e.g. "6:42 AM" or "06:42"), read without the bidi isolates.
const TIME = String.raw`\d{1,2}:\d{2}(?:\s?[AP]M)?`;

/** The text of whatever describes the field (hint and error). */
async function describedBy(page: Page, id: string) {
  const ids = (await page.locator(`#${id}`).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(' ').filter(Boolean).map((d) => page.locator(`[id="${d}"]`).textContent()));
  return plain(texts.join(' '));
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
}

describe('account and session, audit 8', { timeout: 120_000 }, () => {
  it('a wrong current password is that field’s error, with a warning before the pause', async () => {
    const me = await signUp(e2e.server.url, 'Wren Wrong');
    const page = await e2e.pageFor(me.user.email);
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    await changePassword(page, 'not my password at all', 'a brand new password');
    const field = page.locator('#current-password');
    await expect.poll(() => field.getAttribute('aria-invalid'), POLL).toBe('true');
    expect(await describedBy(page, 'current-password')).toMatch(/Your current password is not right\./);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('current-password');
    expect(plain(await page.locator('main').textContent())).not.toMatch(/log in again/i);
    await header(page).getByText(/^Signed in as\W*Wren Wrong\W*$/).waitFor();
    await checkAndShoot(page, SHOTS, 'password wrong');

    await changePassword(page, 'still not my password', 'a brand new password');
    await changePassword(page, 'wrong for the third time', 'a brand new password');
    await expect
      .poll(() => describedBy(page, 'current-password'), POLL)
      .toMatch(new RegExp(String.raw`not right\. 2 more wrong tries and changing your password \(and logging in\) pauses until ${TIME}`));
    await checkAndShoot(page, SHOTS, 'password wrong, 2 tries left');
    // Still signed in: the right password works.
    await changePassword(page, TEST_PASSWORD, 'a brand new password');
    await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
  });

  it('the log-in form warns before the pause and then says until when', async () => {
    const me = await signUp(e2e.server.url, 'Lou Lockout');
    const page = await e2e.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByLabel('Email address').fill(me.user.email);
    const alert = page.getByRole('alert').filter({ hasText: /Please try again/ });
    const says = async () => plain(await alert.textContent());
    const attempt = async (password: string) => {
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
    };
    await attempt('wrong guess number 1');
    await alert.waitFor();
    expect(await says()).toBe('The email address or password is not right. Please try again.');
    await attempt('wrong guess number 2');
    await attempt('wrong guess number 3');
    await expect.poll(says, POLL).toMatch(new RegExp(`2 more wrong tries and logging in to this account pauses until ${TIME}\\.$`));
    await checkAndShoot(page, SHOTS, 'login, 2 tries left');
    await attempt('wrong guess number 4');
    await expect.poll(says, POLL).toMatch(/1 more wrong try and logging in/);
    await attempt('wrong guess number 5');
    await expect.poll(says, POLL).toMatch(new RegExp(`is now paused until ${TIME}\\.$`));
    await attempt(TEST_PASSWORD);
    await expect.poll(says, POLL).toMatch(new RegExp(`^Too many wrong tries\\. Logging in is paused until ${TIME}\\. Please try again then\\.$`));
    await checkAndShoot(page, SHOTS, 'login paused');
  });

  it('a password changed in another browser: the open page says logged out, keeps the work, and syncs it after logging in', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const rev = await signUp(e2e.server.url, 'Remy Reviewer');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }], 'Review across two laptops');
    seedRecords(e2e.server.db, pid, lead.user.id, 4);
    const mine = () => listDecisions(e2e.server.db, pid, 'ta').filter((d) => d.userId === rev.user.id);

    const open = await e2e.pageFor(rev.user.email);
    const screenPath = `/projects/${pid}/screen/ta`;
    await open.goto(screenPath);
    await open.getByRole('heading', { level: 1, name: 'Screening: titles and abstracts' }).waitFor();
    await open.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();

    const other = await e2e.pageFor(rev.user.email);
    await other.goto('/account');
    await other.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await changePassword(other, TEST_PASSWORD, 'the new laptop password');
    await other.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();

    const banner = open.getByTestId('logged-out');
    await banner.waitFor();
    expect(plain(await banner.textContent())).toBe(
      'You have been logged out (your password was changed or your session ended). Your changes on this page are kept on this device; log in again to share them. Log in again',
    );
    expect(await open.getByText(/^Offline\./).count()).toBe(0);
    await checkAndShoot(open, SHOTS, 'logged out banner');

    // Work goes on here, kept on the device; the server cannot have it.
    await open.keyboard.press('i');
    await settle(500);
    expect(mine()).toHaveLength(0);
    expect(await banner.isVisible()).toBe(true);

    await banner.getByRole('link', { name: 'Log in again' }).click();
    await open.waitForURL(`**/login?next=${encodeURIComponent(screenPath)}`);
    await open.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await checkAndShoot(open, SHOTS, 'log in again');
    await open.getByLabel('Email address').fill(rev.user.email);
    await open.getByLabel('Password', { exact: true }).fill('the new laptop password');
    await open.getByRole('button', { name: 'Log in' }).click();
    await open.waitForURL(`**${screenPath}`);
    await open.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();
    await eventually(() => mine().length === 1, 10_000, 'the decision made while logged out reached the server');
    expect(await open.getByTestId('logged-out').count()).toBe(0);
    await checkAndShoot(open, SHOTS, 'back and synced');
  });

  it('a new display name reaches the same person’s other tab, and another browser when looked at', async () => {
    const me = await signUp(e2e.server.url, 'Nia Oldname');
    const account = await e2e.pageFor(me.user.email);
    const sameBrowser = await account.context().newPage();
    const elsewhere = await e2e.pageFor(me.user.email);
    for (const p of [sameBrowser, elsewhere]) {
      await p.goto('/projects');
      await header(p).getByText(/^Signed in as\W*Nia Oldname\W*$/).waitFor();
    }
    await account.goto('/account');
    await account.getByRole('textbox', { name: 'Display name' }).fill('Nia Newname');
    await account.getByRole('button', { name: 'Save display name' }).click();
    await account.getByRole('status').filter({ hasText: /You now appear as\W*Nia Newname/ }).waitFor();

    await header(sameBrowser).getByText(/^Signed in as\W*Nia Newname\W*$/).waitFor();
    await checkAndShoot(sameBrowser, SHOTS, 'other tab renamed');
    // Another browser (or device) hears nothing; it asks once the person comes back to it.
    expect(plain(await header(elsewhere).textContent())).toBe('Signed in as Nia Oldname');
    await elsewhere.evaluate(() => window.dispatchEvent(new Event('focus')));
    await header(elsewhere).getByText(/^Signed in as\W*Nia Newname\W*$/).waitFor();
    await checkAndShoot(elsewhere, SHOTS, 'other browser renamed on focus');
  });
});
