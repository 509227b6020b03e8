/**
 * End to end, audit 7: a lead excluding a full text picks one of the project's exclusion reasons
 * (labelled, by keyboard) apart from the note, and PRISMA counts it; a settlement by the team's
 * votes reads in plain words; the list's count agrees with the filter's once a vote settles a card;
 * people who do not screen get no "Screen" link. Axe on every state (WCAG 2.2 A/AA: zero violations).
 * Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, synced } from '../helpers/sync';
import { seedDecisions, seedRecords } from '../helpers/records';
import { writeDecision } from '../../server/screening/repo';
import type { PrismaReport } from '../../shared/prisma/report';

const e2e = useE2E();
const SHOTS = shotsDir('conflicts-audit7');
const title = (i: number) => `Record ${i}: experiences of peer support`;

/** The names in the project navigation, as read. */
const navLinks = async (page: Page) => (await page.getByRole('navigation', { name: 'Project' }).getByRole('link').allTextContents()).map(plain);

describe('conflicts, audit 7', { timeout: 120_000 }, () => {
  it('reason at full text, plain vote settlements, counts that agree, and Screen only for screeners', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const alice = await signUp(e2e.server.url, 'Alice Reviewer');
    const bob = await signUp(e2e.server.url, 'Bob Reviewer');
    const cora = await signUp(e2e.server.url, 'Cora Co-researcher');
    const otto = await signUp(e2e.server.url, 'Otto Observer');
    const pid = await projectWith(lead, [
      { client: alice, role: 'reviewer' },
      { client: bob, role: 'reviewer' },
      { client: cora, role: 'co_researcher' },
      { client: otto, role: 'observer' },
    ], 'Peer support for refugees');
    expect((await lead.patch(`/api/projects/${pid}`, { autoSettle: { enabled: true, quorum: 2, majority: 0.66 } })).status).toBe(200);
    const ids = seedRecords(e2e.server.db, pid, lead.user.id, 4);
    // Title/abstract: records 1 and 2 agreed (on to full text), 3 and 4 disputed. Full text: 1 and 2 disputed.
    seedDecisions(e2e.server.db, pid, ids.flatMap((recordId, i) => [
      { recordId, userId: alice.user.id, decision: 'include' as const },
      { recordId, userId: bob.user.id, decision: i < 2 ? ('include' as const) : ('exclude' as const) },
    ]));
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const at = new Date().toISOString();
    for (const rid of ids.slice(0, 2)) {
      writeDecision(e2e.server.db, pid, 'ft', rid, alice.user.id, null, { decision: 'include', reasons: [], note: '', at });
      writeDecision(e2e.server.db, pid, 'ft', rid, bob.user.id, null, { decision: 'exclude', reasons: ['Wrong setting'], note: '', at });
    }
    expect((await lead.post(`/api/projects/${pid}/stages/ft/unblind`)).status).toBe(200);

    // Navigation: an observer and a co-researcher who screens nothing get no "Screen" link.
    const o = await e2e.pageAs(otto);
    await o.goto(`/projects/${pid}`);
    await o.getByRole('heading', { level: 1, name: 'Peer support for refugees' }).waitFor();
    await expect.poll(() => navLinks(o), POLL).toContain('Records');
    expect(await navLinks(o)).not.toContain('Screen');
    expect(await o.getByText('will appear here').count()).toBe(0);
    await checkAndShoot(o, SHOTS, 'workspace (observer)');

    const c = await e2e.pageAs(cora);
    await c.goto(`/projects/${pid}/conflicts/ta`);
    await c.getByRole('region', { name: title(3) }).waitFor();
    expect(await navLinks(c)).not.toContain('Screen');

    // Two votes settle record 3 while Cora looks at the open ones: the count says so, and agrees with "Open (1)".
    await c.getByLabel(/Open \W*\(\W*2\W*\)/).waitFor();
    expect(plain(await c.getByTestId('shown').textContent())).toBe('Showing 2 records of 2.');
    await checkAndShoot(c, SHOTS, 'open disagreements before the vote');
    for (const voter of [lead, cora]) {
      const d = e2e.track(await connectDoc(voter, `p/${pid}/u/${voter.user.id}`));
      await synced(d);
      d.doc.getMap('votes').set(`ta:${ids[2]}`, { vote: 'include', comment: '', at: new Date().toISOString() });
    }
    const third = c.getByRole('region', { name: title(3) });
    await third.getByTestId('status').getByText('Status: Settled').waitFor();
    await c.getByLabel(/Open \W*\(\W*1\W*\)/).waitFor();
    await expect.poll(async () => plain(await c.getByTestId('shown').textContent()), POLL)
      .toBe('Showing 2 records of 2. 1 of them was settled while you were looking. It stays here until you change the choice above.');
    const settled = plain(await third.getByTestId('status').textContent());
    expect(settled).toContain('Settled by the team’s votes: 2 of 2 voted to include. That is enough under the project’s rule: at least 2 votes, with at least two-thirds of them agreeing.');
    expect(settled).not.toMatch(/quorum|majority|%/);
    await checkAndShoot(c, SHOTS, 'a vote settled one card');

    // Once a lead adds Cora as a screener, the link is there for her.
    expect((await lead.request('PUT', `/api/projects/${pid}/stages/ft/screeners`, { userIds: [cora.user.id] })).status).toBe(200);
    await c.reload();
    await expect.poll(() => navLinks(c), POLL).toContain('Screen');
    expect(await c.getByRole('link', { name: 'Screen' }).getAttribute('href')).toBe(`/projects/${pid}/screen/ft`);

    // Full text: the lead excludes record 1 by keyboard; a reason must be chosen from the project's list.
    const l = await e2e.pageAs(lead);
    await l.goto(`/projects/${pid}/conflicts/ft`);
    const first = l.getByRole('region', { name: title(1) });
    const decide = first.getByRole('group', { name: 'Record the final decision' });
    await decide.getByRole('radio', { name: 'Exclude' }).focus();
    await l.keyboard.press('Space');
    const why = first.getByRole('group', { name: 'Reason for excluding' });
    await why.waitFor();
    expect(await why.getByRole('radio').count()).toBe(6);
    await checkAndShoot(l, SHOTS, 'full-text exclusion asks for a reason');
    await first.getByLabel('Note for the record').fill('Talked it through: run by a hospital, not peers.');
    await first.getByRole('button', { name: 'Record final decision' }).focus();
    await l.keyboard.press('Enter');
    await why.getByText(/PRISMA diagram counts each excluded full text under one reason/).waitFor();
    // Focus went to the first reason; the arrow keys choose among them.
    await expect.poll(() => l.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent), POLL).toBe('Wrong population');
    await checkAndShoot(l, SHOTS, 'reason missing');
    await l.keyboard.press('ArrowDown');
    expect(await why.getByRole('radio', { name: 'Wrong phenomenon of interest' }).isChecked()).toBe(true);
    await first.getByRole('button', { name: 'Record final decision' }).focus();
    await l.keyboard.press('Enter');
    await first.getByText(/Final decision recorded:\W*Exclude/).waitFor();
    await expect.poll(async () => plain(await first.getByTestId('status').textContent()), POLL)
      .toContain('Reason for excluding: Wrong phenomenon of interest Note: Talked it through: run by a hospital, not peers.');
    await checkAndShoot(l, SHOTS, 'full-text exclusion settled with a reason');

    const prisma = await lead.get<PrismaReport>(`/api/projects/${pid}/prisma.json`);
    expect(prisma.body.counts.excludedReports).toEqual([{ reason: 'Wrong phenomenon of interest', n: 1 }]);

    // Including needs no reason, and a title/abstract exclusion is not asked for one.
    const second = l.getByRole('region', { name: title(2) });
    await second.getByRole('group', { name: 'Record the final decision' }).getByRole('radio', { name: 'Include' }).check();
    expect(await second.getByRole('group', { name: 'Reason for excluding' }).count()).toBe(0);
  });
});
