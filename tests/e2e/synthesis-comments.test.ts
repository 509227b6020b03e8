/**
 * End to end: comments anchored to passages, code comments, deleting a code and changing a
 * source's content note, live between a reviewer (Amir) and a lived-experience co-researcher
 * (Cora) in two browsers. The project, members, a source and its coding are set up over HTTP and
 * a real y-websocket client writing with the shared/workspace helpers, to save time; everything
 * after that is done in the UI. Every state is checked with axe (WCAG 2.2 A/AA: zero violations).
 * Needs the built client (`npx vite build`) and /usr/bin/chromium. Screenshots go to $SHOTS or /tmp/coreview-shots.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as W from '../../shared/workspace';
import { expectNoAxeViolations } from '../helpers/browser';
import { POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { connectDoc, eventually, synced } from '../helpers/sync';

const e2e = useE2E();
const SHOTS = shotsDir('synthesis-comments');

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

const S1 = 'Participants described years of waiting for a decision.';
const S2 = 'Peer workers who spoke their language made people feel at home.';
const S3 = 'Trust grew slowly, through small acts of help.';
const TEXT = `${S1} Many said the waiting itself was the hardest part.\n\n${S2}\n\n${S3}`;

describe('synthesis: comments on passages and codes, deleting a code, content notes — live', { timeout: 180_000 }, () => {
  it('a reviewer and a co-researcher discuss a passage, a code goes, a source is marked sensitive', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const amir = await signUp(e2e.server.url, 'Amir Reviewer');
    const cora = await signUp(e2e.server.url, 'Cora Co-researcher');
    const pid = await projectWith(lead, [{ client: amir, role: 'reviewer' }, { client: cora, role: 'co_researcher' }], 'Peer support after forced migration');
    const [rid] = seedRecords(e2e.server.db, pid, lead.user.id, 1);

    // The lead's sync client sets up a source with two codes: Belonging on S2 alone and on S3 with Trust.
    const ws = e2e.track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(ws);
    const by = lead.user.id;
    const sid = W.addSource(ws.doc, { recordId: rid!, title: 'Smith 2020 — findings', text: TEXT }, by);
    const belonging = W.createCode(ws.doc, { name: 'Belonging' }, by);
    const trust = W.createCode(ws.doc, { name: 'Trust' }, by);
    const span = (s: string) => ({ sourceId: sid, start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });
    W.applyCode(ws.doc, span(S2), belonging, by);
    W.applyCode(ws.doc, span(S3), belonging, by);
    W.applyCode(ws.doc, span(S3), trust, by);
    const comments = () => [...W.threads(ws.doc).values()].flat();

    const url = `/projects/${pid}/synthesis/code/${sid}`;
    const a = await e2e.pageFor(amir.user.email);
    const c = await e2e.pageFor(cora.user.email);
    for (const [p, who] of [[a, 'reviewer'], [c, 'co-researcher']] as const) {
      await p.goto(url);
      await p.getByRole('heading', { level: 1, name: /Smith 2020/ }).waitFor();
      await p.getByTestId('coded-list').getByText(S3).waitFor();
      await expectNoAxeViolations(p, `coding page (${who})`);
    }
    const aComments = a.getByTestId('span-comments');
    const cComments = c.getByTestId('span-comments');
    await cComments.getByText('No comments on this text yet.').waitFor();

    // Amir selects the first sentence with the keyboard and comments on it.
    const aText = a.getByTestId('source-text');
    await aText.focus();
    await aText.press(' ');
    await a.getByTestId('selection-panel').getByText(S1).waitFor();
    await a.getByTestId('selection-panel').getByRole('button', { name: 'Comment on this selection' }).click();
    expect(await activeId(a)).toBe('span-comment');
    await aComments.getByText('You are commenting on:').waitFor();
    await expectNoAxeViolations(a, 'writing a comment on a passage');
    await a.keyboard.type('Is the waiting the main finding here?');
    await aComments.getByRole('button', { name: 'Post comment' }).click();
    await a.getByTestId('announcer').getByText('Comment posted.').waitFor();
    expect(await a.evaluate(() => document.activeElement?.textContent)).toBe('Is the waiting the main finding here?');

    // Cora sees it appear, with the passage it is on, and hears it announced — no reload.
    // Threads are found by the passage they quote (the comment's own words change below).
    const thread = (p: Page, quote: string) => p.getByTestId('span-comments').locator('li.syn-span-thread').filter({ has: p.getByTestId('span-quote').getByText(quote, { exact: true }) });
    const cThread = thread(c, S1);
    await cThread.getByText('Is the waiting the main finding here?').waitFor();
    await c.getByTestId('announcer').getByText(/Amir Reviewer\W*commented on\W*“\W*Participants described years of waiting/).waitFor();
    await cComments.getByRole('heading', { name: 'Comments on this text (1)' }).waitFor();
    // The text itself says where: a marker after the sentence the passage ends in.
    await c.locator('#sent-0').getByTestId('comment-mark').getByText('1 comment').waitFor();
    await expectNoAxeViolations(c, 'a new comment arrived');
    await shot(c, '01-comment-arrived');

    // "Show in the text", by keyboard: the passage is selected and the keyboard is in the text.
    await cThread.getByRole('button', { name: /^Show in the text\W+Participants described/ }).focus();
    await c.keyboard.press('Enter');
    expect(await c.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('source-text');
    expect(await c.locator('#sent-0').getAttribute('aria-selected')).toBe('true');
    await c.getByTestId('selection-panel').getByText(S1).waitFor();

    // Cora replies; Amir sees the reply and hears it.
    await cThread.getByRole('button', { name: /^Reply\W+to\W+Amir Reviewer/ }).click();
    expect(await activeId(c)).toMatch(/-reply-text$/);
    await cThread.getByLabel(/Your reply to\W*Amir Reviewer/).fill('Waiting, yes — and not knowing. That was the hardest for me.');
    await cThread.getByRole('button', { name: 'Post reply' }).click();
    await c.getByTestId('announcer').getByText('Reply posted.').waitFor();
    const aThread = thread(a, S1);
    await aThread.getByRole('list', { name: /Replies to\W*Amir Reviewer/ }).getByText('Waiting, yes — and not knowing. That was the hardest for me.').waitFor();
    await a.getByTestId('announcer').getByText(/Cora Co-researcher\W*replied about\W*“\W*Participants described/).waitFor();
    // Only the author may edit or delete: Amir has no such buttons on Cora's reply.
    expect(await aThread.getByRole('button', { name: /your comment\W*Waiting, yes/ }).count()).toBe(0);

    // Amir edits his comment; Cora sees the new words, marked as edited.
    await aThread.getByRole('button', { name: /^Edit\W+your comment\W+Is the waiting/ }).click();
    const edit = aThread.getByLabel('Your comment', { exact: true });
    expect(await edit.inputValue()).toBe('Is the waiting the main finding here?');
    await edit.fill('Is the waiting itself the main finding here?');
    await aThread.getByRole('button', { name: 'Save comment' }).click();
    await cComments.getByText('Is the waiting itself the main finding here?').waitFor();
    await cComments.getByText('(edited)').waitFor();
    await expectNoAxeViolations(a, 'a conversation with a reply');
    await shot(a, '02-conversation');

    // Amir marks it resolved: for Cora it folds to one line saying so, and can be reopened.
    await aThread.getByRole('button', { name: /^Resolve\W+the comment by\W*Amir Reviewer/ }).click();
    await a.getByTestId('announcer').getByText(/Marked as resolved/).waitFor();
    expect(await activeId(a)).toMatch(/-state$/);
    const cFolded = cComments.locator('li.syn-conv.resolved summary');
    await cFolded.getByText('Resolved').waitFor();
    await cFolded.getByText(/Amir Reviewer\W*:\W*“\W*Is the waiting itself/).waitFor();
    await eventually(() => comments().some((x) => !x.replyTo && x.resolved), 5000, 'resolved in the document');
    await c.getByTestId('comment-mark').waitFor({ state: 'detached' });
    await expectNoAxeViolations(c, 'a resolved conversation');
    await cFolded.click();
    await cComments.getByRole('button', { name: /^Reopen\W+the comment by\W*Amir Reviewer/ }).waitFor();
    await shot(c, '03-resolved');

    // A comment on a coded passage, then withdrawn by its author after confirming.
    const commentOnS3 = a.getByTestId('coded-list').getByRole('button', { name: /^Comment on\W+Trust grew slowly/ });
    await commentOnS3.click();
    expect(await activeId(a)).toBe('span-comment');
    // Escape closes the box and puts the keyboard back where it was.
    await a.keyboard.press('Escape');
    await a.locator('#span-comment').waitFor({ state: 'detached' });
    expect(await commentOnS3.evaluate((el) => el === document.activeElement)).toBe(true);
    await a.keyboard.press('Enter');
    expect(await activeId(a)).toBe('span-comment');
    await aComments.getByRole('blockquote').first().getByText(S3).waitFor();
    await a.keyboard.type('Small acts of help: worth a code of its own?');
    await a.keyboard.press('Control+Enter');
    await cComments.getByText('Small acts of help: worth a code of its own?').waitFor();
    await c.getByTestId('coded-list').getByText('1 conversation on exactly this passage').waitFor();
    const aSmall = thread(a, S3);
    await aSmall.getByRole('button', { name: /^Delete\W+your comment\W+Small acts/ }).click();
    expect(await activeId(a)).toMatch(/-keep$/);
    await aSmall.getByText('Delete your comment? This cannot be undone. Any replies stay.').waitFor();
    await expectNoAxeViolations(a, 'confirming a comment deletion');
    await aSmall.getByRole('button', { name: 'Yes, delete it' }).click();
    await cComments.getByText('Small acts of help: worth a code of its own?').waitFor({ state: 'detached' });
    expect(await activeId(a)).toBe('span-comments-h');

    // Cora comments on the code Belonging in the codes panel; Amir hears it.
    const cCodes = c.getByTestId('codes-panel');
    await cCodes.locator('summary', { hasText: 'Belonging' }).click();
    const cBelonging = cCodes.locator('li.syn-code', { has: c.locator('summary', { hasText: 'Belonging' }) });
    await cBelonging.locator('summary', { hasText: 'Comments (0)' }).click();
    await cBelonging.getByLabel(/Your comment on the code\W*Belonging/).fill('For me this is about feeling safe.');
    await cBelonging.getByRole('button', { name: 'Post comment' }).click();
    await cBelonging.locator('summary', { hasText: 'Comments (1)' }).waitFor();
    await a.getByTestId('announcer').getByText(/Cora Co-researcher\W*commented on\W*the code\W*Belonging\W*For me this is about feeling safe/).waitFor();
    await expectNoAxeViolations(c, 'a code with a comment');

    // Amir deletes Belonging: the confirmation says what it costs, then Cora sees it go.
    const aCodes = a.getByTestId('codes-panel');
    await aCodes.locator('summary', { hasText: 'Belonging' }).click();
    const aBelonging = aCodes.locator('li.syn-code', { has: a.locator('summary', { hasText: 'Belonging' }) });
    await aBelonging.getByRole('button', { name: 'Delete this code' }).click();
    const confirm = aBelonging.getByTestId('delete-code-confirm');
    await confirm.getByText(/Delete the code\W*Belonging\W*\?\W*2\W*coded passages will lose it\./).waitFor();
    await confirm.getByText(/1\W*of them has no other code, so it will no longer be coded at all\./).waitFor();
    await confirm.getByText(/Its\W*1\W*comment will no longer be shown\./).waitFor();
    expect(await activeId(a)).toMatch(/-keep$/);
    await expectNoAxeViolations(a, 'confirming a code deletion');
    await shot(a, '04-delete-code-confirm');
    await confirm.getByRole('button', { name: 'Yes, delete the code' }).click();
    await a.getByTestId('announcer').getByText(/Deleted the code\W*Belonging\W*\.\W*2\W*passages lost it\./).waitFor();
    expect(await activeId(a)).toBe('codes-h');
    await cCodes.getByRole('heading', { name: 'Codes (1)' }).waitFor();
    await c.getByTestId('coded-list').getByText(S2).waitFor({ state: 'detached' });
    const tags = await c.getByTestId('source-text').getByTestId('span-codes').allTextContents();
    expect(tags.map((x) => x.replace(/^coded as:\s*/, ''))).toEqual(['Trust']);
    // The lead's sync client hears of the deletion apart from Cora's page: wait for it there too.
    await expect.poll(() => W.listCodes(ws.doc).map((x) => x.name), POLL).toEqual(['Trust']);
    await expectNoAxeViolations(c, 'after a code was deleted');

    // Amir marks the source as possibly distressing afterwards; the content note is required.
    await a.getByRole('navigation', { name: 'Synthesis' }).getByRole('link', { name: 'Sources' }).click();
    await a.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
    await a.getByRole('button', { name: /^Change details\W+of\W+Smith 2020/ }).click();
    expect(await activeId(a)).toMatch(/-title$/);
    const details = a.getByRole('form', { name: /Details of\W*Smith 2020/ });
    await details.getByLabel('This text may be distressing to read').check();
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByText('Write a short content note, so people can choose.').waitFor();
    expect(await activeId(a)).toMatch(/-note$/);
    await expectNoAxeViolations(a, 'changing a source, with an error');
    await details.getByLabel('Content note').fill('describes years of detention');
    await details.getByRole('button', { name: 'Save details' }).click();
    await a.getByRole('status').getByText(/Saved the details of\W*Smith 2020/).waitFor();
    expect(await activeId(a)).toMatch(/-open$/);
    await a.getByTestId('sources').getByTestId('content-note').getByText('describes years of detention').waitFor();
    await expectNoAxeViolations(a, 'sources after the change');
    await shot(a, '05-sources-sensitive');

    // Cora, still reading, sees and hears the note; the text she was reading stays until she hides it.
    await c.getByTestId('content-note').getByText('describes years of detention').waitFor();
    await c.getByTestId('announcer').getByText(/now marked as possibly distressing\W*Content note:\W*describes years of detention/).waitFor();
    expect(await c.getByTestId('source-text').isVisible()).toBe(true);
    await c.getByRole('button', { name: 'Hide the text' }).click();
    await c.getByTestId('source-text').waitFor({ state: 'detached' });
    expect(await activeId(c)).toBe('show-text');
    // The quotes beside the text fold with it.
    await cComments.getByText('The passage is hidden, like the text: it may be distressing.').waitFor();
    expect(await cComments.getByTestId('span-quote').count()).toBe(0);
    await expectNoAxeViolations(c, 'coding page folded after the change');
    await shot(c, '06-coding-folded');
    await expect.poll(() => W.getSource(ws.doc, sid), POLL).toMatchObject({ sensitive: true, contentNote: 'describes years of detention' }); // the lead's client, as above

    // Theme comments have the same conversation tools: Amir replies to the lead and resolves it.
    const limbo = W.createTheme(ws.doc, { name: 'Waiting in limbo', kind: 'descriptive' }, by);
    const leadNote = W.addComment(ws.doc, { kind: 'theme', themeId: limbo }, 'Does this fit what co-researchers said?', { id: by, name: 'Lena Lead' });
    await a.getByRole('navigation', { name: 'Synthesis' }).getByRole('link', { name: 'Themes', exact: true }).click();
    await a.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
    const aLimbo = a.locator('[data-testid=theme-node][data-name="Waiting in limbo"]');
    await aLimbo.locator('summary', { hasText: 'Comments (1)' }).click();
    await aLimbo.getByRole('button', { name: /^Reply\W+to\W+Lena Lead/ }).click();
    await aLimbo.getByLabel(/Your reply to\W*Lena Lead/).fill('Yes: Cora said the not knowing was the hardest.');
    await aLimbo.getByRole('button', { name: 'Post reply' }).click();
    await aLimbo.locator('summary', { hasText: 'Comments (2)' }).waitFor();
    await eventually(() => comments().some((x) => x.replyTo === leadNote && x.author === amir.user.id), 5000, 'the reply in the document');
    await aLimbo.getByRole('button', { name: /^Resolve\W+the comment by\W*Lena Lead/ }).click();
    await eventually(() => comments().some((x) => x.id === leadNote && x.resolved), 5000, 'the theme comment resolved');
    // Resolving the lead's comment is an entry beside it, signed by Amir; her comment is untouched.
    expect(ws.doc.getMap(W.WS.commentResolutions).get(leadNote)).toMatchObject({ resolved: true, by: amir.user.id });
    expect(ws.doc.getMap<W.CommentValue>(W.WS.comments).get(leadNote)).toMatchObject({ resolved: false, author: by });
    await aLimbo.locator('li.syn-conv.resolved summary').getByText('Resolved').waitFor();
    // Someone else's words arriving on a theme are announced.
    W.addComment(ws.doc, { kind: 'theme', themeId: limbo }, 'Thank you both.', { id: by, name: 'Lena Lead' });
    await a.getByTestId('announcer').getByText(/Lena Lead\W*commented on\W*the theme\W*Waiting in limbo\W*Thank you both\./).waitFor();
    await expectNoAxeViolations(a, 'themes with a resolved conversation');
    await shot(a, '07-theme-comments');

    // Right-to-left, the side panel lays out mirrored and stays clean.
    await c.goto(`${url}?locale=en-XB`);
    await c.getByRole('button', { name: 'Show the text' }).click();
    await cComments.getByTestId('span-quote').first().waitFor();
    expect(await c.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expectNoAxeViolations(c, 'coding page, right-to-left');
    await shot(c, '08-coding-rtl');
  });
});
