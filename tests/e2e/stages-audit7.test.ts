/**
 * End to end, stages audit 7: the Stages page offers no Unblind button for a stage with nothing in
 * it (and says why); the unblind question says how many records are not yet screened by everyone
 * (or that all are); after "Yes, unblind" focus lands on the stage's heading. On the Screen page,
 * going back with k updates "Your decision". Axe (WCAG 2.2 A/AA, zero violations) on every state.
 * Needs `npx vite build` and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { reviewTeam } from '../helpers/team';
import { seedDecisions, seedRecords } from '../helpers/records';

const e2e = useE2E();
const SHOTS = shotsDir('stages-audit7');

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');

async function stagesPage(page: Page, pid: string): Promise<void> {
  await page.goto(`/projects/${pid}/stages`);
  await page.getByRole('heading', { level: 1, name: 'Screening stages' }).waitFor();
  await page.getByTestId('stage-ta').getByText(/records? in this stage|Blinded/).first().waitFor();
}

describe('stages audit 7', { timeout: 180_000 }, () => {
  it('offers no Unblind button for an empty stage, and says why', async () => {
    const { lead, pid } = await reviewTeam(e2e.server, 0);
    const page = await e2e.pageAs(lead);
    await stagesPage(page, pid);
    const ta = page.getByTestId('stage-ta');
    const ft = page.getByTestId('stage-ft');
    await ta.getByTestId('unblind-blocked').filter({ hasText: 'There is nothing to unblind yet: this project has no records to screen.' }).waitFor();
    await ft.getByTestId('unblind-blocked').filter({ hasText: 'Full-text screening can be unblinded once title and abstract screening is unblinded.' }).waitFor();
    expect(await page.getByRole('button', { name: /^Unblind/ }).count()).toBe(0);
    await checkAndShoot(page, SHOTS, 'empty project, nothing to unblind');
  });

  it('offers the way to screening only to people who screen the stage', async () => {
    const { a, obs, pid } = await reviewTeam(e2e.server, 3);
    const reviewer = await e2e.pageAs(a);
    await stagesPage(reviewer, pid);
    await expect.poll(() => reviewer.getByTestId('stage-ta').getByRole('link', { name: /^Screen:/ }).count(), POLL).toBe(1);
    const observer = await e2e.pageAs(obs);
    await stagesPage(observer, pid);
    await observer.getByTestId('stage-ta').getByText(/Progress and agreement stay hidden until a lead unblinds this stage/).waitFor();
    expect(await observer.getByRole('link', { name: /^Screen:/ }).count()).toBe(0);
    await checkAndShoot(observer, SHOTS, 'observer on the stages page');
  });

  it('asks with the numbers still to screen, then puts focus on the stage heading', async () => {
    const { lead, a, b, pid, ids } = await reviewTeam(e2e.server, 5);
    // Alice screened all five (excluding them), Bob two: three records still wait for Bob.
    seedDecisions(e2e.server.db, pid, [
      ...ids.map((recordId) => ({ recordId, userId: a.user.id, decision: 'exclude' as const })),
      ...ids.slice(0, 2).map((recordId) => ({ recordId, userId: b.user.id, decision: 'exclude' as const })),
    ]);
    const page = await e2e.pageAs(lead);
    await stagesPage(page, pid);
    const ta = page.getByTestId('stage-ta');
    await ta.getByText('3 waiting for decisions').waitFor();
    await ta.getByRole('button', { name: /Unblind\W*title and abstract screening/ }).click();
    const question = page.locator('#unblind-ta-question');
    await question.waitFor();
    const text = plain(await question.textContent());
    expect(text).toContain('3 of 5 records are not yet screened by everyone who should screen them.');
    expect(text).toContain('Once unblinded, screeners will see each other’s decisions on them, so the rest of the screening is no longer blind.');
    expect(text).toMatch(/This cannot be undone\.$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, unblind');
    await checkAndShoot(page, SHOTS, 'confirming, records still to screen');

    await page.keyboard.press('Enter');
    await ta.getByRole('status').filter({ hasText: 'is now unblinded.' }).waitFor();
    await expect.poll(() => focusedId(page), POLL).toBe('stage-ta-heading');
    await ta.getByText(/Unblinded on/).waitFor();
    // Focus stays on the heading once the board follows and the confirmation is gone.
    await ta.getByText('This stage is unblinded. Unblinding cannot be undone.').waitFor();
    expect(await focusedId(page)).toBe('stage-ta-heading');
    // Everything was excluded: nothing reaches full text, so there is nothing to unblind there.
    await page.getByTestId('stage-ft').getByTestId('unblind-blocked').filter({ hasText: 'no records have reached full-text screening' }).waitFor();
    await checkAndShoot(page, SHOTS, 'unblinded, focus on the heading');
  });

  it('says so when every record has been screened by everyone', async () => {
    const { lead, a, b, pid, ids } = await reviewTeam(e2e.server, 2);
    seedDecisions(e2e.server.db, pid, ids.flatMap((recordId) => [a, b].map((u) => ({ recordId, userId: u.user.id, decision: 'include' as const }))));
    const page = await e2e.pageAs(lead);
    await stagesPage(page, pid);
    const ta = page.getByTestId('stage-ta');
    await ta.getByText('2 agreed includes').waitFor();
    await ta.getByRole('button', { name: /Unblind\W*title and abstract screening/ }).click();
    const text = plain(await page.locator('#unblind-ta-question').textContent());
    expect(text).toContain('All 2 records in this stage have been screened by everyone who should screen them');
    expect(text).not.toContain('not yet screened');
    await checkAndShoot(page, SHOTS, 'confirming, all screened');
  });

  it('Screen page: going back with k shows that record’s own decision', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const ana = await signUp(e2e.server.url, 'Ana Reviewer');
    const pid = await projectWith(lead, [{ client: ana, role: 'reviewer' }], 'Peer support');
    expect((await lead.patch(`/api/projects/${pid}`, { reviewersPerRecord: 1 })).status).toBe(200);
    seedRecords(e2e.server.db, pid, lead.user.id, 3);
    const page = await e2e.pageAs(ana);
    await page.goto(`/projects/${pid}/screen/ta`);
    await page.getByRole('heading', { level: 1, name: 'Screening: titles and abstracts' }).waitFor();
    await page.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();
    const title = (n: number) => page.locator('#record-title', { hasText: `Record ${n}:` });
    const decision = page.getByTestId('current-decision');
    await title(1).waitFor();
    await page.keyboard.press('i');
    await title(2).waitFor();
    await page.keyboard.press('e');
    await title(3).waitFor();
    await decision.filter({ hasText: 'Not decided yet.' }).waitFor();
    await page.keyboard.press('k');
    await title(2).waitFor();
    await expect.poll(async () => plain(await decision.textContent()), POLL).toBe('Your decision: Exclude.');
    await page.keyboard.press('k');
    await title(1).waitFor();
    await expect.poll(async () => plain(await decision.textContent()), POLL).toBe('Your decision: Include.');
    await checkAndShoot(page, SHOTS, 'screen page, back on record 1');
    await page.keyboard.press('j');
    await title(2).waitFor();
    await expect.poll(async () => plain(await decision.textContent()), POLL).toBe('Your decision: Exclude.');
  });
});
