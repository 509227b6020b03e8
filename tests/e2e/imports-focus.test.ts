/**
 * End to end, the Import page's second audit: keyboard focus goes somewhere sensible at every step
 * (remove → the next card or the file chooser, start → the card's heading, cancel → the card's
 * message, try again → its source field, a finished file → its heading when focus was lost, and
 * nowhere when the lead is elsewhere); the status line says what a removal did; the source field
 * keeps to the server's 200 characters and sends the name tidied; Earlier imports shows new records
 * and a problem count, and fits 320 px without the page scrolling sideways. Each state is checked
 * with axe (WCAG 2.2 A/AA, zero violations). Needs `npx vite build` and /usr/bin/chromium.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { blankRecord, insertImport } from '../../server/records/store';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';

const e2e = useE2E();
const shots = shotsDir('imports-focus');

const check = (page: Page, label: string) => checkAndShoot(page, shots, label);

/** A small RIS file; a null title is a record with a problem ("no title"). Distinct tags make distinct files. */
const ris = (tag: string, titles: (string | null)[]) => ({
  name: `${tag}.ris`,
  mimeType: 'application/x-research-info-systems',
  buffer: Buffer.from(titles.map((t, i) => `TY  - JOUR\n${t ? `TI  - ${t} (${tag})\n` : ''}AU  - Author, ${tag} ${i}\nPY  - 2022\nER  - \n`).join('')),
});

/** Waits until `target` has the keyboard focus. */
const focused = (target: Locator) => expect.poll(() => target.evaluate((el) => el === document.activeElement), POLL).toBe(true);

/** Holds the browser's import uploads until released, recording their addresses. */
async function holdUploads(page: Page): Promise<{ seen: string[]; release: () => Promise<void> }> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const seen: string[] = [];
  const upload = (url: URL) => url.pathname.endsWith('/imports') && url.searchParams.has('source');
  await page.route(upload, async (route) => {
    seen.push(route.request().url());
    await gate;
    // a cancelled upload is gone by then
    await route.continue().catch(() => undefined);
  });
  return { seen, release: async () => { open(); await page.unroute(upload); } };
}

/** A lead's project with two earlier imports: Scopus (2 records), then Lens.org (3 read, 1 of them a duplicate, 30 problems). */
async function seeded(name: string) {
  const lead = await signUp(e2e.server.url, name);
  const pid = await projectWith(lead, [], 'Peer support after resettlement');
  const db = e2e.server.db;
  const base = { projectId: pid, userId: lead.user.id, format: 'ris' as const, encoding: 'utf-8' };
  const scopus = insertImport(db, {
    ...base, source: 'Scopus', filename: 'scopus.ris', problems: [],
    records: [{ record: blankRecord('Peer support in resettlement', { doi: '10.1000/peer.1' }), duplicate: null }, { record: blankRecord('Belonging after arrival'), duplicate: null }],
  });
  insertImport(db, {
    ...base, source: 'Lens.org', filename: 'lens-export-2024.ris',
    problems: Array.from({ length: 30 }, (_, i) => ({ line: 1 + i * 5, message: 'This record has no title.' })),
    records: [
      { record: blankRecord('Peer support in resettlement', { doi: '10.1000/peer.1' }), duplicate: { of: scopus.ids[0]!, reason: 'doi', score: 1 } },
      { record: blankRecord('Language and home'), duplicate: null },
      { record: blankRecord('Waiting for a decision'), duplicate: null },
    ],
  });
  return { lead, pid };
}

describe('import page: focus, status, source limit, earlier imports at 320 px', { timeout: 180_000 }, () => {
  it('shows new records and a problem count in Earlier imports, and fits 320 px', async () => {
    const { lead, pid } = await seeded('Rosa Reflow');
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/import`);
    const table = page.locator('table.past-imports');
    await expect.poll(() => table.locator('tbody tr').count(), POLL).toBe(2);
    expect((await table.locator('thead th').allTextContents()).map(plain)).toEqual(
      ['Source', 'File', 'Records read', 'New records', 'Duplicates found', 'Problems', 'Imported', 'Manage']);
    const lens = table.locator('tbody tr', { hasText: 'Lens.org' });
    const cells = (await lens.locator('td').allTextContents()).map(plain);
    // read 3, new 2, duplicates 1; the count is text, the link says what it downloads
    expect(cells.slice(1, 4)).toEqual(['3', '2', '1']);
    expect(plain(await lens.locator('td').nth(4).locator('div').textContent())).toBe('30 problems');
    const csv = lens.getByRole('link', { name: /^Download as CSV \(all 30 problems in the import from .Lens\.org.\)$/ });
    const shown = await csv.evaluate((a) => [...a.childNodes].filter((n) => !(n instanceof Element && n.matches('.visually-hidden'))).map((n) => n.textContent).join(''));
    expect(plain(shown)).toBe('Download as CSV');
    expect(await csv.getAttribute('href')).toMatch(/\/imports\/[^/]+\/problems\.csv$/);
    expect(plain(await table.locator('tbody tr', { hasText: 'Scopus' }).locator('td').nth(4).textContent())).toBe('None');
    await check(page, 'earlier imports at 1280');

    // At 320 px the table scrolls in its own named box, and the hidden words of the far-right link stay in it.
    const narrow = await e2e.pageAs(lead, { viewport: { width: 320, height: 640 } });
    await narrow.goto(`/projects/${pid}/import`);
    const box = narrow.locator('.table-wrap[role="region"]');
    await box.waitFor();
    expect(await box.getAttribute('tabindex')).toBe('0');
    const width = await narrow.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(width.page, `the page is ${width.page}px wide in a ${width.view}px viewport`).toBeLessThanOrEqual(width.view);
    const hidden = await narrow.locator('table.past-imports a .visually-hidden').first().evaluate((el: HTMLElement) => el.offsetParent?.classList.contains('table-wrap'));
    expect(hidden).toBe(true);
    await check(narrow, 'earlier imports at 320');
  });

  it('keeps keyboard focus through remove, start, cancel, try again and finish', async () => {
    const { lead, pid } = await seeded('Kim Keyboard');
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/import`);
    await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
    await page.locator('table.past-imports tbody tr').first().waitFor();
    const cards = page.locator('li.import-card');
    const status = page.locator('form [role="status"]');
    const chooser = page.getByLabel('Choose files');

    // 1. Remove: the status says so, and focus goes to the card now in its place…
    await chooser.setInputFiles([ris('alpha', ['A one']), ris('bravo', ['B one', null])]);
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('2 files added to the list.');
    await cards.nth(0).getByRole('button', { name: /^Remove/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('alpha.ris removed from the list.');
    await expect.poll(() => cards.count(), POLL).toBe(1);
    await focused(cards.nth(0).locator('h3'));
    expect(plain(await cards.nth(0).locator('h3').textContent())).toMatch(/^bravo\.ris/);
    await check(page, 'removed, focus on the next card');
    // …or, with no card after it, to the file chooser.
    await chooser.setInputFiles(ris('charlie', ['C one']));
    await expect.poll(() => cards.count(), POLL).toBe(2);
    await cards.nth(1).getByRole('button', { name: /^Remove/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('charlie.ris removed from the list.');
    await focused(chooser);

    // 2. The source field keeps to the server's limit; a longer name that got in anyway is refused before sending.
    const card = cards.nth(0);
    const source = card.getByLabel('Source database');
    expect(await source.getAttribute('maxlength')).toBe('200');
    await source.focus();
    await page.keyboard.insertText('x'.repeat(250));
    expect((await source.inputValue()).length).toBe(200);
    const hold = await holdUploads(page);
    await source.evaluate((el) => el.removeAttribute('maxlength'));
    await source.fill('y'.repeat(201));
    await source.press('Tab');
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await card.getByText('Use at most 200 characters.').waitFor();
    await focused(source);
    expect(hold.seen).toEqual([]);
    await check(page, 'source name too long');

    // 3. Start from the keyboard: focus goes to the file's heading, and the name is sent tidied, as the server keeps it.
    await source.fill('  Scopus   (Elsevier) ');
    await source.press('Tab');
    await page.getByRole('button', { name: 'Import 1 file' }).focus();
    await page.keyboard.press('Enter');
    await focused(card.locator('h3'));
    await expect.poll(() => hold.seen.length, POLL).toBe(1);
    expect(new URL(hold.seen[0]!).searchParams.get('source')).toBe('Scopus (Elsevier)');
    await check(page, 'import started, focus on the card');

    // 4. Cancel: focus goes to the card's message, from which Tab reaches "Try again".
    await page.keyboard.press('Tab');
    await focused(card.getByRole('button', { name: 'Cancel bravo.ris' }));
    await page.keyboard.press('Enter');
    const message = card.locator('.form-alert');
    await focused(message);
    expect(plain(await message.textContent())).toBe('Import of this file from Scopus (Elsevier) was cancelled. Nothing from it was added.');
    await page.getByRole('alert').getByText('The file was not imported; see the message with it above.').waitFor();
    await check(page, 'cancelled, focus on the message');

    // 5. Try again: focus goes to the card's source field.
    await page.keyboard.press('Tab');
    await focused(card.getByRole('button', { name: 'Try again' }));
    await page.keyboard.press('Enter');
    await focused(source);
    expect(await source.inputValue()).toBe('Scopus (Elsevier)');
    await hold.release();

    // 6. Finish with focus lost to <body>: it goes to the file's heading, and Tab continues into the summary.
    const again = await holdUploads(page);
    await page.getByRole('button', { name: 'Import 1 file' }).focus();
    await page.keyboard.press('Enter');
    await focused(card.locator('h3'));
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await again.release();
    await card.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await focused(card.locator('h3'));
    await page.keyboard.press('Tab');
    await focused(card.getByRole('link', { name: 'Download the problem as CSV (line and message)' }));
    await page.keyboard.press('Tab');
    await focused(card.getByRole('link', { name: 'See the records from this file' }));
    await check(page, 'finished, focus in the summary');

    // 7. Finish while the lead is elsewhere (in the Earlier imports table): focus stays there.
    await chooser.setInputFiles(ris('delta', ['D one']));
    await cards.nth(1).getByLabel('Source database').fill('Embase');
    await cards.nth(1).getByLabel('Source database').press('Tab');
    const last = await holdUploads(page);
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await focused(cards.nth(1).locator('h3'));
    const lensLink = page.locator('table.past-imports tbody tr', { hasText: 'Lens.org' }).getByRole('link', { name: 'Lens.org', exact: true });
    await lensLink.focus();
    await last.release();
    await cards.nth(1).getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('table.past-imports tbody tr').count(), POLL).toBe(4);
    await focused(lensLink);
    await check(page, 'finished while elsewhere');
  });
});
