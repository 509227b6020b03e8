/**
 * End to end, issue 4: two reviewers (two browser contexts) screen the same ten records blind, by
 * keyboard alone; neither page — DOM, HTTP answers, WebSocket frames or board — carries the other's
 * decisions; a lead unblinds in a third context and the disagreements appear on the stage page (the
 * reviewers' open pages fill too, after the server's 4409). Then an offline round in Chromium:
 * decisions made offline stay on the device and reach SQLite once back online. Every page visited is
 * checked with axe (WCAG 2.2 A/AA: zero violations). Needs the built client and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardJson } from '../../shared/board';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle as pause, synced } from '../helpers/sync';
import { blankRecord, insertImport } from '../../server/records/store';
import { listDecisions } from '../../server/screening/repo';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const PASSWORD = 'a long enough password';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

/** Everything a page received: WebSocket frames and API answers, to search for what must not be there. */
interface Seen {
  page: Page;
  context: BrowserContext;
  received: Buffer[];
  sent: Buffer[];
}

/** A browser context logged in as `email`, recording every frame and API answer it receives. */
async function pageFor(email: string): Promise<Seen> {
  const context = await browser.newContext({ baseURL: server.url });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => console.error('page error:', err.message));
  const received: Buffer[] = [];
  const sent: Buffer[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => received.push(Buffer.from(f.payload as string | Buffer)));
    ws.on('framesent', (f) => sent.push(Buffer.from(f.payload as string | Buffer)));
  });
  page.on('response', async (res) => {
    if (res.url().includes('/api/')) received.push(await res.body().catch(() => Buffer.alloc(0)));
  });
  const res = await page.request.post('/api/auth/login', { headers: { origin: server.url }, data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return { page, context, received, sent };
}

/** Waits for the h1, then checks the page with axe. */
async function ready(page: Page, heading: string | RegExp, label: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectNoAxeViolations(page, label);
}

const TITLES = [
  'Peer support among refugee women in Germany',
  'Mental health of asylum seekers in detention',
  'A protocol for a trial of community navigators',
  'Befriending schemes for resettled refugees',
  'Peer support workers in refugee camps',
  'School-based programmes for refugee children',
  'Lived experience of peer mentoring after resettlement',
  'Language classes and social connection',
  'Health visitors for displaced families',
  'Online peer support for Syrian refugees',
];

/** Ten records with words the highlight terms pick out. */
function seedTen(pid: string, userId: string): string[] {
  return server.db.transaction(() =>
    insertImport(server.db, {
      projectId: pid, userId, source: 'MEDLINE', format: 'ris', filename: null, encoding: 'utf-8', problems: [],
      records: TITLES.map((title, i) => ({
        record: blankRecord(title, { abstract: `Study ${i + 1}. We interviewed adults about peer support and their lives as refugees.`, year: 2015 + (i % 8), authors: ['Author, A.'] }),
        duplicate: null,
      })),
    }),
  )().ids;
}

/** Presses `keys` in turn, waiting after each for the record title to become `nextTitle` when given. */
async function press(page: Page, key: string, nextTitle?: string): Promise<void> {
  await page.keyboard.press(key);
  if (nextTitle) await page.locator('#record-title', { hasText: nextTitle }).waitFor();
}

/** Screens the ten records by keyboard: `plan[i]` is the keys for record i (reasons first, then the decision). */
async function screenByKeyboard(page: Page, plan: string[][], note: string): Promise<void> {
  await page.locator('#record-title', { hasText: TITLES[0]! }).waitFor();
  // A note on the first record: n focuses the note, Escape leaves it, the decision carries it.
  await press(page, 'n');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('decision-note');
  await page.keyboard.type(note);
  await press(page, 'Escape');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('record');
  for (let i = 0; i < plan.length; i++) {
    const keys = plan[i]!;
    for (const k of keys.slice(0, -1)) await press(page, k);
    await press(page, keys[keys.length - 1]!, TITLES[i + 1]);
  }
}

const decisionsOf = (pid: string, uid: string) => listDecisions(server.db, pid, 'ta').filter((d) => d.userId === uid);

describe('screening by keyboard, blind, then unblinded', { timeout: 180_000 }, () => {
  it('two reviewers screen blind; the lead unblinds and the disagreements appear', async () => {
    const lead = await signUp(server.url, 'Lena Lead');
    const ana = await signUp(server.url, 'Ana Reviewer');
    const ben = await signUp(server.url, 'Ben Reviewer');
    const pid = await projectWith(lead, [{ client: ana, role: 'reviewer' }, { client: ben, role: 'reviewer' }], 'Peer support for refugees');
    expect((await lead.patch(`/api/projects/${pid}`, {
      criteria: 'Sample: adults with refugee backgrounds.\nPhenomenon of interest: peer support.',
      highlightTerms: { include: ['peer support', 'refugee*'], exclude: ['children', 'protocol'] },
    })).status).toBe(200);
    seedTen(pid, lead.user.id);
    const ANA_NOTE = 'ana-private-note-zebra';
    const BEN_NOTE = 'ben-private-note-walrus';

    const a = await pageFor(ana.user.email);
    const b = await pageFor(ben.user.email);
    for (const r of [a, b]) {
      await r.page.goto(`/projects/${pid}/screen/ta`);
      await ready(r.page, 'Screening: titles and abstracts', 'screen page');
      await r.page.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();
    }

    // Highlights: both kinds marked, told apart by a legend (not by colour alone).
    // The heading and the sync status come before the record itself: wait for its title.
    await a.page.locator('#record-title', { hasText: TITLES[0]! }).waitFor();
    expect(await a.page.locator('#record-title mark.hl-include').allTextContents()).toEqual(['Peer support', 'refugee']);
    await a.page.getByRole('heading', { name: 'Highlighted words' }).waitFor();

    // Help: ? opens a dialog, Escape closes it and focus returns to the record.
    await press(a.page, '?');
    await a.page.getByRole('dialog', { name: 'How screening works' }).waitFor();
    await expectNoAxeViolations(a.page, 'screen page, help open');
    await press(a.page, 'Escape');
    await a.page.getByRole('dialog').waitFor({ state: 'hidden' });

    // Ana: reasons by number keys before e. Ben disagrees on records 2 and 9 ("maybe" counts as include).
    const anaPlan = [['i'], ['i'], ['1', 'e'], ['m'], ['i'], ['3', 'e'], ['i'], ['i'], ['e'], ['i']];
    const benPlan = [['i'], ['e'], ['e'], ['i'], ['i'], ['e'], ['m'], ['i'], ['i'], ['i']];
    await screenByKeyboard(a.page, anaPlan.slice(0, 5), ANA_NOTE);
    // Undo, previous and next, all by key.
    await press(a.page, 'u', TITLES[4]);
    await a.page.getByTestId('current-decision').filter({ hasText: 'Not decided yet.' }).waitFor();
    await press(a.page, 'k', TITLES[3]);
    await press(a.page, 'j', TITLES[4]);
    await press(a.page, 'i', TITLES[5]);
    for (let i = 5; i < 10; i++) {
      const keys = anaPlan[i]!;
      for (const k of keys.slice(0, -1)) await press(a.page, k);
      await press(a.page, keys[keys.length - 1]!, i < 9 ? TITLES[i + 1] : undefined);
    }
    await screenByKeyboard(b.page, benPlan, BEN_NOTE);

    for (const [r, who] of [[a, ana], [b, ben]] as const) {
      await r.page.getByText('You have screened 10 of 10 records (100%).').waitFor();
      await r.page.getByTestId('announcement').filter({ hasText: 'You have screened every record in your list.' }).waitFor();
      await expectNoAxeViolations(r.page, 'screen page, all decided');
      await eventually(() => decisionsOf(pid, who.user.id).length === 10, 10_000, 'decisions in SQLite');
    }
    const anaRows = new Map(decisionsOf(pid, ana.user.id).map((d) => [d.recordId, d]));
    const ids = listDecisions(server.db, pid, 'ta').map((d) => d.recordId);
    expect([...anaRows.values()].map((d) => d.note).filter(Boolean)).toEqual([ANA_NOTE]);
    expect([...anaRows.values()].filter((d) => d.decision === 'exclude').map((d) => d.reasons.join()).sort()).toEqual(['', 'Wrong population', 'Wrong study design']);
    expect(ids.length).toBe(20);

    // Each reviewer's stage page says the stage is blinded and shows no figures.
    for (const r of [a, b]) {
      await r.page.goto(`/projects/${pid}/stages`);
      await ready(r.page, 'Screening stages', 'stages page (reviewer, blinded)');
      await r.page.getByTestId('stage-ta').getByText('Blinded: screeners do not see each other’s decisions.').waitFor();
      expect(await r.page.getByRole('table').count()).toBe(0);
    }

    // Blind: nothing of the other's reached either page — not the DOM, the API answers, the frames, the board.
    const boardAs = async (user: Client) => {
      const c = await connectDoc(user, `p/${pid}/board`);
      await synced(c);
      await pause(200);
      const json = boardJson(c.doc);
      c.destroy();
      return json;
    };
    for (const [r, user, other] of [[a, ana, BEN_NOTE], [b, ben, ANA_NOTE]] as const) {
      expect(await r.page.content()).not.toContain(other);
      expect(r.received.some((buf) => buf.includes(other))).toBe(false);
      const board = await boardAs(user);
      expect(board).not.toContain(other);
      expect(board).not.toContain('"progress"');
      expect(board).not.toContain('"conflicts"');
    }
    // …while the same search finds each note in the frames its author sent (so it can find things).
    expect(a.sent.some((buf) => buf.includes(ANA_NOTE))).toBe(true);
    expect(b.sent.some((buf) => buf.includes(BEN_NOTE))).toBe(true);

    // The lead (not screening) sees live progress, then unblinds after confirming.
    const l = await pageFor(lead.user.email);
    await l.page.goto(`/projects/${pid}/stages`);
    await ready(l.page, 'Screening stages', 'stages page (lead)');
    const ta = l.page.getByTestId('stage-ta');
    await ta.getByRole('row', { name: /Ana Reviewer.*10 of 10/ }).waitFor();
    await ta.getByRole('row', { name: /Ben Reviewer.*10 of 10/ }).waitFor();
    await ta.getByText('2 disagreements').waitFor();
    await ta.getByRole('button', { name: /Unblind\W*title and abstract screening/ }).click();
    await ta.getByText('This cannot be undone.', { exact: false }).waitFor();
    expect(await l.page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, unblind');
    await expectNoAxeViolations(l.page, 'stages page, confirming unblinding');
    await l.page.keyboard.press('Enter');
    const list = ta.getByTestId('disagreements');
    await list.waitFor();
    expect((await list.locator('.conflict-title').allTextContents()).sort()).toEqual([TITLES[1], TITLES[8]].sort());
    await ta.getByText(/Screeners disagree on 2 records/).waitFor();
    expect(await ta.getByRole('link', { name: 'Discuss and settle disagreements' }).getAttribute('href')).toBe(`/projects/${pid}/conflicts/ta`);
    await expectNoAxeViolations(l.page, 'stages page, unblinded');

    // The reviewers' open stage pages fill without reloading (the server closed their board with 4409).
    for (const r of [a, b]) {
      await r.page.getByTestId('stage-ta').getByTestId('disagreements').waitFor();
      await r.page.getByTestId('stage-ta').getByText(/Unblinded on/).waitFor();
      await expectNoAxeViolations(r.page, 'stages page (reviewer, unblinded)');
    }
  });

  it('full text: the PDF beside the form, and an exclusion needs a reason', async () => {
    const lead = await signUp(server.url, 'Fay Lead');
    const dev = await signUp(server.url, 'Dev Reviewer');
    const pid = await projectWith(lead, [{ client: dev, role: 'reviewer' }], 'Full-text round');
    expect((await lead.patch(`/api/projects/${pid}`, { reviewersPerRecord: 1, criteria: 'Adults with refugee backgrounds.' })).status).toBe(200);
    const ids = seedTen(pid, lead.user.id);
    const d = await pageFor(dev.user.email);

    // Before title/abstract is unblinded, full text is closed and says so.
    await d.page.goto(`/projects/${pid}/screen/ft`);
    await ready(d.page, 'Screening: full texts', 'full-text page, closed');
    await d.page.getByText('Full-text screening opens once a lead has unblinded title and abstract screening.').waitFor();

    // Title/abstract: include the first two, exclude the rest — all by key — then the lead unblinds.
    await d.page.goto(`/projects/${pid}/screen/ta`);
    await d.page.locator('#record-title', { hasText: TITLES[0]! }).waitFor();
    await press(d.page, 'i', TITLES[1]);
    await press(d.page, 'i', TITLES[2]);
    for (let i = 2; i < 10; i++) await press(d.page, 'e', i < 9 ? TITLES[i + 1] : undefined);
    await eventually(() => decisionsOf(pid, dev.user.id).length === 10, 10_000, 'decisions in SQLite');
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);

    await d.page.goto(`/projects/${pid}/screen/ft`);
    await ready(d.page, 'Screening: full texts', 'full-text page');
    await d.page.locator('#record-title', { hasText: TITLES[0]! }).waitFor();
    await d.page.getByText('Every exclusion at full text needs at least one of these reasons:').waitFor();
    await d.page.getByText('There is no full text for this record yet.').waitFor();
    await d.page.getByText('Add the full text').click();
    await d.page.getByLabel('PDF file').setInputFiles({ name: 'paper.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% test\n%%EOF\n') });
    await d.page.getByRole('button', { name: 'Upload PDF' }).click();
    await d.page.getByText('The PDF has been added.').waitFor();
    expect(await d.page.locator('iframe.pdf-frame').getAttribute('src')).toContain(`/records/${ids[0]}/fulltext`);
    await expectNoAxeViolations(d.page, 'full-text page with a PDF');

    // Exclude without a reason is refused and explained; with reason 2 it is saved.
    await d.page.locator('[data-testid=record]').focus();
    await press(d.page, 'e');
    await d.page.getByTestId('announcement').filter({ hasText: 'first choose at least one reason' }).waitFor();
    await d.page.getByTestId('current-decision').filter({ hasText: 'Not decided yet.' }).waitFor();
    await press(d.page, '2');
    await press(d.page, 'e', TITLES[1]);
    await eventually(() => listDecisions(server.db, pid, 'ft').length === 1, 10_000, 'full-text decision in SQLite');
    expect(listDecisions(server.db, pid, 'ft')[0]).toMatchObject({ recordId: ids[0], decision: 'exclude', reasons: ['Wrong phenomenon of interest'] });
  });

  it('keeps decisions made offline on the device and sends them when back online', async () => {
    const lead = await signUp(server.url, 'Olu Lead');
    const cleo = await signUp(server.url, 'Cleo Reviewer');
    const pid = await projectWith(lead, [{ client: cleo, role: 'reviewer' }], 'Offline screening');
    const ids = seedTen(pid, lead.user.id);
    const c = await pageFor(cleo.user.email);
    await c.page.goto(`/projects/${pid}/screen/ta`);
    await ready(c.page, 'Screening: titles and abstracts', 'screen page (offline test)');
    const sync = c.page.getByTestId('decisions-sync');
    await sync.filter({ hasText: 'Your decisions are saved.' }).waitFor();
    await c.page.locator('#record-title', { hasText: TITLES[0]! }).waitFor();

    await c.context.setOffline(true);
    await sync.filter({ hasText: 'Offline.' }).waitFor();
    await press(c.page, 'i', TITLES[1]);
    await press(c.page, 'e', TITLES[2]);
    await press(c.page, 'm', TITLES[3]);
    await c.page.getByText('You have screened 3 of 10 records (30%).').waitFor();
    await expectNoAxeViolations(c.page, 'screen page, offline');
    // Really offline: nothing has reached the server.
    await pause(1000);
    expect(decisionsOf(pid, cleo.user.id)).toHaveLength(0);

    await c.context.setOffline(false);
    await eventually(() => decisionsOf(pid, cleo.user.id).length === 3, 15_000, 'offline decisions to reach SQLite');
    expect(decisionsOf(pid, cleo.user.id).map((d) => d.decision).sort()).toEqual(['exclude', 'include', 'maybe']);
    await sync.filter({ hasText: 'Your decisions are saved.' }).waitFor();

    // A decision the server refuses (written from another device with a reason the project lacks) is shown.
    const other = await connectDoc(cleo, `p/${pid}/u/${cleo.user.id}`);
    await synced(other);
    other.doc.getMap('decisions:ta').set(ids[5]!, { decision: 'exclude', reasons: ['Made-up reason'], note: '', at: new Date().toISOString() });
    const alert = c.page.getByRole('alert').filter({ hasText: 'The server did not accept 1 of your decisions' });
    await alert.getByText('Unknown exclusion reason: Made-up reason.').waitFor();
    await expectNoAxeViolations(c.page, 'screen page, refused decision');
    await alert.getByRole('button', { name: TITLES[5]! }).click();
    await c.page.locator('#record-title', { hasText: TITLES[5]! }).waitFor();
    await c.page.getByText(/Not accepted:\W*Unknown exclusion reason: Made-up reason/).waitFor();
    // Deciding again replaces it; the server clears the refusal.
    await press(c.page, 'i');
    await alert.waitFor({ state: 'detached' });
    other.destroy();
  });
});
