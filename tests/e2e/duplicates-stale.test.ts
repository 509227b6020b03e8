/**
 * End to end: two leads on the Duplicates page at once. Lead B adds a record to a group while lead
 * A's page still shows it without; A's "Confirm group" on that stale card confirms nothing, says the
 * group changed, reloads the card with the new record and puts focus on the message; confirming
 * again then works. Axe on each state. Needs `npx vite build` and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { importDataFile } from '../helpers/records';

const e2e = useE2E();
const shots = shotsDir('duplicates-stale');

interface Member { id: string; title: string; duplicateOf: string | null; duplicateCount: number; duplicateConfirmedBy: { id: string } | null }
interface Group { primary: Member; duplicates: Member[]; confirmed: boolean }

describe('duplicates: acting on a group another lead changed', { timeout: 180_000 }, () => {
  it('refuses a stale confirm, reloads the card, then confirms the group as it is', async () => {
    const ada = await signUp(e2e.server.url, 'Ada Lead');
    const ben = await signUp(e2e.server.url, 'Ben Lead');
    const pid = await projectWith(ada, [{ client: ben, role: 'lead' }], 'Wildfire smoke and health');
    await importDataFile(ada, pid, 'citesource_wildfire/medline_84.ris', 'MEDLINE');
    await importDataFile(ada, pid, 'citesource_wildfire/wos_278.ris', 'Web of Science');
    const groupNow = async (id: string) => (await ada.get(`/api/projects/${pid}/records/${id}`)).body.group as Group;
    // A record of its own, with a title no other record has, for Ben to find and add.
    const records = (await ada.get(`/api/projects/${pid}/records?limit=500`)).body.records as Member[];
    const titles = records.map((r) => r.title.toLowerCase());
    const extra = records.find((r) => !r.duplicateOf && !r.duplicateCount && r.title.split(/\s+/).length >= 6 && titles.filter((t) => t === r.title.toLowerCase()).length === 1)!;

    // Both leads open the Duplicates page; each sees the same first group.
    const [a, b] = [await e2e.pageAs(ada), await e2e.pageAs(ben)];
    for (const p of [a, b]) {
      await p.goto(`/projects/${pid}/duplicates`);
      await p.getByTestId('dup-totals').waitFor();
      await p.locator('.group-list > li').first().waitFor();
    }
    const cardA = a.locator('.group-list > li').first();
    const primaryId = (await cardA.locator('h2').getAttribute('id'))!.replace(/^group-/, '');
    const shown = await groupNow(primaryId);
    await checkAndShoot(a, shots, 'lead A: duplicates');

    // Ben adds the record to that group through his page.
    const cardB = b.locator('.group-list > li').first();
    expect(await cardB.locator('h2').getAttribute('id')).toBe(`group-${primaryId}`);
    await cardB.getByText('Add a missed duplicate to this group').click();
    await cardB.getByLabel('Find the record to add').fill(extra.title.split(/\s+/).slice(0, 6).join(' ').replace(/[^\p{L}\p{N}\s]/gu, ' '));
    await cardB.getByRole('button', { name: 'Find' }).click();
    await cardB.getByRole('radio', { name: extra.title, exact: true }).check();
    await cardB.getByRole('button', { name: 'Add to this group' }).click();
    await b.getByRole('button', { name: 'Yes, add it' }).click();
    await b.getByRole('status').getByText(/was added to the group/).waitFor();
    await checkAndShoot(b, shots, 'lead B: after adding a record');
    expect((await groupNow(primaryId)).duplicates.map((d) => d.id)).toContain(extra.id);

    // Ada's page still shows the group without it, and she confirms.
    expect(await cardA.getByRole('link', { name: extra.title, exact: true }).count()).toBe(0);
    await cardA.getByRole('button', { name: /^Confirm group/ }).click();
    await a.getByRole('button', { name: 'Yes, confirm' }).click();
    const message = a.getByTestId('group-changed');
    await message.waitFor();
    expect(plain(await message.textContent())).toBe('This group changed since you opened the page — someone else merged or split records. It has been reloaded; check it again.');
    // The message is in the reloaded card, which now lists the record Ben added; focus is on the message.
    const reloaded = a.locator('.group-list > li').first();
    expect(await reloaded.locator('h2').getAttribute('id')).toBe(`group-${primaryId}`);
    await reloaded.getByTestId('group-changed').waitFor();
    await reloaded.getByRole('link', { name: extra.title, exact: true }).waitFor();
    await expect.poll(() => a.evaluate(() => document.activeElement?.id), POLL).toBe(`stale-${primaryId}`);
    // Nothing was confirmed by Ada: the links shown as open are still open.
    const after = await groupNow(primaryId);
    expect(after.confirmed).toBe(false);
    expect(after.duplicates.filter((d) => d.duplicateConfirmedBy?.id === ada.user.id)).toEqual([]);
    expect(after.duplicates.filter((d) => shown.duplicates.some((s) => s.id === d.id)).every((d) => d.duplicateConfirmedBy === null)).toBe(true);
    await checkAndShoot(a, shots, 'lead A: group changed');

    // Having looked again, Ada confirms the group as it is now.
    await reloaded.getByRole('button', { name: /^Confirm group/ }).click();
    await a.getByRole('button', { name: 'Yes, confirm' }).click();
    await a.getByRole('status').getByText(/confirmed\. It has moved out of this list/).waitFor();
    await expect.poll(() => a.locator(`[id="group-${primaryId}"]`).count(), POLL).toBe(0);
    expect(await a.getByTestId('group-changed').count()).toBe(0);
    const done = await groupNow(primaryId);
    expect(done.confirmed).toBe(true);
    expect(done.duplicates.map((d) => d.id).sort()).toEqual([...shown.duplicates.map((d) => d.id), extra.id].sort());
    await checkAndShoot(a, shots, 'lead A: confirmed');
  });
});
