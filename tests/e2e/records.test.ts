/**
 * End to end, issue 3: a lead imports two real search exports through the Import page (file input,
 * a source per file, progress, then a summary per file), searches the records, opens a duplicate
 * with its group and history, splits it out, checks the duplicate groups (confirm, merge with its
 * plain-words confirmation) and downloads a CSV export. Every page is checked with axe (WCAG 2.2
 * A/AA, zero violations) and screenshotted (paths printed). Needs `npx vite build` and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { holdAnswers, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';

const DATA = join(import.meta.dirname, '../../../shared/data');
const MEDLINE = join(DATA, 'citesource_wildfire/medline_84.ris');
const WOS = join(DATA, 'citesource_wildfire/wos_278.ris');

const e2e = useE2E();
const shots = shotsDir('records');

/** Axe, then a screenshot (of `part` if given, else the top of the page) whose path is printed. */
async function check(page: Page, label: string, part?: Locator): Promise<void> {
  await expectNoAxeViolations(page, label);
  const file = join(shots, `${label.replace(/\W+/g, '-')}.png`);
  if (part) await part.screenshot({ path: file });
  else {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 1800) } });
  }
  console.log(`screenshot (${label}): ${file}`);
}

const plain = (s: string | null) => (s ?? '').replace(/[\u2068\u2069]/g, '');

describe('records: import, search, duplicates, export', { timeout: 180_000 }, () => {
  it('a lead imports two exports, searches, splits a duplicate, reviews groups and exports CSV', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const pid = await projectWith(lead, [], 'Wildfire smoke and health');
    const page = await e2e.pageAs(lead);

    // Import page: choose both files with the file input.
    await page.goto(`/projects/${pid}`);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    await check(page, 'import empty');
    await page.getByLabel('Choose files').setInputFiles([MEDLINE, WOS]);
    const cards = page.locator('li.import-card');
    await expect.poll(() => cards.count(), POLL).toBe(2);
    // The Ovid file names its database and fills in its source; the Web of Science RIS does not.
    await expect.poll(() => cards.nth(0).getByLabel('Source database').inputValue(), POLL).toBe('MEDLINE via Ovid');
    expect(await cards.nth(1).getByLabel('Source database').inputValue()).toBe('');
    // Without a source the form says what is missing, in place.
    await cards.nth(0).getByLabel('Source database').fill('');
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    await page.getByRole('alert').getByText(/there are\W*2\W*problems/).waitFor();
    expect(await page.getByText('Please say which database or source this file came from.').count()).toBe(2);
    await check(page, 'import missing source');
    await cards.nth(0).getByLabel('Source database').fill('MEDLINE via Ovid');
    await cards.nth(1).getByLabel('Source database').fill('Web of Science Core Collection');
    await cards.nth(1).getByLabel('File format').selectOption('ris');
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    const summaries = page.getByTestId('import-summary');
    await expect.poll(() => summaries.count(), { timeout: 30_000 }).toBe(2);
    const figures = async (i: number) => Object.fromEntries(
      await summaries.nth(i).locator('dl > div').evaluateAll((els) => els.map((el) => [el.querySelector('dt')!.textContent, Number(el.querySelector('dd')!.textContent!.replace(/\D/g, ''))])),
    ) as Record<string, number>;
    const med = await figures(0);
    const wos = await figures(1);
    expect(med['Records read']).toBe(84);
    expect(wos['Records read']).toBe(278);
    expect(wos['Duplicates found']).toBeGreaterThan(20);
    expect(wos['New records']! + wos['Duplicates found']!).toBe(278);
    await page.getByRole('status').getByText('All 2 imports finished.').waitFor();
    await page.getByRole('heading', { name: 'Earlier imports' }).waitFor();
    await check(page, 'import done');

    // A file that is not a search export: the card says so plainly and nothing is added.
    await page.getByLabel('Choose files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Meeting notes: remember to search CINAHL next week.\n') });
    const bad = cards.nth(2);
    await bad.getByLabel('Source database').fill('CINAHL via EBSCOhost');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await bad.getByText(/^This file from\W*CINAHL via EBSCOhost\W*was not imported\. Nothing from it was added\.$/).waitFor();
    // an error summary (not the green status) pointing up to the card; this text is a format problem, so settings may help
    await page.getByRole('alert').getByText('The file was not imported; see the message with it above.').waitFor();
    await bad.getByRole('button', { name: 'Change the settings and try again' }).waitFor();
    expect((await lead.get(`/api/projects/${pid}/records`)).body.total).toBe(362);
    await check(page, 'import failed file', bad);
    await bad.getByRole('button', { name: /^Remove/ }).click();

    // Records page: search.
    await page.getByRole('link', { name: 'Records', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor();
    await page.getByText(/Showing\W*50\W*of\W*362\W*records/).waitFor();
    await check(page, 'records');
    const api = await lead.get(`/api/projects/${pid}/records?q=${encodeURIComponent('smoke exposure')}`);
    expect(api.body.total).toBeGreaterThan(0);
    expect(api.body.total).toBeLessThan(362);
    // Hold the search's answer: while it loads the page still has the unfiltered list and its total (362),
    // and the status (a live region) must not announce that total as the number of matching records.
    const search = await holdAnswers(page, '**/api/projects/*/records?*');
    await page.getByLabel('Search records').fill('smoke exposure');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(search.held, POLL).toBe(1);
    await page.locator('[data-testid=record-list][aria-busy=true]').waitFor();
    const status = page.locator('p.results-count[role=status]');
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('Searching…');
    expect(await page.getByText(/matching records/).count()).toBe(0);
    await check(page, 'records searching');
    search.release();
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe(`Showing ${Math.min(50, api.body.total)} of ${api.body.total} matching records, best match first.`);
    await page.locator('[data-testid=record-list]:not([aria-busy])').waitFor();
    await search.stop();
    expect(new URL(page.url()).searchParams.get('q')).toBe('smoke exposure');
    await check(page, 'records search');

    // Only duplicates from Web of Science, then open the first.
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.getByLabel('Duplicates', { exact: true }).selectOption('only');
    await page.getByLabel('Source', { exact: true }).selectOption('Web of Science Core Collection');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(new RegExp(`of\\W*${wos['Duplicates found']}\\W*matching records`)).waitFor();
    const firstLink = page.getByTestId('record-list').locator('[data-record-link]').first();
    const dupTitle = plain(await firstLink.textContent());
    await firstLink.click();
    await page.getByRole('heading', { level: 1, name: dupTitle }).waitFor();
    const group = page.getByTestId('group-table');
    await group.getByText('(this record)').waitFor();
    await group.getByText('Kept for screening').waitFor();
    await page.getByTestId('history').getByText(/Imported from/).first().waitFor();
    await check(page, 'record duplicate');

    // Split it out, with the question first.
    const rid = new URL(page.url()).pathname.split('/').pop()!;
    await group.locator('tr', { hasText: '(this record)' }).getByRole('button', { name: /^Split out/ }).click();
    await page.getByText(/It becomes a separate record and joins title and abstract screening/).waitFor();
    await check(page, 'record split question', page.locator('section', { has: group }));
    await page.getByRole('button', { name: 'Yes, split it out' }).click();
    await page.getByRole('status').getByText(/is now a separate record and will be screened/).waitFor();
    expect((await lead.get(`/api/projects/${pid}/records/${rid}`)).body.record.duplicateOf).toBeNull();
    await page.getByText('No other record was found to be the same study report.').waitFor();
    await check(page, 'record after split');

    // Duplicate groups: confirm one, merge a missed duplicate into another.
    await page.getByRole('link', { name: 'Duplicates', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Duplicate groups' }).waitFor();
    await page.getByTestId('dup-totals').waitFor();
    // The totals and the groups are fetched separately: check the page once the groups are there too.
    await page.locator('.group-list > li').first().waitFor();
    await check(page, 'duplicates');
    const firstGroup = page.locator('.group-list > li').first();
    const groupTitle = plain(await firstGroup.locator('h2').textContent());
    const confirmButton = firstGroup.getByRole('button', { name: /^Confirm group/ });
    expect(plain(await confirmButton.getAttribute('aria-label'))).toBe(`Confirm group “${groupTitle}”`);
    const groupHeading = page.locator(`[id="${await firstGroup.locator('h2').getAttribute('id')}"]`);
    await confirmButton.click();
    await page.getByRole('button', { name: 'Yes, confirm' }).click();
    // The page shows groups not checked yet: a confirmed group leaves it, saying so.
    await page.getByRole('status').getByText(/confirmed\. It has moved out of this list/).waitFor();
    await expect.poll(() => groupHeading.count(), POLL).toBe(0);
    await firstGroup.getByText('Add a missed duplicate to this group').click();
    await firstGroup.getByLabel('Find the record to add').fill(dupTitle.split(/\s+/).slice(0, 4).join(' '));
    await firstGroup.getByRole('button', { name: 'Find' }).click();
    // The split record and its former primary share a title; the description (source) tells them apart.
    await firstGroup.getByRole('radio', { name: dupTitle, description: /^Web of Science/ }).check();
    await firstGroup.getByRole('button', { name: 'Add to this group' }).click();
    await firstGroup.getByText('It will no longer be screened, and it will count as a duplicate in the PRISMA diagram.').waitFor();
    await firstGroup.getByText('No one has screened it yet.').waitFor();
    await check(page, 'duplicates merge question', firstGroup);
    const before = (await lead.get(`/api/projects/${pid}/prisma.json`)).body.counts.duplicates;
    await page.getByRole('button', { name: 'Yes, add it' }).click();
    await page.getByRole('status').getByText(/was added to the group/).waitFor();
    expect((await lead.get(`/api/projects/${pid}/records/${rid}`)).body.record).toMatchObject({ duplicateReason: 'manual' });
    expect((await lead.get(`/api/projects/${pid}/prisma.json`)).body.counts.duplicates).toBe(before + 1);
    await check(page, 'duplicates after merge', firstGroup);

    // Export every record as CSV: a real download.
    await page.getByRole('link', { name: 'Records', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Export' }).waitFor();
    await page.getByLabel('CSV').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^coreview-wildfire-smoke-and-health-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(362);
    expect(rows.filter((r) => r.duplicate_of).length).toBe(before + 1);
    await page.getByRole('status').getByText(/Downloaded/).waitFor();
    await check(page, 'records export done', page.locator('.export-panel'));

    // A reviewer screens blind: records and groups are open to them, decisions are not, and changes are the lead's.
    const rita = await signUp(e2e.server.url, 'Rita Reviewer');
    const inv = await lead.post(`/api/projects/${pid}/invitations`, { role: 'reviewer' });
    expect((await rita.post(`/api/invitations/${inv.body.token}/accept`)).status).toBe(200);
    const rev = await e2e.pageAs(rita);
    await rev.goto(`/projects/${pid}/records`);
    await rev.getByRole('heading', { level: 1, name: 'Records' }).waitFor();
    expect(await rev.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Import', exact: true }).count()).toBe(0);
    await rev.getByLabel('Which records').selectOption('ta');
    await rev.getByLabel('Decision', { exact: true }).selectOption('include');
    await rev.getByText(/hidden from you while you screen blind/).waitFor();
    await rev.getByRole('button', { name: 'Download' }).click();
    await rev.getByRole('alert').getByText('This stage is still blinded: decisions can be exported once a lead unblinds it.').waitFor();
    await check(rev, 'records export blinded (reviewer)', rev.locator('.export-panel'));
    await rev.goto(`/projects/${pid}/duplicates`);
    await rev.getByTestId('dup-totals').waitFor();
    await rev.locator('.group-list > li').first().waitFor();
    expect(await rev.getByRole('button', { name: /^(Split out|Confirm group)/ }).count()).toBe(0);
    await check(rev, 'duplicates (reviewer)');
    await rev.goto(`/projects/${pid}/import`);
    await rev.getByText('Only a lead can import records.', { exact: false }).waitFor();
    await check(rev, 'import (reviewer)');
  });
});
