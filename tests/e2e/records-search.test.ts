/**
 * End to end: finding records. The merge form finds the record with exactly the typed title first
 * and shows more on request, and warns when the picked record looks like a different report; the
 * records page offers best-match or import order and is honest about punctuation-only searches;
 * Back from a record restores the list's length and focus; "Split out" leaves focus on the group's
 * heading with the result announced; record types read as words. Axe (WCAG 2.2 A/AA, zero
 * violations) on every state visited. Needs `npx vite build` and /usr/bin/chromium.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { join } from 'node:path';
import { POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp, type Client } from '../helpers/http';
import { dataFile } from '../helpers/data';

const e2e = useE2E();
const shots = shotsDir('records-search');
const plain = (s: string | null) => (s ?? '').replace(/[\u2068\u2069]/g, '').trim();
const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const TITLE = 'Health effects of wildfires';

let lead: Client;
let pid: string;
let total: number;

beforeAll(async () => {
  lead = await signUp(e2e.server.url, 'Lena Lead');
  pid = await projectWith(lead, [], 'Wildfire smoke and health');
  for (const [path, source] of [['citesource_wildfire/wos_278.ris', 'Web of Science'], ['citesource_wildfire/lens_343.ris', 'Lens']] as const) {
    const r = await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, dataFile(path), { 'content-type': 'application/octet-stream' });
    expect(r.status).toBe(201);
  }
  total = (await lead.get(`/api/projects/${pid}/records?limit=1`)).body.total;
});

/** The id and data-record-id of the focused element. */
const focused = (page: Page) => page.evaluate(() => ({ id: document.activeElement?.id ?? '', record: (document.activeElement as HTMLElement | null)?.dataset.recordId ?? '', tag: document.activeElement?.tagName ?? '' }));

describe('finding records', { timeout: 180_000 }, () => {
  it('the merge form ranks the exact title first, shows more, and warns about different reports', async () => {
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/duplicates`);
    await page.locator('.group-list > li').first().waitFor();
    // Closed merge forms have no live regions of their own: one page-level status remains.
    expect(await page.locator('.group-list [role=status]').count()).toBe(0);
    await expectNoAxeViolations(page, 'duplicates');
    const group = page.locator('.group-list > li').first();
    await group.getByText('Add a missed duplicate to this group').click();
    await group.getByLabel('Find the record to add').fill(TITLE);
    await group.getByRole('button', { name: 'Find' }).click();
    const matches = (await lead.get(`/api/projects/${pid}/records?q=${encodeURIComponent(TITLE)}&limit=1`)).body.total as number;
    expect(matches).toBeGreaterThan(20);
    const radios = group.getByRole('radio');
    await expect.poll(() => radios.count(), POLL).toBe(10);
    // The count is of every candidate (the group's own records left out), not of the first page.
    const status = group.locator('[role=status]');
    await expect.poll(async () => plain(await status.textContent()), POLL).toMatch(/^\d+ records found, best matches first\. Showing the first 10\.$/);
    const found = Number(plain(await status.textContent()).match(/^\d+/)![0]);
    expect(found).toBeGreaterThan(20);
    expect(found).toBeLessThanOrEqual(matches);
    expect(norm(plain(await group.locator('.radio label').first().textContent()))).toBe(norm(TITLE));
    await expectNoAxeViolations(page, 'merge form results');
    await group.getByRole('button', { name: 'Show 10 more results' }).click();
    await expect.poll(() => radios.count(), POLL).toBe(20);
    await expect.poll(async () => (await focused(page)).id, POLL).toBe(await radios.nth(10).getAttribute('id'));
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe(`${found} records found, best matches first. Showing the first 20.`);
    const labels = await group.locator('.radio label').allTextContents();
    expect(new Set(labels.map((l, i) => `${l}#${i}`)).size).toBe(20);
    await expectNoAxeViolations(page, 'merge form more results');

    // The server names what argues against the merge: here two different DOIs (the real records' own)
    const groupId = (await group.getByLabel('Find the record to add').getAttribute('id'))!.replace(/^merge-/, '').replace(/-q$/, '');
    const pickedId = (await radios.first().getAttribute('id'))!.slice(`merge-${groupId}-`.length);
    const preview = await lead.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${groupId}&duplicateId=${pickedId}`);
    expect(preview.status).toBe(200);
    const doi = (preview.body.differences as { field: string; primary: string; duplicate: string }[]).find((d) => d.field === 'doi')!;
    expect(doi.primary).not.toBe(doi.duplicate);
    await radios.first().check();
    await group.getByRole('button', { name: 'Add to this group' }).click();
    const warning = group.getByTestId('merge-differences');
    await warning.waitFor();
    expect(plain(await warning.textContent())).toContain(`DOI: ${doi.primary} in this group’s record, ${doi.duplicate} in the record you picked.`);
    await warning.getByText(/Different DOIs or PubMed IDs usually mean different reports/).waitFor();
    // The warning comes before "Yes", which is styled as taking something away, and has focus.
    const yes = group.getByRole('button', { name: 'Yes, add it' });
    expect(await warning.evaluate((w, y) => !!(w.compareDocumentPosition(y!) & Node.DOCUMENT_POSITION_FOLLOWING), await yes.elementHandle())).toBe(true);
    expect(await yes.getAttribute('class')).toMatch(/\bdanger\b/);
    await expect.poll(async () => plain(await page.evaluate(() => document.activeElement?.textContent ?? null)), POLL).toBe('Yes, add it');
    await expectNoAxeViolations(page, 'merge question with differences');
    await group.screenshot({ path: join(shots, 'merge-differences.png') });
    await group.getByRole('button', { name: 'Cancel' }).click();

    // Confirming is not destructive: its "Yes" is not red, and one duplicate reads as one.
    const single = page.locator('.group-list > li').filter({ has: page.locator('p.meta', { hasText: /^\W*1\W*duplicate ·/ }) }).first();
    await single.getByRole('button', { name: /^Confirm group/ }).click();
    await single.getByText('Confirm that this duplicate is the same study report as the first record?', { exact: true }).waitFor();
    const confirmYes = single.getByRole('button', { name: 'Yes, confirm' });
    expect(await confirmYes.getAttribute('class')).toMatch(/\bprimary\b/);
    expect(await confirmYes.getAttribute('class')).not.toMatch(/\bdanger\b/);
    await expectNoAxeViolations(page, 'confirm question');
  });

  it('the records page orders by best match or import order and says when nothing was searched', async () => {
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/records`);
    const status = page.locator('p.results-count[role=status]');
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe(`Showing 50 of ${total} records.`);
    expect(await page.getByLabel('Order').count()).toBe(0); // nothing to rank by yet
    await page.getByLabel('Search records').fill(TITLE);
    expect(await page.getByLabel('Order').inputValue()).toBe('relevance');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(async () => plain(await status.textContent()), POLL).toMatch(/matching records, best match first\.$/);
    const first = page.locator('[data-record-link]').first();
    expect(norm(plain(await first.textContent()))).toBe(norm(TITLE));
    await expectNoAxeViolations(page, 'records best match');
    await page.locator('form[role=search]').screenshot({ path: join(shots, 'records-order.png') });
    await page.getByLabel('Order').selectOption('arrival');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), POLL).toBe('arrival');
    await expect.poll(async () => plain(await status.textContent()), POLL).toMatch(/^Showing \d+ of \d+ matching records\.$/);
    expect(norm(plain(await first.textContent()))).not.toBe(norm(TITLE));
    // Back to the address without sort: best match first again.
    await page.goBack();
    await expect.poll(async () => norm(plain(await first.textContent())), POLL).toBe(norm(TITLE));
    expect(await page.getByLabel('Order').inputValue()).toBe('relevance');

    await page.getByLabel('Search records').fill('(');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-ignored').getByText(/Type a word to search: punctuation alone is ignored/).waitFor();
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe(`Showing 50 of ${total} records.`);
    expect(await page.getByText(/matching records/).count()).toBe(0);
    await expectNoAxeViolations(page, 'records punctuation only');
    await page.getByLabel('Search records').fill('C++');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(async () => plain(await page.getByTestId('searched-for').textContent({ timeout: 1000 }).catch(() => null)), POLL).toBe('Searched for “C”: punctuation is ignored.');
    expect(await page.getByTestId('search-ignored').count()).toBe(0);

    // OR for either, a minus to leave a word out: the page says how it read the search
    const count = async (q: string) => (await lead.get(`/api/projects/${pid}/records?q=${encodeURIComponent(q)}&limit=1`)).body.total as number;
    const meaning = async () => plain(await page.getByTestId('searched-for').textContent({ timeout: 1000 }).catch(() => null));
    await page.getByLabel('Search records').fill('smoke OR wildfire -children');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(meaning, POLL).toBe('Searched for “smoke” or “wildfire”, leaving out records with “children”.');
    const either = await count('smoke OR wildfire -children');
    expect(either).toBeGreaterThan(await count('smoke -children'));
    await expect.poll(async () => plain(await status.textContent()), POLL).toMatch(new RegExp(`^Showing \\d+ of ${either} matching records`));
    await expectNoAxeViolations(page, 'records search with OR and a minus');
    await page.getByLabel('Search records').fill('-smoke');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(meaning, POLL).toBe('Showing every record without “smoke”.');
    expect(await count('-smoke') + await count('smoke')).toBe(total);
  });

  it('Back from a record restores the list’s length and the focus on that record', async () => {
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/records`);
    const links = page.locator('[data-record-link]');
    await expect.poll(() => links.count(), POLL).toBe(50);
    await page.getByRole('button', { name: 'Show 50 more records' }).click();
    await expect.poll(() => links.count(), POLL).toBe(100);
    const rid = await links.nth(80).getAttribute('data-record-id');
    await links.nth(80).click();
    await page.getByRole('link', { name: 'Back to all records' }).waitFor();
    await page.goBack();
    await expect.poll(() => links.count(), POLL).toBe(100);
    await expect.poll(async () => (await focused(page)).record, POLL).toBe(rid);
    await expectNoAxeViolations(page, 'records restored');
    // The page's own Back link does the same.
    const other = await links.nth(90).getAttribute('data-record-id');
    await links.nth(90).click();
    await page.getByRole('link', { name: 'Back to all records' }).click();
    await expect.poll(() => links.count(), POLL).toBe(100);
    await expect.poll(async () => (await focused(page)).record, POLL).toBe(other);
    // More records still continue after the restored ones.
    await page.getByRole('button', { name: 'Show 50 more records' }).click();
    await expect.poll(() => links.count(), POLL).toBe(150);
    const ids = await links.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.recordId));
    expect(new Set(ids).size).toBe(150);
  });

  it('Split out leaves focus on the group heading and announces it; types read as words', async () => {
    const dups = (await lead.get(`/api/projects/${pid}/records?duplicates=only&limit=500`)).body.records as { id: string; type: string }[];
    const dup = dups.find((r) => r.type === 'JOUR')!;
    expect(dup).toBeTruthy();
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/records/${dup.id}`);
    const type = page.locator('.record-details div', { has: page.locator('dt', { hasText: /^Type$/ }) }).locator('dd');
    await expect.poll(async () => plain(await type.textContent()), POLL).toBe('Journal article (code JOUR in the file)');
    const group = page.getByTestId('group-table');
    await group.locator('tr', { hasText: '(this record)' }).getByRole('button', { name: /^Split out/ }).click();
    const yes = page.getByRole('button', { name: 'Yes, split it out' });
    expect(await yes.getAttribute('class')).not.toMatch(/\bdanger\b/);
    await yes.click();
    await page.getByRole('status').getByText(/is now a separate record and will be screened/).waitFor();
    await page.getByText('No other record was found to be the same study report.').waitFor();
    await expect.poll(async () => (await focused(page)).id, POLL).toBe('rec-group');
    await expectNoAxeViolations(page, 'record after split');
  });

  it('a wrong merge is undone by splitting the merged record out: its duplicates say where they came from and go back', async () => {
    const groups = (await lead.get(`/api/projects/${pid}/duplicates?limit=200`)).body.groups as { primary: { id: string; title: string }; duplicates: { id: string; title: string }[] }[];
    const [a, b] = groups.filter((g) => g.duplicates.length >= 1).slice(-2);
    expect((await lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: a!.primary.id, duplicateId: b!.primary.id })).status).toBe(200);
    const page = await e2e.pageAs(lead);
    // a duplicate that came in with b matches b, not a's record: the table says so
    await page.goto(`/projects/${pid}/records/${b!.duplicates[0]!.id}`);
    const group = page.getByTestId('group-table');
    const moved = group.locator('tr', { hasText: '(this record)' });
    await expect.poll(async () => plain(await moved.textContent()), POLL).toContain(`matches “${plain(b!.primary.title)}”, and came into this group when a lead merged that record in`);
    await expectNoAxeViolations(page, 'group after a merge');
    // splitting b out says its duplicates go back with it, and they do
    await page.goto(`/projects/${pid}/records/${b!.primary.id}`);
    await group.locator('tr', { hasText: '(this record)' }).getByRole('button', { name: /^Split out/ }).click();
    const n = b!.duplicates.length;
    await page.getByText(n === 1 ? 'The duplicate that came into this group with it goes back with it.' : `The ${n} duplicates that came into this group with it go back with it.`).waitFor();
    await expectNoAxeViolations(page, 'split question with followers');
    await page.getByRole('button', { name: 'Yes, split it out' }).click();
    await page.getByRole('status').getByText(/is now a separate record and will be screened/).waitFor();
    await expect.poll(async () => (await group.locator('tbody tr').count()), POLL).toBe(1 + n);
    const back = (await lead.get(`/api/projects/${pid}/records/${b!.duplicates[0]!.id}`)).body.record;
    expect(back).toMatchObject({ duplicateOf: b!.primary.id, duplicateVia: null });
  });
});
