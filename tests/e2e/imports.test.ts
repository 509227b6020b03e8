/**
 * End to end, the Import page's audit fixes: a file with problems imports and its summary says what
 * happened, with every problem in a CSV download; the same file chosen again is recognised before
 * sending (and after, in the summary); an empty file is refused without a pointless "change the
 * settings"; a large import is cancelled and adds nothing. Each state is checked with axe (WCAG 2.2
 * A/AA, zero violations). Needs `npx vite build` and /usr/bin/chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';

const e2e = useE2E();
const shots = shotsDir('imports');

const check = (page: Page, label: string) => checkAndShoot(page, shots, label);

// 30 records without a title (problems) and 5 with one
const withProblems = Buffer.from(
  Array.from({ length: 35 }, (_, i) => `TY  - JOUR\n${i < 30 ? '' : `TI  - Sleep after wildfire smoke, cohort ${i}\n`}AU  - Author, ${i}\nPY  - 2021\nDO  - 10.1000/e2e.${i}\nER  - \n`).join(''),
);
const big = () => Buffer.from(Array.from({ length: 400_000 }, (_, i) => `TY  - JOUR\nTI  - Record ${i} of a very large search\nAU  - Author, ${i}\nPY  - 2020\nER  - \n`).join(''));

describe('import page: summary, problems CSV, repeated file, cancel', { timeout: 180_000 }, () => {
  it('says what happened, offers every problem, warns about a repeat and cancels cleanly', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const pid = await projectWith(lead, [], 'Wildfire smoke and sleep');
    const total = async () => (await lead.get(`/api/projects/${pid}/records?limit=1`)).body.total as number;
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/import`);
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    await page.getByText(/keep working elsewhere in Coreview while files import/).waitFor();
    const cards = page.locator('li.import-card');

    // 1. A file with problems: the summary says all 35 were imported, with 30 problems.
    await page.getByLabel('Choose files').setInputFiles({ name: 'medline-search.ris', mimeType: 'application/x-research-info-systems', buffer: withProblems });
    await expect.poll(async () => plain(await cards.nth(0).locator('h3').textContent()), POLL).toBe(`medline-search.ris (${Math.round(withProblems.length / 100) / 10} kB)`);
    // Tab closes the suggestions pop-up, which would otherwise take the next click
    await cards.nth(0).getByLabel('Source database').fill('MEDLINE via Ovid');
    await cards.nth(0).getByLabel('Source database').press('Tab');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const summary = cards.nth(0).getByTestId('import-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(plain(await summary.locator('dl').textContent())).toBe('Records read35New records35Duplicates found0Problems30');
    await summary.getByText('30 problems were noted. The records they concern were still imported, unless a message says a record or line was skipped or ignored.').waitFor();
    expect(plain(await summary.locator('ul.plain-list > li').first().textContent())).toBe('Line 1: This record has no title.');
    expect(await summary.locator(':scope > ul.plain-list > li').count()).toBe(20);
    await summary.getByText('Show 10 more problems').click();
    await expect.poll(() => summary.locator('details li').count(), POLL).toBe(10);
    expect(plain(await summary.locator('details li').last().textContent())).toBe('Line 146: This record has no title.');
    await page.getByRole('status').getByText('Import finished.').waitFor();
    expect(await page.getByTestId('import-failure-summary').count()).toBe(0);
    await check(page, 'import with problems');
    const [download] = await Promise.all([page.waitForEvent('download'), summary.getByRole('link', { name: 'Download all 30 problems as CSV (line and message)' }).click()]);
    expect(download.suggestedFilename()).toBe('medline-search-problems.csv');
    const rows = Papa.parse<string[]>(readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(31);
    expect(rows[0]).toEqual(['line', 'message']);
    expect(rows[30]).toEqual([String(1 + 29 * 5), 'This record has no title.']);
    // the earlier-imports table links the same CSV for later
    await page.getByRole('link', { name: /^Download as CSV \(all 30 problems in the import from .MEDLINE via Ovid.\)$/ }).waitFor();
    expect(await total()).toBe(35);

    // 2. The same file again: recognised before sending, and it needs a tick to go ahead.
    await page.getByLabel('Choose files').setInputFiles({ name: 'medline-again.ris', mimeType: 'application/x-research-info-systems', buffer: withProblems });
    const again = cards.nth(1);
    const before = again.getByTestId('import-repeat-before');
    await before.waitFor();
    expect(plain(await before.locator('.form-alert p').first().textContent())).toMatch(/^This very file was already imported into this project on .+ by Lena Lead as “MEDLINE via Ovid”\.$/);
    await again.getByLabel('Source database').fill('MEDLINE via PubMed');
    await again.getByLabel('Source database').press('Tab');
    await check(page, 'import repeat before');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await again.getByText('This file was imported before. Tick “Import it again anyway”, or remove it from the list.').waitFor();
    expect(await total()).toBe(35);
    await check(page, 'import repeat unconfirmed');
    await again.getByLabel('Import it again anyway').check();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    const repeat = again.getByTestId('import-repeat');
    await repeat.waitFor({ timeout: 30_000 });
    expect(plain(await repeat.textContent())).toMatch(/^This very file was already imported on .+ by Lena Lead as “MEDLINE via Ovid”\.35 of its 35 records were linked as duplicates and will not be screened twice\. But PRISMA counts all 35 once more as records identified/);
    expect(await total()).toBe(70);
    await check(page, 'import repeat after');

    // 3. An empty file: no "Line 1:", and no offer to change settings that cannot help.
    await page.getByLabel('Choose files').setInputFiles({ name: 'empty.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.alloc(0) });
    const empty = cards.nth(2);
    await empty.getByLabel('Source database').fill('Scopus');
    await empty.getByLabel('Source database').press('Tab');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await empty.getByText('The file is empty (0 bytes).', { exact: true }).waitFor();
    expect(await empty.getByRole('button').allTextContents()).toEqual(['Remove empty.ris']);
    await page.getByRole('alert').getByText('The file was not imported; see the message with it above.').waitFor();
    // not in the (green) status region
    expect(await page.locator('form [role="status"]').textContent()).toBe('');
    await check(page, 'import empty file');
    await empty.getByRole('button', { name: /^Remove/ }).click();

    // 4. Cancel a large import while it is sent or read: nothing is added.
    const bigFile = big();
    // decimal MB, as file managers show sizes (in MiB this file would read lower)
    const mb = String(Math.round(bigFile.length / 1e5) / 10);
    expect(mb).not.toBe(String(Math.round(bigFile.length / 2 ** 20 * 10) / 10));
    await page.getByLabel('Choose files').setInputFiles({ name: 'everything.ris', mimeType: 'application/x-research-info-systems', buffer: bigFile });
    const large = cards.nth(2);
    await expect.poll(async () => plain(await large.locator('h3').textContent()), POLL).toBe(`everything.ris (${mb} MB)`);
    await large.getByLabel('Source database').fill('Embase via Ovid');
    await large.getByLabel('Source database').press('Tab');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await large.getByRole('button', { name: 'Cancel everything.ris' }).click();
    await large.getByText(/^Import of this file from\W+Embase via Ovid\W+was cancelled\. Nothing from it was added\.$/).waitFor();
    await page.getByRole('alert').getByText('The file was not imported; see the message with it above.').waitFor();
    await check(page, 'import cancelled');
    // the server drops what it staged; the next import is not held up
    await expect.poll(() => lead.get(`/api/projects/${pid}/imports`).then((r) => r.body.imports.length), POLL).toBe(2);
    expect(await total()).toBe(70);
    await large.getByRole('button', { name: 'Try again' }).waitFor();
  });

  it('fills in the source a file names, in the project’s own spelling, and lets the lead change it', async () => {
    const lead = await signUp(e2e.server.url, 'Sam Source');
    const pid = await projectWith(lead, [], 'Named sources');
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/import`);
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    const cards = page.locator('li.import-card');
    const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
    const real = (file: string, name: string) => ({ name, mimeType: 'text/plain', buffer: readFileSync(join(data, file)) });

    // a PubMed file names its source; a Zotero export does not, so the lead still types one
    await page.getByLabel('Choose files').setInputFiles([real('pubmed_medline/p1m-ortho_citations.nbib', 'pubmed.nbib'), real('asysd/zotero_export.bib', 'zotero.bib')]);
    const source = (i: number) => cards.nth(i).getByLabel('Source database');
    await expect.poll(() => source(0).inputValue(), POLL).toBe('MEDLINE via PubMed');
    expect(plain(await cards.nth(0).getByTestId('source-from-file').textContent())).toBe(
      'Filled in from the file, which names “MEDLINE via PubMed”. Change it if your protocol names this source differently.');
    expect(await source(0).getAttribute('aria-describedby')).toContain('source-from-file');
    expect(await source(1).inputValue()).toBe('');
    expect(await cards.nth(1).getByTestId('source-from-file').count()).toBe(0);
    await check(page, 'source filled in from the file');
    // the lead's own words win, and the note about the file goes
    await source(0).fill('PubMed (MEDLINE and PubMed-not-MEDLINE)');
    await source(0).press('Tab');
    expect(await cards.nth(0).getByTestId('source-from-file').count()).toBe(0);
    await source(1).fill('scopus');
    await source(1).press('Tab');
    await page.getByRole('button', { name: 'Import 2 files' }).click();
    await expect.poll(() => cards.locator('[data-testid="import-summary"]').count(), { ...POLL, timeout: 60_000 }).toBe(2);

    // a Scopus export later takes the spelling this project already uses, also offered first
    await page.getByLabel('Choose files').setInputFiles(real('asysd/scopus.ris', 'scopus.ris'));
    await expect.poll(() => source(2).inputValue(), POLL).toBe('scopus');
    const offered = await page.locator('#import-source-suggestions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered.slice(0, 2).sort()).toEqual(['PubMed (MEDLINE and PubMed-not-MEDLINE)', 'scopus']);
    expect(offered.filter((o) => o.toLowerCase() === 'scopus')).toHaveLength(1);
  });
});
