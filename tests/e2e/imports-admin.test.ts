/**
 * End to end, a lead corrects earlier imports on the Import page: renames a mistyped source (with
 * validation), is told why an import whose records were screened cannot be removed, and removes a
 * mistaken import after reading exactly what happens; the table, PRISMA and the Activity page
 * follow. Each state is checked with axe (WCAG 2.2 A/AA, zero violations) and for CSP violations.
 * Needs `npx vite build` and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { importDataFile, seedDecisions } from '../helpers/records';

const e2e = useE2E();
const shots = shotsDir('imports-admin');

const check = (page: Page, label: string) => checkAndShoot(page, shots, label);

describe('import page: rename a source, remove an import', { timeout: 120_000 }, () => {
  it('renames with validation, explains a refusal, removes after a precise confirmation', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const alice = await signUp(e2e.server.url, 'Alice');
    const pid = await projectWith(lead, [{ client: alice, role: 'reviewer' }], 'Wildfire smoke and health');
    const medline = await importDataFile(lead, pid, 'citesource_wildfire/medline_84.ris', 'MEDLNE');
    const wos = await importDataFile(lead, pid, 'citesource_wildfire/wos_278.ris', 'Web of Science');
    // Alice has screened one Web of Science record: that import must stay.
    const screened = (e2e.server.db.prepare('SELECT id FROM records WHERE import_id = ? AND duplicate_of IS NULL ORDER BY seq LIMIT 1').get(wos.importId) as { id: string }).id;
    seedDecisions(e2e.server.db, pid, [{ recordId: screened, userId: alice.user.id, decision: 'include' }]);
    const identified = async () => (await lead.get(`/api/projects/${pid}/prisma.json`)).body.counts.identified as { source: string; n: number }[];

    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/import`);
    const table = page.locator('table.past-imports');
    const row = (file: string) => table.locator('tbody tr', { hasText: file });
    await expect.poll(() => table.locator('tbody tr').count(), POLL).toBe(2);
    await check(page, 'earlier imports');

    // 1. Rename: an empty name is refused in words, then the typo is corrected.
    await page.getByRole('button', { name: /^Rename source \(.medline_84\.ris.\)$/ }).click();
    const input = page.getByLabel(/^Source database for .medline_84\.ris.$/);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    expect(await input.inputValue()).toBe('MEDLNE');
    await input.fill('   ');
    await row('medline_84.ris').getByRole('button', { name: 'Save the name' }).click();
    await expect.poll(() => input.getAttribute('aria-invalid'), POLL).toBe('true');
    const error = page.locator(`#${await input.getAttribute('id')}-error`);
    expect(plain(await error.textContent())).toBe('Please fill this in.');
    expect(await input.getAttribute('aria-describedby')).toContain(`${await input.getAttribute('id')}-error`);
    await check(page, 'rename invalid');
    await input.fill('MEDLINE via Ovid');
    await input.press('Tab'); // closes the suggestions pop-up, which would otherwise take the click
    await row('medline_84.ris').getByRole('button', { name: 'Save the name' }).click();
    const status = page.locator('#past-imports-status');
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('Source renamed from “MEDLNE” to “MEDLINE via Ovid”. PRISMA now counts these records under the new name.');
    expect(plain(await row('medline_84.ris').locator('th').textContent())).toBe('MEDLINE via Ovid');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.replace(/[\u2068\u2069]/g, '')), POLL).toBe('Rename source (medline_84.ris)');
    expect(await identified()).toEqual([{ source: 'MEDLINE via Ovid', n: medline.parsed }, { source: 'Web of Science', n: wos.parsed }]);
    await check(page, 'renamed');

    // 2. The screened import cannot be removed, and the lead is told why, with no "Yes" to press.
    await page.getByRole('button', { name: /^Remove this import \(.wos_278\.ris., .Web of Science.\)$/ }).click();
    const blocked = row('wos_278.ris').getByRole('group');
    await blocked.getByTestId('removal-blockers').waitFor();
    expect(plain(await blocked.getByTestId('removal-blockers').textContent())).toBe('1 of its records already has screening decisions.');
    expect(await blocked.getByRole('button', { name: /^Yes/ }).count()).toBe(0);
    await check(page, 'removal refused');
    await blocked.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.replace(/[\u2068\u2069]/g, '')), POLL).toBe('Remove this import (wos_278.ris, Web of Science)');

    // 3. The MEDLINE import goes, after a confirmation that says what leaves, stays and takes its place.
    const preview = (await lead.get(`/api/projects/${pid}/imports/${medline.importId}/removal-preview`)).body as { records: number; staying: number; promoted: { title: string }[] };
    expect(preview.staying).toBeGreaterThan(1);
    expect(preview.promoted.length).toBeGreaterThan(1);
    await page.getByRole('button', { name: /^Remove this import \(.medline_84\.ris., .MEDLINE via Ovid.\)$/ }).click();
    const confirm = row('medline_84.ris').getByRole('group');
    await confirm.getByTestId('removal-consequences').waitFor();
    expect(plain(await confirm.locator('p').first().textContent())).toBe('Remove the import of medline_84.ris from “MEDLINE via Ovid”?');
    expect(plain(await confirm.getByTestId('removal-consequences').textContent())).toBe(
      `Its ${medline.parsed} records leave the project. ${preview.staying} records of other imports that duplicated them stay.`,
    );
    await confirm.getByText(`In each of their ${preview.promoted.length} duplicate groups, the earliest of them becomes the record screened in place of the one removed:`).waitFor();
    expect(plain(await confirm.locator('li').first().textContent())).toBe(plain(preview.promoted[0]!.title));
    expect(plain(await confirm.locator('.confirm-question > p').last().textContent())).toBe(`PRISMA’s records identified from “MEDLINE via Ovid” go down by ${medline.parsed}. This is recorded in the Activity log.`);
    const yes = confirm.getByRole('button', { name: 'Yes, remove the import and its records' });
    await expect.poll(() => yes.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    await check(page, 'removal confirmation');
    await yes.click();
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe(`Import from “MEDLINE via Ovid” removed: its ${medline.parsed} records left the project.`);
    await expect.poll(() => table.locator('tbody tr').count(), POLL).toBe(1);
    expect(plain(await table.locator('tbody tr th').textContent())).toBe('Web of Science');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), POLL).toBe('past-imports');
    expect(await identified()).toEqual([{ source: 'Web of Science', n: wos.parsed }]);
    expect((e2e.server.db.prepare('SELECT COUNT(*) n FROM records WHERE import_id = ?').get(medline.importId) as { n: number }).n).toBe(0);
    await check(page, 'removed');

    // 4. The Activity page tells both changes in plain sentences; the removed import links nowhere.
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Activity' }).click();
    const items = page.locator('ol.activity-list > li');
    await expect.poll(() => items.count(), POLL).toBeGreaterThan(2);
    const texts = (await items.locator('.activity-sentence').allTextContents()).map(plain);
    expect(texts[0]).toBe(`Lena Lead removed the import of ${medline.parsed} records from MEDLINE via Ovid: they left the project — file medline_84.ris. ${preview.promoted.length} records of other imports are now screened in place of removed ones.`);
    expect(texts[1]).toBe('Lena Lead renamed the source “MEDLNE” to “MEDLINE via Ovid” — file medline_84.ris');
    expect(await items.first().getByRole('link').count()).toBe(0);
    await check(page, 'activity');
  });
});
