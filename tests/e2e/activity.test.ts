/**
 * End to end: a lead opens Activity from the project navigation and reads the project's history as
 * sentences — two real imports (with file names), a split and a merge of duplicates, unblinding and
 * a settled disagreement — then pages back ("Show older", focus on the first older entry), filters
 * by kind (kept in the address), and downloads the log as CSV. A reviewer has no such page. Axe
 * (WCAG 2.2 A/AA) on every state; screenshots printed. Needs `npx vite build` and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { holdAnswers, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { importDataFile, seedDecisions } from '../helpers/records';
import type { AuditEvent } from '../../shared/audit';

const e2e = useE2E();
const shots = shotsDir('activity');

async function check(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  const file = join(shots, `${label.replace(/\W+/g, '-')}.png`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 1800) } });
  console.log(`screenshot (${label}): ${file}`);
}

const plain = (s: string | null) => (s ?? '').replace(/[\u2068\u2069]/g, '').trim();


describe('activity: the audit log for leads', { timeout: 180_000 }, () => {
  it('tells imports, duplicates, unblinding and settlements as sentences; pages, filters and downloads', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const alice = await signUp(e2e.server.url, 'Alice');
    const bob = await signUp(e2e.server.url, 'Bob');
    const pid = await projectWith(lead, [{ client: alice, role: 'reviewer' }, { client: bob, role: 'reviewer' }], 'Wildfire smoke and health');
    // Older history, enough to need a second page.
    for (let i = 1; i <= 45; i++) expect((await lead.patch(`/api/projects/${pid}`, { pilotSize: i % 2 ? 0 : 5 })).status).toBe(200);
    const medline = await importDataFile(lead, pid, 'citesource_wildfire/medline_84.ris', 'MEDLINE');
    const wos = await importDataFile(lead, pid, 'citesource_wildfire/wos_278.ris', 'Web of Science');
    expect(wos.duplicates).toBeGreaterThan(20);
    const groups = (await lead.get(`/api/projects/${pid}/duplicates?limit=5`)).body.groups as { primary: { id: string; title: string }; duplicates: { id: string; title: string }[] }[];
    const [g0, g1, g2] = groups as [typeof groups[0], typeof groups[0], typeof groups[0]];
    expect((await lead.post(`/api/projects/${pid}/duplicates/split`, { recordId: g0.duplicates[0]!.id })).status).toBe(200);
    expect((await lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: g1.primary.id, duplicateId: g2.primary.id })).status).toBe(200);
    const queue = (await alice.get(`/api/projects/${pid}/stages/ta/queue`)).body.recordIds as string[];
    const disputed = queue[0]!;
    seedDecisions(e2e.server.db, pid, [{ recordId: disputed, userId: alice.user.id, decision: 'include' }, { recordId: disputed, userId: bob.user.id, decision: 'exclude' }]);
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    expect((await lead.post(`/api/projects/${pid}/conflicts/ta/${disputed}/resolve`, { decision: 'include', reason: 'Meets the criteria' })).status).toBe(200);
    const title = async (rid: string) => (await lead.get(`/api/projects/${pid}/records/${rid}`)).body.record.title as string;
    const all = (await lead.get(`/api/projects/${pid}/audit`)).body.events as AuditEvent[];
    expect(all.length).toBeGreaterThan(50);

    // From the project navigation, while the first page is still on its way.
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}`);
    const held = await holdAnswers(page, '**/api/projects/*/audit?*');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    await expect.poll(held.held, POLL).toBe(1);
    const status = page.locator('p.activity-status[role=status]');
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('Loading activity…');
    await check(page, 'activity loading');
    held.release();
    const items = page.locator('ol.activity-list > li');
    await expect.poll(() => items.count(), POLL).toBe(50);
    await held.stop();
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('Showing the latest 50 events.');
    const texts = async () => (await items.locator('.activity-sentence').allTextContents()).map(plain);
    const first = await texts();
    expect(first[0]).toBe(`Lena Lead settled a disagreement on “${await title(disputed)}” at title/abstract screening: include (reason: Meets the criteria)`);
    expect(first[1]).toBe('Lena Lead unblinded title/abstract screening');
    expect(first).toContain(`Lena Lead merged “${g2.primary.title}” into the duplicate group of “${g1.primary.title}”`);
    expect(first).toContain(`Lena Lead split “${g0.duplicates[0]!.title}” out of the duplicate group of “${g0.primary.title}”: it is screened on its own again`);
    expect(first).toContain(`Lena Lead imported 278 records from Web of Science (${wos.added} new, ${wos.duplicates} duplicates) — file wos_278.ris`);
    expect(first).toContain(`Lena Lead imported 84 records from MEDLINE (${medline.added} new, ${medline.duplicates} duplicates) — file medline_84.ris`);
    // Exact time in the datetime attribute, newest first; links to the record and the import's records.
    const newest = all.at(-1)!;
    expect(await items.nth(0).locator('time').getAttribute('datetime')).toBe(newest.at);
    expect(await items.nth(0).getByRole('link', { name: 'Open record' }).getAttribute('href')).toBe(`/projects/${pid}/records/${disputed}`);
    const wosImport = all.find((e) => e.type === 'import.completed' && e.subject === 'wos_278.ris')!;
    const importItem = items.filter({ hasText: /file\W*wos_278\.ris/ });
    expect(await importItem.getByRole('link', { name: 'Show these records' }).getAttribute('href')).toBe(`/projects/${pid}/records?import=${wosImport.entityId}`);
    await check(page, 'activity first page');

    // Show older: the rest arrives below, focus goes to the first older entry, the button goes.
    await page.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => items.count(), POLL).toBe(all.length);
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe(`Loaded ${all.length - 50} older events.`);
    expect(await page.evaluate(() => document.activeElement === document.querySelectorAll('ol.activity-list > li')[50])).toBe(true);
    expect(await page.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    const everything = await texts();
    expect(everything.at(-1)).toBe('Lena Lead created the project');
    expect(everything).toContain('Alice joined the project as Reviewer');
    // The first save set the pilot size it already had (0).
    expect(everything.filter((s) => s === 'Lena Lead changed the settings: Pilot size from 0 to 5')).toHaveLength(22);
    expect(everything.filter((s) => s === 'Lena Lead changed the settings: Pilot size from 5 to 0')).toHaveLength(22);
    expect(everything.filter((s) => s === 'Lena Lead saved the settings without changes')).toHaveLength(1);
    expect(new Set(everything).size).toBeGreaterThan(10);
    await check(page, 'activity all pages');

    // Filter by kind: the address keeps it, a reload keeps it.
    await page.getByLabel('Show', { exact: true }).selectOption('duplicates');
    await expect.poll(() => new URL(page.url()).searchParams.get('kind'), POLL).toBe('duplicates');
    const dupCount = all.filter((e) => e.type.startsWith('record.duplicate_')).length;
    await expect.poll(() => items.count(), POLL).toBe(dupCount);
    expect((await texts()).every((s) => / (merged|split|moved) “/.test(s))).toBe(true);
    await check(page, 'activity duplicates');
    await page.reload();
    await expect.poll(() => items.count(), POLL).toBe(dupCount);
    expect(await page.getByLabel('Show', { exact: true }).inputValue()).toBe('duplicates');
    await page.getByLabel('Show', { exact: true }).selectOption('members');
    await expect.poll(async () => (await texts()).join('\n'), POLL).toBe(['Bob joined the project as Reviewer', 'Lena Lead created an invitation link for a new Reviewer', 'Alice joined the project as Reviewer', 'Lena Lead created an invitation link for a new Reviewer'].join('\n'));
    await expect.poll(async () => plain(await status.textContent()), POLL).toBe('Showing all 4 events.');
    await check(page, 'activity members');

    // The whole log as CSV, for the archive.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the whole log (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('time,actor,actor id,type,kind,entity,entity id,subject,before,after');
    expect(lines).toHaveLength(all.length + 1);
    expect(lines.some((l) => l.includes('record.duplicate_merged') && l.includes('Lena Lead'))).toBe(true);

    // A reviewer has no Activity link, and the page says it is for leads.
    const review = await e2e.pageAs(alice);
    await review.goto(`/projects/${pid}`);
    await review.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Records' }).waitFor();
    expect(await review.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Activity' }).count()).toBe(0);
    await review.goto(`/projects/${pid}/activity`);
    await review.getByText('Only leads can see the project’s activity.').waitFor();
    expect(await review.locator('ol.activity-list').count()).toBe(0);
    await check(review, 'activity reviewer');
  });
});
