/**
 * End to end, issue 7: thematic synthesis, live. A reviewer adds sources through the UI (one from a
 * .docx, one pasted and marked sensitive), codes spans by keyboard and by mouse while a
 * co-researcher watches the selection and the highlights appear without reloading; codes are
 * merged; themes are built and moved by menu and by drag-and-drop; both co-edit a theme
 * description and see each other typing (carets stay put); the co-researcher sense-checks
 * (answers, skips, pauses) with sensitive quotes folded until she chooses; the lead sees it all in
 * the summary, live, including "changed after feedback", and downloads an export.
 * Every page visited is checked with axe (WCAG 2.2 A/AA: zero violations).
 * Needs the built client (`npx vite build`) and /usr/bin/chromium. Screenshots go to $SHOTS or /tmp/coreview-shots.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { connectDoc, eventually, synced } from '../helpers/sync';

const e2e = useE2E();
const SHOTS = shotsDir('synthesis');

async function settle(page: Page, heading: string | RegExp, label: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectNoAxeViolations(page, label);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** A minimal Word document with these paragraphs. */
async function docx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const FINDINGS = [
  'Participants described years of waiting for a decision. Many said the waiting itself was the hardest part.',
  'Peer workers who spoke their language made people feel at home. One woman said: "For the first time, someone understood me."',
  'Trust grew slowly, through small acts of help.',
];
const SENSITIVE = 'People spoke of detention and of losing family members on the way. Some could not sleep for months.';

/** Drags with the mouse from the first to the last character of `phrase` inside the source text. */
async function mouseSelect(page: Page, phrase: string): Promise<void> {
  const box = await page.getByTestId('source-text').evaluate((root, p) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(p);
      if (at < 0) continue;
      const rect = (i: number) => {
        const r = document.createRange();
        r.setStart(n!, i);
        r.setEnd(n!, i + 1);
        return r.getBoundingClientRect();
      };
      const a = rect(at);
      const b = rect(at + p.length - 1);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }
    return null;
  }, phrase);
  expect(box).not.toBeNull();
  await page.mouse.move(box!.x1, box!.y1);
  await page.mouse.down();
  await page.mouse.move(box!.x2, box!.y2, { steps: 5 });
  await page.mouse.up();
}

const node = (page: Page, name: string): Locator => page.locator(`[data-testid=theme-node][data-name="${name}"]`);
const head = (page: Page, name: string): Locator => node(page, name).locator('.syn-theme-name').first();
const desc = (page: Page, theme: string) => page.getByLabel(new RegExp(`^Description of\\W*${theme}\\W*$`));
const summaryCard = (page: Page, theme: string) => page.getByTestId('summary').locator('li.syn-summary').filter({ has: page.getByRole('heading', { name: new RegExp(`^\\W*${theme}\\W`) }) });

describe('synthesis: code, build themes and sense-check, live', { timeout: 240_000 }, () => {
  it('a reviewer and a co-researcher code and write together; the co-researcher sense-checks; the lead sees the summary', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const amir = await signUp(e2e.server.url, 'Amir Reviewer');
    const cora = await signUp(e2e.server.url, 'Cora Co-researcher');
    const pid = await projectWith(lead, [{ client: amir, role: 'reviewer' }, { client: cora, role: 'co_researcher' }], 'Peer support after forced migration');
    seedRecords(e2e.server.db, pid, lead.user.id, 2);
    const base = `/projects/${pid}/synthesis`;

    // Sources, through the UI: nothing is included at full text yet, so every record is offered.
    const a = await e2e.pageFor(amir.user.email);
    await a.goto(`/projects/${pid}`);
    await settle(a, 'Peer support after forced migration', 'workspace (reviewer)');
    await a.getByRole('link', { name: 'Synthesis' }).click();
    await settle(a, 'Sources', 'sources (empty)');
    expect(a.url()).toContain(`${base}/sources`);
    await a.getByText('so every record is listed').waitFor();
    await a.getByLabel('Study').selectOption({ label: 'Record 1: experiences of peer support (2000)' });
    expect(await a.getByLabel('Title', { exact: true }).inputValue()).toBe('Record 1: experiences of peer support');
    await a.getByLabel('Read the text from a Word file (.docx)').setInputFiles({ name: 'study-1.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await docx(FINDINGS) });
    await a.getByText(/We read\W*[\d,]+\W*characters from\W*study-1\.docx/).waitFor();
    expect(await a.getByLabel('Findings text').inputValue()).toContain('Trust grew slowly');
    await a.getByRole('button', { name: 'Add source' }).click();
    await a.getByText(/Source added:\W*Record 1/).waitFor();
    // The second is pasted and marked sensitive; the content note is required.
    await a.getByLabel('Study').selectOption({ label: 'Record 2: experiences of peer support (2001)' });
    await a.getByLabel('Findings text').fill(SENSITIVE);
    await a.getByLabel('This text may be distressing to read').check();
    await a.getByRole('button', { name: 'Add source' }).click();
    await a.getByText('Write a short content note, so people can choose.').waitFor();
    await expectNoAxeViolations(a, 'add source with an error');
    await a.getByLabel('Content note').fill('describes detention and loss of family');
    await a.getByRole('button', { name: 'Add source' }).click();
    await a.getByText(/Source added:\W*Record 2/).waitFor();
    await a.getByTestId('sources').getByText('describes detention and loss of family').waitFor();
    await expectNoAxeViolations(a, 'sources (two)');
    await shot(a, '01-sources');

    // Both open the first source.
    await a.getByTestId('sources').getByRole('link', { name: /Record 1/ }).click();
    await settle(a, /Record 1/, 'coding (reviewer)');
    const codingUrl = a.url();
    const c = await e2e.pageFor(cora.user.email);
    await c.goto(codingUrl);
    await settle(c, /Record 1/, 'coding (co-researcher)');
    await c.getByTestId('here-now').getByText(/Amir Reviewer\W*is reading this source/).waitFor();

    // Keyboard: ↓↓ to the third sentence, Space selects it; Cora sees the labelled marker live.
    const text = a.getByTestId('source-text');
    await text.focus();
    await text.press('ArrowDown');
    await text.press('ArrowDown');
    await text.press(' ');
    const panel = a.getByTestId('selection-panel');
    await panel.getByText('Peer workers who spoke their language made people feel at home.').waitFor();
    await c.getByTestId('source-text').getByTestId('peer-selection').getByText(/Amir Reviewer\W*is selecting…/).waitFor();
    await c.getByTestId('here-now').getByText(/is selecting:\W*Peer workers/).waitFor();
    await expectNoAxeViolations(c, 'coding, watching a selection');
    await shot(c, '02-coding-peer-selecting');
    // Enter goes to the codes; with none yet, to "make a new code".
    await text.press('Enter');
    expect(await a.evaluate(() => document.activeElement?.id)).toBe('new-code-name');
    await a.keyboard.type('Belonging');
    await a.keyboard.press('Enter');
    await a.getByTestId('announcer').getByText(/Coded as\W*Belonging/).waitFor();
    // The highlight, with the code's name, appears for Cora without reloading; the marker goes.
    await c.getByTestId('source-text').getByTestId('span-codes').filter({ hasText: 'Belonging' }).waitFor();
    await c.getByTestId('peer-selection').waitFor({ state: 'detached' });
    await c.getByTestId('coded-list').getByText('Peer workers who spoke their language made people feel at home.').waitFor();
    expect(await text.evaluate((el) => el === document.activeElement)).toBe(true);

    // Shift+→ trims by words; a second code on the same span lists both codes.
    await text.press(' ');
    await text.press('Shift+ArrowLeft');
    await panel.getByText('Peer workers who spoke their language made people feel at', { exact: true }).waitFor();
    await text.press('Shift+ArrowRight');
    await text.press('Enter');
    await a.getByLabel('Or make a new code').fill('Trust');
    await a.getByRole('button', { name: 'Make code and apply' }).click();
    await c.getByTestId('span-codes').filter({ hasText: 'Belonging · Trust' }).waitFor();

    // Mouse: drag across a phrase; then an existing code from the list.
    await mouseSelect(a, 'years of waiting');
    await panel.getByText('years of waiting', { exact: true }).waitFor();
    await c.getByTestId('peer-selection').waitFor();
    await a.getByLabel('Or make a new code').fill('Waiting');
    await a.getByRole('button', { name: 'Make code and apply' }).click();
    await text.press('End');
    await text.press(' ');
    await text.press('Enter');
    await a.getByRole('checkbox', { name: 'Belonging' }).check();
    await a.getByRole('button', { name: 'Apply chosen codes' }).click();
    await c.getByTestId('coded-list').getByText('Trust grew slowly, through small acts of help.').waitFor();
    await expectNoAxeViolations(a, 'coding after coding');
    await expectNoAxeViolations(c, 'coding, watching');
    await shot(a, '03-coding-reviewer');

    // Codes panel: a plain-language description, and a merge.
    const codes = a.getByTestId('codes-panel');
    await codes.getByLabel('Name of the code').fill('Long wait');
    await codes.getByRole('button', { name: 'Make code' }).click();
    await codes.locator('summary', { hasText: 'Waiting' }).click();
    const waiting = codes.locator('li.syn-code', { has: a.locator('summary', { hasText: 'Waiting' }) });
    await waiting.getByLabel('In plain words').fill('Time spent not knowing what will happen.');
    await waiting.getByRole('button', { name: 'Save changes' }).click();
    // Text typed the moment a code opens is kept: the form once reset itself when the browser's
    // 'toggle' event came, a task after the form had opened, and saving then stored the old value.
    await codes.locator('summary', { hasText: 'Waiting' }).click();
    await a.evaluate(() => {
      const item = [...document.querySelectorAll('li.syn-code')].find((li) => li.querySelector('summary')?.textContent?.includes('Waiting'))!;
      item.querySelector('summary')!.click();
      const field = item.querySelector<HTMLTextAreaElement>('textarea[id$="-def"]')!;
      field.value = 'Waiting for papers, decisions and news.';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await waiting.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(async () => ((await lead.get(`/api/projects/${pid}/themes/export?format=json`)).body.unsortedCodes as { name: string; definition: string; plain: string }[]).find((x) => x.name === 'Waiting'), POLL)
      .toMatchObject({ definition: 'Waiting for papers, decisions and news.', plain: 'Time spent not knowing what will happen.' });
    await codes.locator('summary', { hasText: 'Long wait' }).click();
    const longWait = codes.locator('li.syn-code', { has: a.locator('summary', { hasText: 'Long wait' }) });
    await longWait.getByLabel('Merge into another code').focus();
    await c.getByTestId('codes-panel').locator('li.syn-code', { hasText: 'Long wait' }).getByText(/Editing this code now:\W*Amir Reviewer/).waitFor();
    await longWait.getByLabel('Merge into another code').selectOption({ label: 'Waiting' });
    await longWait.getByRole('button', { name: 'Merge' }).click();
    await c.getByTestId('codes-panel').getByRole('heading', { name: 'Codes (3)' }).waitFor();
    await expectNoAxeViolations(a, 'codes panel open');

    // The sensitive source is folded for Amir until he chooses to show it; then he codes it.
    await a.goto(`${base}/sources`);
    await a.getByTestId('sources').getByRole('link', { name: /Record 2/ }).click();
    await settle(a, /Record 2/, 'coding a sensitive source (folded)');
    await a.getByRole('button', { name: 'Show the text' }).click();
    const text2 = a.getByTestId('source-text');
    await text2.focus();
    await text2.press(' ');
    await text2.press('Enter');
    await a.getByRole('checkbox', { name: 'Waiting' }).check();
    await a.getByRole('button', { name: 'Apply chosen codes' }).click();
    await a.getByTestId('coded-list').getByText(/People spoke of detention/).waitFor();

    // Themes: made, and moved by menu (keyboard) and by drag-and-drop.
    await a.getByRole('navigation', { name: 'Synthesis' }).getByRole('link', { name: 'Themes', exact: true }).click();
    await settle(a, 'Themes', 'themes (empty)');
    const make = async (name: string, kind: 'Analytical theme' | 'Descriptive theme', parent?: string) => {
      await a.getByLabel('Name', { exact: true }).fill(name);
      await a.getByRole('group', { name: 'Kind of theme' }).getByLabel(kind).check();
      if (parent) await a.getByLabel('Put it inside').selectOption({ label: parent });
      await a.getByRole('button', { name: 'Make theme' }).click();
      await node(a, name).waitFor();
    };
    await make('Rebuilding a life', 'Analytical theme');
    await make('Feeling at home', 'Descriptive theme');
    await make('Waiting in limbo', 'Descriptive theme', 'Rebuilding a life');
    const unsorted = a.getByTestId('unsorted');
    const belonging = unsorted.getByTestId('code-leaf').filter({ hasText: 'Belonging' });
    await belonging.getByLabel('Move to').selectOption({ label: 'Feeling at home' });
    await belonging.getByRole('button', { name: 'Move', exact: true }).click();
    await node(a, 'Feeling at home').getByTestId('code-leaf').filter({ hasText: 'Belonging' }).waitFor();
    await a.getByTestId('announcer').getByText(/Moved\W*Belonging\W*into\W*Feeling at home/).waitFor();
    expect(await a.evaluate(() => document.activeElement?.textContent)).toContain('Belonging');
    const trust = unsorted.getByTestId('code-leaf').filter({ hasText: 'Trust' });
    await trust.getByLabel('Move to').selectOption({ label: 'Feeling at home' });
    await trust.getByRole('button', { name: 'Move', exact: true }).click();
    await node(a, 'Feeling at home').getByTestId('code-leaf').filter({ hasText: 'Trust' }).waitFor();
    // Drag-and-drop: the code Waiting onto "Waiting in limbo", the theme "Feeling at home" into "Rebuilding a life".
    // (Playwright's dragTo fires no drag events when it must scroll mid-drag, so both ends are kept on screen.)
    await a.setViewportSize({ width: 1280, height: 3200 });
    await unsorted.getByTestId('code-leaf').filter({ hasText: 'Waiting' }).locator('.syn-leaf-name').dragTo(head(a, 'Waiting in limbo'));
    await node(a, 'Waiting in limbo').getByTestId('code-leaf').filter({ hasText: 'Waiting' }).waitFor();
    await head(a, 'Feeling at home').dragTo(head(a, 'Rebuilding a life'));
    await node(a, 'Rebuilding a life').locator('[data-testid=theme-node][data-name="Feeling at home"]').waitFor();
    await a.getByText('Every code is in a theme.').waitFor();
    await a.setViewportSize({ width: 1280, height: 900 });
    // Supporting quotes under each theme; the sensitive one folded behind its note.
    const limbo = node(a, 'Waiting in limbo');
    await limbo.getByText('years of waiting').waitFor();
    await limbo.getByText(/Hidden: may be distressing\.\W*describes detention/).waitFor();
    await expectNoAxeViolations(a, 'themes built');
    await shot(a, '04-themes');

    // Both edit "Feeling at home": each sees the other's typing live, and carets stay where they were.
    await c.goto(`${base}/themes`);
    await settle(c, 'Themes', 'themes (co-researcher)');
    const aDesc = desc(a, 'Feeling at home');
    const cDesc = desc(c, 'Feeling at home');
    await aDesc.click();
    await aDesc.pressSequentially('feel at home');
    await node(c, 'Feeling at home').getByTestId('typing').getByText(/Amir Reviewer\W*typing…/).waitFor();
    await expect.poll(() => cDesc.inputValue(), POLL).toBe('feel at home');
    await aDesc.press('Control+Home');
    await aDesc.pressSequentially('We ');
    await expect.poll(() => cDesc.inputValue(), POLL).toBe('We feel at home');
    await cDesc.click();
    await cDesc.press('Control+End');
    await cDesc.pressSequentially(' together');
    await node(a, 'Feeling at home').getByTestId('typing').getByText(/Cora Co-researcher\W*typing…/).waitFor();
    await expect.poll(() => aDesc.inputValue(), POLL).toBe('We feel at home together');
    await aDesc.pressSequentially('all ');
    await expect.poll(() => cDesc.inputValue(), POLL).toBe('We all feel at home together');
    expect(await aDesc.inputValue()).toBe('We all feel at home together');
    await expectNoAxeViolations(c, 'themes while co-editing');
    await shot(c, '05-themes-coediting');
    // A comment on the theme, seen live.
    const cHome = node(c, 'Feeling at home');
    await cHome.locator('summary', { hasText: 'Comments' }).first().click();
    await cHome.getByLabel(/Your comment on\W*Feeling at home/).fill('Language matters most here.');
    await cHome.getByRole('button', { name: 'Post comment' }).click();
    const aHome = node(a, 'Feeling at home');
    await aHome.locator('summary', { hasText: 'Comments (1)' }).first().click();
    await aHome.getByTestId('theme-comments').getByText('Language matters most here.').waitFor();

    // A value the e2e.server refuses (written straight into Cora's own document) is shown to her, calmly.
    const limboId = (await desc(a, 'Waiting in limbo').getAttribute('id'))!.replace(/^desc-/, '');
    const coraDoc = await connectDoc(cora, `p/${pid}/u/${cora.user.id}`);
    e2e.track(coraDoc);
    await synced(coraDoc);
    coraDoc.doc.getMap('feedback').set(limboId, { resonance: 'maybe', comment: '', at: new Date().toISOString() });
    await eventually(() => coraDoc.doc.getMap('rejected').has(`feedback:${limboId}`), 5000, 'refusal recorded');

    // Sense-check: one theme at a time, sensitive quotes folded, answer / skip / pause.
    await c.getByRole('navigation', { name: 'Synthesis' }).getByRole('link', { name: 'Check themes' }).click();
    await settle(c, 'Check themes', 'sense-check, first theme');
    const card = c.getByTestId('sense-card');
    await card.getByTestId('progress').getByText(/Theme\W*1\W*of\W*3/).waitFor();
    await card.getByRole('heading', { name: 'Rebuilding a life' }).waitFor();
    await card.getByText('1 quote may be distressing. It is hidden; you can choose to show it.').waitFor();
    expect(await card.getByText('People spoke of detention').count()).toBe(0);
    await card.getByRole('button', { name: 'Show this quote' }).click();
    await card.getByText(/People spoke of detention/).waitFor();
    await card.getByText(/Time spent not knowing what will happen\./).waitFor();
    await expectNoAxeViolations(c, 'sense-check, sensitive quote shown');
    await card.getByRole('button', { name: 'Save my answer' }).click();
    await card.getByText('Choose one of the answers, or skip this theme.').waitFor();
    await card.getByRole('group', { name: 'Does this theme ring true to you?' }).getByLabel('Partly').check();
    await card.getByLabel(/Your comment/).fill('Mostly, but hope matters too.');
    await card.getByRole('button', { name: 'Save my answer' }).click();
    await card.getByText(/Saved\. Your answer:\W*Partly/).waitFor();
    await shot(c, '06-sense-check');
    await card.getByRole('button', { name: 'Next theme' }).click();
    await card.getByRole('heading', { name: 'Waiting in limbo' }).waitFor();
    expect(await c.evaluate(() => document.activeElement?.id)).toBe('card-h');
    await card.getByRole('alert').getByText(/Your answer was not saved:\W*Not valid sense-check feedback/).waitFor();
    await expectNoAxeViolations(c, 'sense-check with a refusal');
    await card.getByRole('button', { name: 'Skip this one' }).click();
    await card.getByRole('heading', { name: 'Feeling at home' }).waitFor();
    await card.getByTestId('progress').getByText(/Theme\W*3\W*of\W*3/).waitFor();
    await eventually(() => !coraDoc.doc.getMap('rejected').has(`feedback:${limboId}`), 5000, 'refusal cleared by the skip');
    await card.getByText('We all feel at home together').waitFor();
    await card.getByRole('group', { name: 'Does this theme ring true to you?' }).getByLabel('Yes, it rings true').check();
    await card.getByRole('button', { name: 'Save my answer' }).click();
    await card.getByText(/Saved\. Your answer:\W*Yes, it rings true/).waitFor();
    await expectNoAxeViolations(c, 'sense-check, last theme answered');
    await card.getByRole('button', { name: 'Pause' }).click();
    const paused = c.getByTestId('paused');
    await paused.getByText('Everything you answered is saved. Nothing is lost.').waitFor();
    await paused.getByText(/answered\W*2\W*of\W*3\W*themes and skipped\W*1/).waitFor();
    await expectNoAxeViolations(c, 'sense-check paused');
    await shot(c, '07-sense-check-paused');

    // The lead, in a third browser: the summary, live.
    const l = await e2e.pageFor(lead.user.email);
    await l.goto(`${base}/summary`);
    await settle(l, 'Sense-check summary', 'summary');
    const rebuilding = summaryCard(l, 'Rebuilding a life');
    const counts = async (theme: string) => (await summaryCard(l, theme).getByTestId('counts').innerText()).replace(/\s+/g, ' ');
    await expect.poll(() => counts('Rebuilding a life'), POLL).toBe('Yes, it rings true 0 Partly 1 No, it does not ring true 0 Skipped (no answer) 0');
    await rebuilding.getByText(/Cora Co-researcher\W*· Partly/).waitFor();
    await rebuilding.getByText('Mostly, but hope matters too.').waitFor();
    await expect.poll(() => counts('Waiting in limbo'), POLL).toBe('Yes, it rings true 0 Partly 0 No, it does not ring true 0 Skipped (no answer) 1');
    await expect.poll(() => counts('Feeling at home'), POLL).toBe('Yes, it rings true 1 Partly 0 No, it does not ring true 0 Skipped (no answer) 0');
    expect(await rebuilding.getByTestId('changed').count()).toBe(0);
    // Amir changes the theme after the feedback: the lead's summary says so without reloading.
    await desc(a, 'Rebuilding a life').click();
    await desc(a, 'Rebuilding a life').pressSequentially('Hope and belonging rebuild a life.');
    await rebuilding.getByTestId('changed').getByText('Changed after feedback.').waitFor({ timeout: 15_000 });
    await rebuilding.getByText(/on an earlier version/).first().waitFor();
    await expectNoAxeViolations(l, 'summary after a change');
    const download = l.waitForEvent('download');
    await l.getByRole('link', { name: 'Download CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`themes-${pid}.csv`);
    await l.getByText(new RegExp(`Downloaded\\W*themes-${pid}\\.csv`)).waitFor();
    await shot(l, '08-summary');

    // Presence names the synthesis pages; and the coding view lays out right-to-left too.
    await l.goto(`/projects/${pid}`);
    await l.getByTestId('presence-list').getByText(/working on themes/).first().waitFor();
    await expectNoAxeViolations(l, 'workspace with people in synthesis');
    await l.goto(`${codingUrl}?locale=en-XB`);
    await settle(l, /Record 1/, 'coding, right-to-left');
    expect(await l.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await shot(l, '09-coding-rtl');
  });
});
