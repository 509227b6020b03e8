/**
 * End to end: the members page on a phone. At 320 px the members table stacks as one card per
 * member, each cell labelled with its column's name, so neither the page nor the table scrolls
 * sideways; a lead can still change a role by keyboard alone, a reviewer sees roles as plain text,
 * and axe finds nothing. At 1280 px it is an ordinary table with a visible header row, and removing a
 * member by keyboard leaves focus on a neighbouring member, not at the top of the page.
 * Needs the built client (`npx vite build`) and /usr/bin/chromium. Screenshots go to $SHOTS or /tmp/coreview-shots.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { POLL, shotsDir, useE2E } from '../helpers/e2e';
import { Client, projectWith, signUp, TEST_PASSWORD } from '../helpers/http';

const e2e = useE2E();
const SHOTS = shotsDir('members-phone');
const PHONE = { width: 320, height: 640 };

const LONG_NAME = 'Oluwaseun Maximiliane Featherstonehaugh-Montgomery-Abdirahman';
// one unbroken word, longer than a 320 px screen is wide
const LONG_EMAIL = 'oluwaseun.maximiliane.featherstonehaugh-montgomery@department-of-global-public-health.example.org';

/** Signs up someone whose email is given (the shared helper makes up short ones). */
async function signUpWith(name: string, email: string) {
  const c = new Client(e2e.server.url) as Client & { user: { id: string } };
  const r = await c.post('/api/auth/signup', { email, password: TEST_PASSWORD, name });
  if (r.status !== 201) throw new Error(`signup failed: ${r.status} ${JSON.stringify(r.body)}`);
  c.user = r.body.user;
  return c;
}

/** Sideways overflow of the page and of the members table's box, and each card's right edge. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const wrap = document.querySelector('.table-wrap')!;
    return {
      page: root.scrollWidth - root.clientWidth,
      box: wrap.scrollWidth - wrap.clientWidth,
      boxIsRegion: wrap.getAttribute('role') === 'region',
      rowsPastEdge: [...document.querySelectorAll('table.members tbody tr')].filter((tr) => tr.getBoundingClientRect().right > root.clientWidth).length,
    };
  });
}

/**
 * Per member row: each cell's shown label (its ::before text, counted only when its alt text is "" so
 * screen readers do not hear it as well as the column header), that column's header, and whether
 * the value sits beside the label.
 */
function cardLabels(page: Page) {
  return page.evaluate(() => {
    const headers = [...document.querySelectorAll('table.members thead th')].map((th) => th.textContent!.trim());
    return [...document.querySelectorAll('table.members tbody tr')].map((tr) =>
      [...tr.children].map((cell, i) => {
        const before = getComputedStyle(cell, '::before');
        const value = cell.querySelector('bdi, div, button') ?? cell;
        const cellBox = cell.getBoundingClientRect();
        return {
          label: /^"(.*)" \/ ""$/.exec(before.content)?.[1],
          header: headers[i],
          // the value starts to the right of the label column, not under it
          beside: value === cell || value.getBoundingClientRect().left - cellBox.left > 40,
        };
      }),
    );
  });
}

describe('members page on a phone', { timeout: 90_000 }, () => {
  it('stacks members as labelled cards at 320 px, keeps role changes usable by keyboard, and is a table at 1280 px', async () => {
    const lead = await signUp(e2e.server.url, 'Nadia Lead');
    const long = await signUpWith(LONG_NAME, LONG_EMAIL);
    const bob = await signUp(e2e.server.url, 'Bob');
    const cora = await signUp(e2e.server.url, 'Cora');
    const pid = await projectWith(lead, [
      { client: long, role: 'reviewer' },
      { client: bob, role: 'reviewer' },
      { client: cora, role: 'observer' },
    ], 'Peer support after resettlement');
    const names = [/Nadia Lead/, new RegExp(LONG_NAME), /Bob/, /Cora/];

    const page = await e2e.pageAs(lead, { viewport: PHONE });
    await page.goto(`/projects/${pid}/members`);
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    const table = page.getByRole('table', { name: 'People in this project' });
    await table.getByRole('row', { name: new RegExp(LONG_NAME) }).waitFor();
    await page.screenshot({ path: join(SHOTS, '320-members-lead.png'), fullPage: true });

    expect(await overflow(page)).toEqual({ page: 0, box: 0, boxIsRegion: false, rowsPastEdge: 0 });
    expect(await table.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    // Each member: name and role visible, every cell labelled with its own column's name, beside the value.
    for (const name of names) {
      const row = table.getByRole('row', { name });
      expect(await row.getByRole('rowheader').isVisible()).toBe(true);
      expect(await row.getByRole('combobox', { name: /^Role for/ }).isVisible()).toBe(true);
    }
    const cards = await cardLabels(page);
    expect(cards).toHaveLength(4);
    for (const cells of cards) {
      expect(cells.map((c) => c.label)).toEqual(['Name', 'Email', 'Role', 'Joined', 'Actions']);
      for (const c of cells) expect(c).toEqual({ label: c.header, header: c.header, beside: true });
    }
    // Screen readers still get the table: column headers and row headers name the cells.
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Email', 'Role', 'Joined', 'Actions']);
    expect(await table.getByRole('cell', { name: LONG_EMAIL, exact: true }).count()).toBe(1);
    expect(await table.getByRole('rowheader', { name: LONG_NAME, exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, 'members at 320 px (lead)');

    // Keyboard only: arrow to another role, Tab to the button, Enter.
    const bobRole = table.getByRole('combobox', { name: /^Role for\W*Bob\W*$/ });
    await bobRole.focus();
    await page.keyboard.press('ArrowDown');
    expect(await bobRole.inputValue()).toBe('co_researcher');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Change role');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: /Bob\W*is now\W*Co-researcher/ }).waitFor();
    // the row is redrawn; focus stays on Bob's role rather than falling back to the top of the page
    expect(await bobRole.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await bobRole.inputValue()).toBe('co_researcher');
    const roles = async () => (await lead.get(`/api/projects/${pid}/members`)).body.members.map((m: { name: string; role: string }) => `${m.name}: ${m.role}`);
    await expect.poll(roles, POLL).toContain('Bob: co_researcher');
    expect((await overflow(page)).page).toBe(0);
    await expectNoAxeViolations(page, 'members at 320 px after a role change');

    // A reviewer sees roles as text, labelled the same way, with no actions column.
    const reviewer = await e2e.pageAs(long, { viewport: PHONE });
    await reviewer.goto(`/projects/${pid}/members`);
    const rTable = reviewer.getByRole('table', { name: 'People in this project' });
    await rTable.getByRole('row', { name: /Cora/ }).waitFor();
    await reviewer.screenshot({ path: join(SHOTS, '320-members-reviewer.png'), fullPage: true });
    expect(await overflow(reviewer)).toEqual({ page: 0, box: 0, boxIsRegion: false, rowsPastEdge: 0 });
    expect(await rTable.getByRole('row', { name: /Cora/ }).getByRole('cell', { name: 'Observer' }).isVisible()).toBe(true);
    for (const cells of await cardLabels(reviewer)) expect(cells.map((c) => c.label)).toEqual(['Name', 'Email', 'Role', 'Joined']);
    await expectNoAxeViolations(reviewer, 'members at 320 px (reviewer)');

    // Wide: a plain table, header row shown in one line, no card labels.
    await page.setViewportSize({ width: 1280, height: 900 });
    const header = table.getByRole('row').first();
    await expect.poll(() => table.evaluate((el) => getComputedStyle(el).display), POLL).toBe('table');
    expect(await header.isVisible()).toBe(true);
    const tops = await header.getByRole('columnheader').evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect((await cardLabels(page)).flat().every((c) => c.label === undefined)).toBe(true);
    await page.screenshot({ path: join(SHOTS, '1280-members.png'), fullPage: true });
    await expectNoAxeViolations(page, 'members at 1280 px');

    // Removing Bob by keyboard: his row goes, and focus goes on to the next member's role, not to the page top.
    await table.getByRole('button', { name: /^Remove\W+Bob\W*$/ }).focus();
    await page.keyboard.press('Enter');
    await table.getByText(/^Remove\W+Bob\W+from this project/).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(/^\W*Bob\W+has been removed/).waitFor();
    await expect.poll(() => table.getByRole('row', { name: /Bob/ }).count(), POLL).toBe(0);
    // the member shown after Bob, or before him when he was last
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return el?.tagName === 'SELECT' && el.id.startsWith('role-') ? el.closest('tr')?.querySelector('th')?.textContent ?? '' : el?.tagName;
    });
    await expect.poll(focused, POLL).toMatch(/Oluwaseun|Cora/);
  });
});
