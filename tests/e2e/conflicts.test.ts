/**
 * End to end, issue 5: disagreements settled with the whole team, live. Two reviewers screen blind
 * through their private documents (real y-websocket clients); before unblinding the page only
 * explains; the lead unblinds and the reviewer's open page fills without reloading. A reviewer and a
 * co-researcher then discuss a record (mentions, typing, who is reading), vote and watch the tally
 * move, the lead records the final decision, and both see it settled. History, filters and
 * "change my decision" too. Every page visited is checked with axe (WCAG 2.2 A/AA: zero violations).
 * Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';
import { commentsMap, legacyThreadsMap, listComments, threadKey, threadKeys } from '../../shared/discussions';

const e2e = useE2E();

/** Waits for the page's h1, then checks the page with axe. */
async function settle(page: Page, heading: RegExp, label: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectNoAxeViolations(page, label);
}

// Names and other values inside translated sentences are wrapped in invisible bidi isolates
// (U+2068…U+2069), so sentences are matched with \W* where a value starts or ends.
const HEADING = /Disagreements:\W*Title and abstract/;
const region = (page: Page, title: string): Locator => page.getByRole('region', { name: title });

describe('conflicts: discuss, vote, decide — live', { timeout: 120_000 }, () => {
  it('a reviewer and a co-researcher discuss and vote live, and the lead settles it', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const alice = await signUp(e2e.server.url, 'Alice Reviewer');
    const bob = await signUp(e2e.server.url, 'Bob Reviewer');
    const cora = await signUp(e2e.server.url, 'Cora Co-researcher');
    const pid = await projectWith(lead, [
      { client: alice, role: 'reviewer' },
      { client: bob, role: 'reviewer' },
      { client: cora, role: 'co_researcher' },
    ], 'Peer support for refugees');
    const patch = await lead.patch(`/api/projects/${pid}`, {
      criteria: 'Sample: adults with refugee backgrounds. Phenomenon: peer support.',
      highlightTerms: { include: ['peer support'], exclude: ['children'] },
      autoSettle: { enabled: true, quorum: 3, majority: 0.66 },
    });
    expect(patch.status).toBe(200);
    const ids = seedRecords(e2e.server.db, pid, lead.user.id, 3);
    const [first, , third] = ['Record 1: experiences of peer support', 'Record 2: experiences of peer support', 'Record 3: experiences of peer support'];

    // Blind screening through the private documents: records 1 and 3 are disputed, 2 agreed.
    const plan: Record<string, [string, string, string]> = { alice: ['include', 'exclude', 'exclude'], bob: ['exclude', 'exclude', 'include'] };
    for (const [who, client] of [['alice', alice], ['bob', bob]] as const) {
      const d = await connectDoc(client, `p/${pid}/u/${client.user.id}`);
      e2e.track(d);
      await synced(d);
      plan[who]!.forEach((decision, i) => d.doc.getMap('decisions:ta').set(ids[i]!, { decision, reasons: [], note: `${who} on ${i + 1}`, at: new Date().toISOString() }));
    }
    await eventually(() => listDecisions(e2e.server.db, pid, 'ta').length === 6, 5000, 'decisions projected');

    // Before unblinding, Alice's page explains calmly and shows nothing else.
    const a = await e2e.pageFor(alice.user.email);
    await a.goto(`/projects/${pid}`);
    await a.getByRole('link', { name: 'Disagreements' }).click();
    await settle(a, HEADING, 'conflicts while blinded');
    await a.getByRole('heading', { name: 'This stage is still blind' }).waitFor();
    expect(await a.getByRole('region', { name: first }).count()).toBe(0);
    expect(await a.locator('text=alice on 1').count()).toBe(0);

    // The lead does not screen, so may watch the disagreements before unblinding (DESIGN section 2) —
    // but not discuss them: the workspace and its presence reach the blinded screeners too.
    const l = await e2e.pageFor(lead.user.email);
    await l.goto(`/projects/${pid}/conflicts/ta`);
    await settle(l, HEADING, 'conflicts before unblinding (lead, not screening)');
    const lFirst = region(l, first);
    await lFirst.getByText(/discussion opens when a lead unblinds/).waitFor();
    expect(await lFirst.getByLabel('Your comment').count()).toBe(0);
    await lFirst.getByRole('button', { name: 'Show history' }).focus();
    const watcher = await connectDoc(bob, `p/${pid}/workspace`);
    e2e.track(watcher);
    await synced(watcher);
    const leadState = () => [...watcher.provider.awareness.getStates().values()].find((st: any) => st.user?.id === lead.user.id) as any;
    await eventually(() => leadState()?.location?.page === 'conflicts', 5000, 'lead presence on the conflicts page');
    expect(leadState().location.detail).toBeUndefined();
    expect(leadState().typing ?? null).toBeNull();
    expect(threadKeys(watcher.doc)).toEqual([]);

    // The lead unblinds; Alice's open page fills in without a reload.
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    await region(a, first).waitFor();
    await region(a, third).waitFor();
    expect(await a.getByRole('region', { name: 'Record 2: experiences of peer support' }).count()).toBe(0);
    await a.getByText(/once\W*3\W*people have voted and at least\W*66%/).waitFor();
    await expectNoAxeViolations(a, 'conflicts after unblinding (reviewer)');
    // Each reviewer's decision and note, side by side.
    await region(a, first).getByText(/Note:\W*bob on 1/).waitFor();
    await region(a, first).getByText(/Note:\W*alice on 1/).waitFor();

    const c = await e2e.pageFor(cora.user.email);
    await c.goto(`/projects/${pid}/conflicts/ta`);
    await settle(c, HEADING, 'conflicts (co-researcher)');
    const aFirst = region(a, first);
    const cFirst = region(c, first);
    await cFirst.waitFor();

    // Alice starts writing: Cora sees she is reading this record and typing.
    const aBox = aFirst.getByLabel('Your comment');
    await aBox.click();
    await cFirst.getByText(/Reading this now:\W*Alice Reviewer/).waitFor();
    await aBox.pressSequentially('@Co');
    const option = aFirst.getByRole('option', { name: 'Cora Co-researcher' });
    await option.waitFor();
    expect(await aBox.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await expectNoAxeViolations(a, 'mention suggestions open');
    await aBox.press('Enter');
    expect(await aBox.inputValue()).toBe('@Cora Co-researcher ');
    await aBox.pressSequentially('does the camp setting rule this out?');
    await cFirst.getByText(/Alice Reviewer\W*is typing…/).waitFor();
    await aFirst.getByRole('button', { name: 'Post comment' }).click();

    // Cora sees the comment appear, is told about it politely, and sees she was mentioned.
    const aliceComment = cFirst.getByTestId('comments').getByText('@Cora Co-researcher does the camp setting rule this out?');
    await aliceComment.waitFor();
    await cFirst.getByText('Mentions you').waitFor();
    await c.getByTestId('announcer').getByText(/New comment from\W*Alice Reviewer/).waitFor();
    await cFirst.getByText(/is typing/).waitFor({ state: 'detached' });

    // Cora replies; Alice sees it without reloading.
    const cBox = cFirst.getByLabel('Your comment');
    await cBox.fill('Peer support is central here, the camp is only the place.');
    await cBox.press('Control+Enter');
    await aFirst.getByTestId('comments').getByText('Peer support is central here, the camp is only the place.').waitFor();
    expect(await aBox.inputValue()).toBe('');
    // Alice corrects her own comment; Cora sees the new words. The server accepted both comments
    // and the edit under their authors' names, in today's layout (one map entry per comment).
    await aFirst.getByRole('button', { name: /^Edit/ }).click();
    await aFirst.getByLabel('Edit your comment').fill('@Cora Co-researcher does the camp setting rule it out?');
    await aFirst.getByRole('button', { name: 'Save', exact: true }).click();
    await cFirst.getByTestId('comments').getByText('@Cora Co-researcher does the camp setting rule it out?').waitFor();
    await cFirst.getByText('(edited)').waitFor();
    await eventually(() => listComments(watcher.doc, threadKey('ta', ids[0]!)).some((c) => c.editedAt), 5000, 'edit relayed by the server');
    expect(listComments(watcher.doc, threadKey('ta', ids[0]!)).map((c) => [c.authorId, c.authorName, c.mentions])).toEqual([
      [alice.user.id, 'Alice Reviewer', [cora.user.id]],
      [cora.user.id, 'Cora Co-researcher', []],
    ]);
    expect([commentsMap(watcher.doc).size, legacyThreadsMap(watcher.doc).size]).toEqual([2, 0]);
    await expectNoAxeViolations(a, 'discussion (reviewer)');
    await expectNoAxeViolations(c, 'discussion (co-researcher)');

    // Both vote; each sees the tally move live.
    const vote = async (page: Page, choice: 'Include' | 'Exclude', why: string) => {
      const r = region(page, first);
      await r.getByRole('group', { name: 'Your vote' }).getByLabel(choice).check();
      await r.getByLabel('Why you vote this way').fill(why);
      await r.getByRole('button', { name: 'Save my vote' }).click();
    };
    await vote(a, 'Include', 'Meets the criteria');
    await aFirst.getByTestId('tally').getByText(/1\W*vote to include ·\W*0\W*votes to exclude/).waitFor();
    await cFirst.getByTestId('tally').getByText(/1\W*vote to include ·\W*0\W*votes to exclude/).waitFor();
    await vote(c, 'Exclude', 'Setting does not fit');
    for (const r of [aFirst, cFirst]) await r.getByTestId('tally').getByText(/1\W*vote to include ·\W*1\W*vote to exclude/).waitFor();
    await aFirst.getByText(/Cora Co-researcher\W*:\W*Exclude/).waitFor();

    // The lead, in a third browser, records the final decision; both see it settled at once.
    await lFirst.getByLabel('Your comment').waitFor(); // the lead's open page followed the unblinding too
    await expectNoAxeViolations(l, 'conflicts (lead)');
    await lFirst.getByRole('group', { name: 'Record the final decision' }).getByLabel('Include').check();
    await lFirst.getByLabel('Note for the record').fill('Discussed with the team: peer support is central.');
    await lFirst.getByRole('button', { name: 'Record final decision' }).click();
    await lFirst.getByText(/Final decision recorded:\W*Include/).waitFor();
    await expectNoAxeViolations(l, 'final decision recorded');
    for (const r of [aFirst, cFirst]) {
      await r.getByTestId('status').getByText('Status: Settled').waitFor();
      await r.getByText(/Final decision:\W*Include\W*\. Recorded by\W*Lena Lead/).waitFor();
    }

    // The history tells the whole story of the record.
    await aFirst.getByRole('button', { name: 'Show history' }).click();
    const history = aFirst.getByTestId('history');
    for (const line of [
      /Imported from\W*Test source/,
      /Alice Reviewer\W*decided:\W*Include/,
      /Bob Reviewer\W*decided:\W*Exclude/,
      /Lena Lead\W*unblinded the\W*Title and abstract\W*stage/,
      /Alice Reviewer\W*voted:\W*Include/,
      /Cora Co-researcher\W*voted:\W*Exclude/,
      /Lena Lead\W*recorded the final decision:\W*Include/,
    ]) await history.getByText(line).waitFor();
    expect(await history.locator('li').count()).toBe(7);
    await expectNoAxeViolations(a, 'history open');

    // Filters: settled records, then open ones.
    await a.getByLabel(/Settled \(1\)/).check();
    await region(a, third).waitFor({ state: 'detached' });
    await aFirst.waitFor();
    await a.getByLabel(/Open \(1\)/).check();
    await region(a, first).waitFor({ state: 'detached' });
    const aThird = region(a, third);
    await aThird.waitFor();

    // After talking it over, Alice changes her decision on record 3; the reviewers agree and it leaves everyone's list.
    await aThird.getByRole('button', { name: 'Change my decision' }).click();
    await expectNoAxeViolations(a, 'change my decision');
    await aThird.getByRole('group', { name: 'My decision' }).getByLabel('Include').check();
    await aThird.getByRole('button', { name: 'Save my decision' }).click();
    await region(c, third).waitFor({ state: 'detached' });
    await region(a, third).waitFor({ state: 'detached' });
    await a.getByTestId('announcer').getByText(/Your decision is saved:\W*Include/).waitFor();
    const agreed = await alice.get(`/api/projects/${pid}/decisions?stage=ta`);
    expect(agreed.body.records.find((r: { recordId: string }) => r.recordId === ids[2])).toMatchObject({ status: 'agreed', final: 'include' });
    await expectNoAxeViolations(c, 'after the change (co-researcher)');
    // Keyboard focus did not vanish with the card: it rests on the list's status line.
    const focused = await a.evaluate(() => [document.activeElement?.tagName, document.activeElement?.textContent]);
    expect(focused[0]).toBe('P');
    expect(focused[1]).toMatch(/^Showing\W*0\W*records of\W*0\W*\.$/);

    // The settling rule the page showed is the one the lead set, and it is editable in settings.
    await l.getByRole('link', { name: 'Settings' }).click();
    await settle(l, /Project settings/, 'settings with settling rules');
    const settling = l.getByRole('group', { name: 'Settling disagreements' });
    expect(await settling.getByLabel('Let votes settle disagreements by themselves').isChecked()).toBe(true);
    expect(await settling.getByLabel('Votes needed').inputValue()).toBe('3');
    expect(await settling.getByLabel('Agreement needed, in percent').inputValue()).toBe('66');
    await settling.getByLabel('Agreement needed, in percent').fill('40');
    await l.getByRole('button', { name: 'Save settings' }).click();
    await l.getByText('Enter a whole number from 50 to 100.').first().waitFor();
    await settling.getByLabel('Agreement needed, in percent').fill('75');
    await settling.getByRole('group', { name: /counts as/ }).getByLabel('Exclude').check();
    await l.getByRole('button', { name: 'Save settings' }).click();
    await l.getByText('Settings saved.').waitFor();
    const saved = (await lead.get(`/api/projects/${pid}`)).body.project;
    expect(saved).toMatchObject({ maybeAs: 'exclude', autoSettle: { enabled: true, quorum: 3, majority: 0.75 } });
    await expectNoAxeViolations(l, 'settings saved');
  });
});
