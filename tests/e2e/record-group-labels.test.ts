/**
 * End to end: labels from another tool reach the record that is screened. Three records of a real
 * Ovid export come back in a Rayyan export with two reviewers' labels; the Rayyan copies are
 * duplicates, and the kept record's page shows their labels, where they came from, and a link to
 * the copy. Checked with axe. Needs `npx vite build` and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import { plain, POLL, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { dataFile } from '../helpers/data';

const e2e = useE2E();

describe('record page: labels on duplicates', { timeout: 90_000 }, () => {
  it('shows the Rayyan reviewers’ labels of a duplicate on the kept record', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const pid = await projectWith(lead, [], 'Labels travel');
    const upload = async (body: Buffer, source: string) =>
      expect((await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, body, { 'content-type': 'application/octet-stream' })).status).toBe(201);
    const ovid = dataFile('citesource_wildfire/medline_84.ris');
    await upload(ovid, 'MEDLINE via Ovid');
    const first = ovid.toString('utf8').split(/^ER {2}-.*$/m)[0]!.trim();
    await upload(Buffer.from(`${first}\nN1  - RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Excluded"}\nER  - \n`), 'Rayyan export');
    const kept = (await lead.get(`/api/projects/${pid}/records?label=rayyan&duplicates=exclude`)).body.records;
    expect(kept).toHaveLength(1);

    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}/records/${kept[0].id}`);
    const section = page.locator('section[aria-labelledby="rec-labels"]');
    await section.getByRole('heading', { name: 'Labels from other screening tools' }).waitFor();
    expect(plain(await section.locator('p.meta').first().textContent())).toBe('No other tool labelled this record itself, but its duplicates carry labels (below).');
    expect(plain(await section.getByRole('heading', { level: 3 }).textContent())).toBe('On its duplicate from Rayyan export');
    await expect.poll(async () => (await section.getByTestId('group-prior-labels').locator('li').allTextContents()).map(plain), POLL)
      .toEqual(['Rayyan: Ana said include', 'Rayyan: Ben said exclude']);
    await expectNoAxeViolations(page, 'kept record with labels on its duplicate');

    // the copy itself shows its own labels, and the kept record's (none) are not repeated
    await section.getByRole('link', { name: /^Open the record from\W+Rayyan export\W*$/ }).click();
    await page.getByTestId('prior-labels').waitFor();
    expect((await page.getByTestId('prior-labels').locator('li').allTextContents()).map(plain)).toEqual(['Rayyan: Ana said include', 'Rayyan: Ben said exclude']);
    expect(await page.getByTestId('group-prior-labels').count()).toBe(0);
    await expectNoAxeViolations(page, 'the Rayyan copy');
  });
});
