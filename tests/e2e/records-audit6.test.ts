/**
 * End to end, records audit 6: on the duplicates page, merging another group's kept record (or one
 * of its duplicates) changes that group's card at once, so its buttons act only on its own records;
 * a group confirmed while the page shows groups not checked yet leaves the list, saying so, with
 * focus on the next group's heading. Prior-label summaries read as plural messages; authors are
 * separated by semicolons everywhere, shortened in the list and in full on the record page; notes
 * keep their line breaks. Axe (WCAG 2.2 A/AA, zero violations) on every state visited. Needs
 * `npx vite build` and /usr/bin/chromium.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { POLL, useE2E } from '../helpers/e2e';
import { projectWith, signUp, type Client } from '../helpers/http';
import { importDataFile } from '../helpers/records';

const e2e = useE2E();
const plain = (s: string | null) => (s ?? '').replace(/[\u2068\u2069]/g, '').trim();

interface Rec { id: string; title: string; authors: string[]; priorLabels: { label: string }[]; notes: string }
interface Group { primary: Rec; duplicates: Rec[] }

let lead: Client;
let dupsPid: string;
let labelsPid: string;

beforeAll(async () => {
  lead = await signUp(e2e.server.url, 'Lena Lead');
  dupsPid = await projectWith(lead, [], 'Wildfire smoke and health');
  await importDataFile(lead, dupsPid, 'citesource_wildfire/medline_84.ris', 'MEDLINE');
  await importDataFile(lead, dupsPid, 'citesource_wildfire/wos_278.ris', 'Web of Science');
  await importDataFile(lead, dupsPid, 'citesource_wildfire/lens_343.ris', 'Lens');
  labelsPid = await projectWith(lead, [], 'Tinea treatments');
  await importDataFile(lead, labelsPid, 'rayyan/rayyanR/tinea_update.ris', 'Rayyan export');
  await importDataFile(lead, labelsPid, 'synthesisr_revtools/Scopus_ris_example.ris', 'Scopus');
});

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);
const card = (page: Page, primaryId: string) => page.locator('.group-list > li', { has: byId(page, `group-${primaryId}`) });
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Adds `record` to the group of `into` through that card's merge form. */
async function mergeInto(page: Page, into: string, record: Rec): Promise<void> {
  const form = card(page, into);
  const details = form.locator('details.merge-details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await form.getByText('Add a missed duplicate to this group').click();
  await form.getByLabel('Find the record to add').fill(record.title);
  await form.getByRole('button', { name: 'Find' }).click();
  await byId(page, `merge-${into}-${record.id}`).check();
  await form.getByRole('button', { name: 'Add to this group' }).click();
  await form.getByRole('button', { name: 'Yes, add it' }).click();
}

describe('records audit 6', { timeout: 180_000 }, () => {
  it('merging another group’s records changes that group’s card at once', async () => {
    const groups = (await lead.get(`/api/projects/${dupsPid}/duplicates?status=unconfirmed&limit=20`)).body.groups as Group[];
    const [a, b] = groups;
    const c = groups.slice(2).find((g) => g.duplicates.length >= 2)!;
    expect(a && b && c).toBeTruthy();
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${dupsPid}/duplicates`);
    await card(page, c.primary.id).waitFor();
    const status = page.locator('.page > [role=status]');

    // b's kept record joins a: b's card goes, and its records show in a's.
    await mergeInto(page, a.primary.id, b.primary);
    await expect.poll(async () => plain(await status.textContent()), POLL).toMatch(/was added to the group\. The group it came from has been updated on this page\.$/);
    await expect.poll(() => card(page, b.primary.id).count(), POLL).toBe(0);
    const aRows = card(page, a.primary.id).locator('tbody tr');
    expect(await aRows.count()).toBe(1 + a.duplicates.length + 1 + b.duplicates.length);
    for (const r of [b.primary, ...b.duplicates]) expect(await card(page, a.primary.id).locator(`a[href$="/records/${r.id}"]`).count()).toBe(1);
    // One kept record per card: none is left claiming b's record is screened.
    expect(await page.locator('.group-list').getByText('Kept for screening', { exact: true }).count()).toBe(await page.locator('.group-list > li').count());
    await expectNoAxeViolations(page, 'duplicates after merging a kept record');

    // One of c's duplicates joins a: c's card loses that row, and splitting from c acts on c alone.
    const [moved, stays] = c.duplicates;
    await mergeInto(page, a.primary.id, moved!);
    await expect.poll(() => card(page, c.primary.id).locator(`a[href$="/records/${moved!.id}"]`).count(), POLL).toBe(0);
    expect(await card(page, c.primary.id).locator('tbody tr').count()).toBe(c.duplicates.length);
    const aBefore = (await lead.get(`/api/projects/${dupsPid}/records/${a.primary.id}`)).body.group.duplicates.length as number;
    await card(page, c.primary.id).getByRole('row').filter({ has: page.locator(`a[href$="/records/${stays!.id}"]`) }).getByRole('button', { name: /^Split out/ }).click();
    await page.getByRole('button', { name: 'Yes, split it out' }).click();
    await expect.poll(async () => plain(await status.textContent()), POLL).toMatch(/is now a separate record and will be screened\.$/);
    expect((await lead.get(`/api/projects/${dupsPid}/records/${stays!.id}`)).body.record.duplicateOf).toBeNull();
    expect((await lead.get(`/api/projects/${dupsPid}/records/${a.primary.id}`)).body.group.duplicates.length).toBe(aBefore);
    await expectNoAxeViolations(page, 'duplicates after merging another group’s duplicate');
  });

  it('a group confirmed among groups not checked yet leaves the list, and focus goes to the next group', async () => {
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${dupsPid}/duplicates`);
    const cards = page.locator('.group-list > li');
    await cards.nth(2).waitFor();
    const id = (await cards.nth(1).locator('h2').getAttribute('id'))!;
    const next = (await cards.nth(2).locator('h2').getAttribute('id'))!;
    const title = plain(await cards.nth(1).locator('h2').textContent());
    await cards.nth(1).getByRole('button', { name: /^Confirm group/ }).click();
    await page.getByRole('button', { name: 'Yes, confirm' }).click();
    const status = page.locator('.page > [role=status]');
    await expect.poll(async () => plain(await status.textContent()), POLL)
      .toBe(`Group “${title}” confirmed. It has moved out of this list, which shows only the groups that match the choices above.`);
    await expect.poll(() => byId(page, id).count(), POLL).toBe(0);
    await expect.poll(() => focusedId(page), POLL).toBe(next);
    await expectNoAxeViolations(page, 'duplicates after confirming');
    // It is among the confirmed groups.
    await page.getByLabel('Show').selectOption('confirmed');
    await card(page, id.replace(/^group-/, '')).getByText('A lead has confirmed this group.').waitFor();
    await expectNoAxeViolations(page, 'confirmed groups');
  });

  it('label summaries and short author lists in the records list; full authors and notes with line breaks on a record', async () => {
    const records = (await lead.get(`/api/projects/${labelsPid}/records?limit=50`)).body.records as Rec[];
    const find = (start: string) => records.find((r) => r.title.startsWith(start))!;
    const mixed = find('Efficacy and safety of terbinafine');
    const both = find('A comparative randomized open label study');
    const three = records.find((r) => r.authors.length === 3)!;
    const noted = find('Soil fauna diversity');
    expect(mixed.authors).toHaveLength(4);
    expect(both.authors).toHaveLength(5);
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${labelsPid}/records`);
    const item = (r: Rec) => page.locator('li.record-item', { has: page.locator(`[data-record-id="${r.id}"]`) });
    const tags = async (r: Rec) => (await item(r).locator('.tag').allTextContents()).map(plain);
    await item(mixed).waitFor();
    expect(await tags(mixed)).toContain('Rayyan: 1 include label and 1 exclude label');
    expect(await tags(both)).toContain('Rayyan: 2 include labels');
    const meta = async (r: Rec) => plain(await item(r).locator('p.meta bdi').first().textContent());
    expect(await meta(mixed)).toBe('S, Choudhary; S, Bisati; A, Singh and 1 more');
    expect(await meta(both)).toBe('S, Thaker; D, Mehta; H, Shah and 2 more');
    expect(await meta(three)).toBe(three.authors.join('; '));
    await expectNoAxeViolations(page, 'records with labels and authors');

    const field = (name: string) => page.locator('.record-details > div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd');
    await page.goto(`/projects/${labelsPid}/records/${both.id}`);
    await expect.poll(async () => plain(await field('Authors').textContent()), POLL).toBe('S, Thaker; D, Mehta; H, Shah; J, Dave; S, Mundhava');
    await expectNoAxeViolations(page, 'record with five authors');

    await page.goto(`/projects/${labelsPid}/records/${noted.id}`);
    const notes = field('Notes');
    await notes.waitFor();
    expect(noted.notes.split('\n').length).toBeGreaterThan(1);
    // Rendered text keeps a line per note (collapsed white space would make it one line).
    const lines = (await notes.innerText()).split('\n').map(plain);
    expect(lines).toContain('Export Date: 30 April 2020');
    expect(lines.some((l) => l.startsWith('Correspondence Address: Cui, L.;'))).toBe(true);
    await expectNoAxeViolations(page, 'record with notes');
  });
});
