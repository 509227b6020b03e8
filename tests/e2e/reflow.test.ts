/**
 * End to end: reflow at phone width and at 400% zoom (WCAG 2.2 SC 1.4.10 Reflow, 1.4.12 Text
 * spacing, 2.5.8 Target size). A lead with a seeded project — records imported (one with a long
 * unbroken title, DOI and URL, and a duplicate), decisions by two reviewers with two disagreements,
 * both stages unblinded, a synthesis source, a code and a theme — visits every main page at
 * 320×640 CSS px (what 1280 px wide looks like at 400% zoom). On each page: the document does not
 * scroll sideways (when it does, the message names the widest elements that stick out), anything
 * that scrolls sideways in its own box is a named, keyboard-focusable region, no text is cut off by
 * a box too narrow for it, the page's key actions are visible and at least 24×24 px, and axe
 * (WCAG 2.0–2.2 A/AA) finds nothing. Some dense pages are checked again with the WCAG 1.4.12
 * text-spacing overrides applied. A second test checks the project navigation's disclosure button.
 * REFLOW_SIZES=320x640,390x844 checks more sizes (the default is 320x640 only); REFLOW_SLICES=1
 * also saves each page in 800 px slices; REFLOW_LOG=1 prints each page's time and problems.
 * Needs the built client (`npx vite build`) and /usr/bin/chromium. Screenshots go to $SHOTS or /tmp/coreview-shots.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import * as W from '../../shared/workspace';
import { insertImport, blankRecord } from '../../server/records/store';
import { expectNoAxeViolations } from '../helpers/browser';
import { POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { seedDecisions } from '../helpers/records';
import { connectDoc, synced } from '../helpers/sync';
import { reviewTeam } from '../helpers/team';

const e2e = useE2E();
const SHOTS = shotsDir('reflow');
const SIZES = (process.env.REFLOW_SIZES ?? '320x640').split(',').map((s) => {
  const [width, height] = s.split('x').map(Number) as [number, number];
  return { width, height };
});

const LONG_TITLE = 'Psychosocial-interventions-for-refugee-and-asylum-seeking-populations: a-systematic-review-and-meta-analysis-of-randomised-controlled-trials';
const LONG_DOI = '10.1016/j.socscimed.2021.114279.supplementary-material-appendix-table-S1-long-identifier';
const LONG_URL = 'https://www.example.org/journals/refugee-studies/articles/2021/peer-support-among-resettled-refugees-a-qualitative-study?utm_source=search&utm_medium=export';

/** What on the page breaks reflow, measured in the browser: an empty list when all is well. */
async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${cls}> “${text}”`;
    };
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const root = document.documentElement;
    const vw = root.clientWidth;
    // 1. The page itself must not scroll sideways; name what sticks out, widest first.
    if (root.scrollWidth > vw + 1) {
      const out: { el: Element; right: number }[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= vw + 1) continue;
        let clipped = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) { clipped = true; break; }
        if (clipped) continue;
        // only the outermost element that sticks out, not each of its children
        if (el.parentElement && out.some((o) => o.el === el.parentElement && o.right >= r.right)) continue;
        out.push({ el, right: r.right });
      }
      out.sort((a, b) => b.right - a.right);
      const worst = out.slice(0, 4).map((o) => `${describe(o.el)} reaches ${Math.round(o.right)}px`);
      problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${vw}px viewport; widest: ${worst.join('; ') || '(none found)'}`);
    }
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      // text hidden for sight only (the .visually-hidden pattern, by class or in a media query) is meant to be clipped
      if (style.visibility === 'hidden' || el.closest('.visually-hidden') || style.clipPath === 'inset(50%)') continue;
      const wider = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      if (!wider) continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
        // 2. A box that scrolls sideways on its own must be reachable by keyboard and named.
        const focusable = el.getAttribute('tabindex') === '0';
        const named = !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
        const role = el.getAttribute('role');
        if (!focusable || !named || role !== 'region') problems.push(`${describe(el)} scrolls sideways but is not a named, focusable region (tabindex=0, role=region, aria-label)`);
      } else if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && el.tagName !== 'HTML' && el.tagName !== 'BODY' && (el.textContent ?? '').trim()) {
        // 3. Text cut off by a box too narrow for it.
        problems.push(`${describe(el)} clips its content (${el.scrollWidth}px in ${el.clientWidth}px)`);
      }
    }
    // 4. Sticky or fixed bars must leave most of a short screen for the content.
    for (const el of document.body.querySelectorAll('*')) {
      const pos = getComputedStyle(el).position;
      if (pos !== 'sticky' && pos !== 'fixed') continue;
      const r = el.getBoundingClientRect();
      if (r.height > window.innerHeight * 0.35 && r.width > 0) problems.push(`${describe(el)} is ${pos} and covers ${Math.round(r.height)}px of a ${window.innerHeight}px screen`);
    }
    return problems;
  });
}

/** Problems with a key action: not visible, not at least 24×24 px, or outside the viewport's width. */
async function targetProblems(page: Page, name: string, target: Locator): Promise<string[]> {
  const count = await target.count();
  if (count === 0) return [`${name}: not found`];
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = target.nth(i);
    if (!(await t.isVisible())) { problems.push(`${name} #${i + 1}: not visible`); continue; }
    await t.scrollIntoViewIfNeeded();
    const box = (await t.boundingBox())!;
    const vw = await page.evaluate(() => document.documentElement.clientWidth);
    if (box.width < 24 || box.height < 24) problems.push(`${name} #${i + 1}: ${Math.round(box.width)}×${Math.round(box.height)}px, under 24×24`);
    if (box.x < 0 || box.x + box.width > vw + 1) problems.push(`${name} #${i + 1}: outside the ${vw}px viewport (${Math.round(box.x)}–${Math.round(box.x + box.width)}px)`);
  }
  return problems;
}

/** A full-page screenshot; with REFLOW_SLICES=1 also in 800 px slices, which are easier to look at. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  if (!process.env.REFLOW_SLICES) return;
  const { width, height } = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
  for (let y = 0, i = 0; y < height; y += 800, i++) {
    await page.screenshot({ path: join(SHOTS, 'slices', `${name}-${i}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(800, height - y) } });
  }
}

/** The WCAG 1.4.12 text-spacing overrides (the bookmarklet's rules). */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-block-end: 2em !important; }`;

/** The checks above do find what they look for: a too-wide block, an unnamed scrolling box, cut-off text, a tiny button. */
async function checkTheChecks(page: Page): Promise<void> {
  await page.goto('/projects');
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await reflowProblems(page)).toEqual([]);
  await page.evaluate(() => {
    const wide = document.createElement('p');
    wide.className = 'too-wide';
    wide.style.inlineSize = '50rem';
    wide.textContent = 'wide';
    const box = document.createElement('div');
    box.style.overflowX = 'auto';
    box.innerHTML = '<table><tr><td style="min-inline-size: 60rem; display: block">cell</td></tr></table>';
    const clip = document.createElement('p');
    clip.style.cssText = 'inline-size: 5rem; overflow: hidden; white-space: nowrap';
    clip.textContent = 'A sentence much longer than its box';
    const tiny = document.createElement('button');
    tiny.textContent = 'x';
    tiny.style.cssText = 'font-size: 8px; padding: 0; min-block-size: 0';
    document.querySelector('main')!.append(wide, box, clip, tiny);
  });
  const found = await reflowProblems(page);
  expect(found.join('\n')).toMatch(/the page scrolls sideways: \d+px wide in a \d+px viewport; widest: <p\.too-wide>/);
  expect(found.join('\n')).toMatch(/<div> “cell” scrolls sideways but is not a named, focusable region/);
  expect(found.join('\n')).toMatch(/<p> “A sentence much longer than its box” clips its content/);
  expect((await targetProblems(page, 'tiny', page.getByRole('button', { name: 'x', exact: true }))).join()).toMatch(/under 24×24/);
}

interface Visit {
  name: string;
  path: string;
  heading: RegExp;
  /** key actions that must be visible and at least 24×24 */
  targets?: (page: Page) => [string, Locator][];
  /** something to wait for after the heading, so the page is measured once it has its content */
  ready?: (page: Page) => Locator;
  /** done before measuring (e.g. choosing a file so the import button shows) */
  prepare?: (page: Page) => Promise<void>;
  textSpacing?: boolean;
}

describe('reflow at 320 CSS px (400% zoom)', { timeout: SIZES.length * 90_000 }, () => {
  it('every main page fits the width, keeps its key actions usable, and passes axe', async () => {
    const team = await reviewTeam(e2e.server, 6);
    const { lead, a, b, pid, ids } = team;
    expect((await lead.patch(`/api/projects/${pid}`, {
      criteria: 'Sample: adults with refugee backgrounds. Phenomenon: peer support. Design: qualitative or mixed methods.',
      highlightTerms: { include: ['peer support'], exclude: ['children'] },
    })).status).toBe(200);
    // A record with a long unbroken title, DOI and URL, and a duplicate of record 1.
    const [longId] = e2e.server.db.transaction(() =>
      insertImport(e2e.server.db, {
        projectId: pid, userId: lead.user.id, source: 'Scopus export with a very long source name', format: 'ris', filename: 'scopus-export-2024-peer-support-refugees.ris', encoding: 'utf-8', problems: [],
        records: [
          { record: blankRecord(LONG_TITLE, { doi: LONG_DOI, url: LONG_URL, abstract: 'A long abstract about peer support. '.repeat(8), authors: ['Abdirahman-Mohamed-Hassan, Fatima-Zahra', 'Osman, A.'], year: 2021, journal: 'International Journal of Environmental Research and Public Health' }), duplicate: null },
          { record: blankRecord('Record 1: experiences of peer support', { year: 2000 }), duplicate: { of: ids[0]!, reason: 'doi', score: 1 } },
        ],
      }),
    )().ids;
    const all = [...ids, longId!];
    // Alice and Bob disagree on records 1 and 3 (the conflicts) and agree on the rest; the lead unblinds both stages.
    seedDecisions(e2e.server.db, pid, all.flatMap((recordId, i) => [
      { recordId, userId: a.user.id, decision: i === 0 ? 'exclude' : 'include' } as const,
      { recordId, userId: b.user.id, decision: i === 2 ? 'exclude' : 'include' } as const,
    ]));
    for (const stage of ['ta', 'ft']) expect((await lead.post(`/api/projects/${pid}/stages/${stage}/unblind`)).status).toBe(200);
    // The lead screens too, so the screening pages show their decision buttons.
    for (const stage of ['ta', 'ft']) expect((await lead.request('PUT', `/api/projects/${pid}/stages/${stage}/screeners`, { userIds: [lead.user.id] })).status).toBe(200);

    // Synthesis: a source with codes and a theme, written by the lead's sync client.
    const ws = e2e.track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(ws);
    const TEXT = 'Participants described years of waiting for a decision.\n\nPeer workers who spoke their language made people feel at home.';
    const sid = W.addSource(ws.doc, { recordId: longId!, title: `Findings — ${LONG_TITLE}`, text: TEXT }, lead.user.id);
    const code = W.createCode(ws.doc, { name: 'Belonging-and-being-understood-in-ones-own-language' }, lead.user.id);
    W.applyCode(ws.doc, { sourceId: sid, start: TEXT.indexOf('Peer'), end: TEXT.length }, code, lead.user.id);
    const theme = W.createTheme(ws.doc, { name: 'Feeling at home through shared language and lived experience', kind: 'analytical' }, lead.user.id);
    W.moveNode(ws.doc, code, theme);

    const p = `/projects/${pid}`;
    const decisionButtons = (page: Page): [string, Locator][] => [
      ['Include', page.getByRole('button', { name: /^Include/ })],
      ['Exclude', page.getByRole('button', { name: /^Exclude/ })],
      ['Maybe', page.getByRole('button', { name: /^Maybe/ })],
    ];
    const VISITS: Visit[] = [
      { name: 'projects', path: '/projects', heading: /^Your projects$/, targets: (pg) => [['project link', pg.getByRole('link', { name: 'A review' })]] },
      { name: 'account', path: '/account', heading: /^Your account$/ },
      { name: 'workspace', path: p, heading: /A review/ },
      { name: 'settings', path: `${p}/settings`, heading: /^Project settings$/, textSpacing: true },
      { name: 'members', path: `${p}/members`, heading: /Members/i, ready: (pg) => pg.getByRole('table') },
      { name: 'invite', path: `${p}/invite`, heading: /^Invite someone$/ },
      {
        name: 'import', path: `${p}/import`, heading: /Import records/i,
        prepare: async (pg) => {
          await pg.getByLabel('Choose files').setInputFiles({ name: 'scopus-export-peer-support-refugees-2024-06-01.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.from('TY  - JOUR\nTI  - A title\nER  - \n') });
          await pg.locator('li.import-card').waitFor();
        },
        targets: (pg) => [['Import button', pg.getByRole('button', { name: 'Import 1 file' })]],
      },
      { name: 'records', path: `${p}/records`, heading: /Records/i, ready: (pg) => pg.getByText(LONG_TITLE).first() },
      { name: 'record', path: `${p}/records/${longId}`, heading: /Psychosocial/i, textSpacing: true },
      { name: 'duplicates', path: `${p}/duplicates`, heading: /^Duplicate groups$/, ready: (pg) => pg.getByRole('button', { name: /^Confirm group/ }).first(), targets: (pg) => [['Confirm group', pg.getByRole('button', { name: /^Confirm group/ })]] },
      { name: 'screen-ta', path: `${p}/screen/ta`, heading: /Screening: titles and abstracts/i, textSpacing: true, ready: (pg) => pg.locator('#record-title'), targets: decisionButtons },
      { name: 'screen-ft', path: `${p}/screen/ft`, heading: /Screening: full texts/i, ready: (pg) => pg.locator('#record-title'), targets: decisionButtons },
      { name: 'stages', path: `${p}/stages`, heading: /^Screening stages$/ },
      {
        name: 'conflicts', path: `${p}/conflicts/ta`, heading: /Disagreements/i, textSpacing: true,
        ready: (pg) => pg.getByRole('region', { name: 'Record 1: experiences of peer support' }),
        targets: (pg) => [['vote Include', pg.getByRole('radio', { name: 'Include' }).first()], ['vote Exclude', pg.getByRole('radio', { name: 'Exclude' }).first()], ['Save vote', pg.getByRole('button', { name: 'Save my vote' }).first()]],
      },
      { name: 'agreement', path: `${p}/agreement/ta`, heading: /Agreement/ },
      { name: 'prisma', path: `${p}/prisma`, heading: /PRISMA/, ready: (pg) => pg.getByTestId('prisma-diagram').locator('svg') },
      { name: 'prisma-records', path: `${p}/prisma/records?count=identified`, heading: /identified/i, ready: (pg) => pg.getByTestId('prisma-records') },
      { name: 'sources', path: `${p}/synthesis/sources`, heading: /Sources/i, ready: (pg) => pg.getByText(/Findings/).first() },
      { name: 'coding', path: `${p}/synthesis/code/${sid}`, heading: /Findings/i, ready: (pg) => pg.getByTestId('coded-list') },
      { name: 'themes', path: `${p}/synthesis/themes`, heading: /Themes/i, ready: (pg) => pg.locator('[data-testid=theme-node]').first() },
      { name: 'sense-check', path: `${p}/synthesis/sense-check`, heading: /^Check themes$/, textSpacing: true, ready: (pg) => pg.getByRole('button', { name: 'Save my answer' }), targets: (pg) => [['Save my answer', pg.getByRole('button', { name: 'Save my answer' })], ['rings true', pg.getByRole('radio').first()]] },
      { name: 'summary', path: `${p}/synthesis/summary`, heading: /Summary/i, ready: (pg) => pg.getByTestId('summary') },
      { name: 'activity', path: `${p}/activity`, heading: /^Activity$/, textSpacing: true, ready: (pg) => pg.locator('.activity-list li').first() },
    ];

    const problems: string[] = [];
    for (const size of SIZES) {
      const page = await e2e.pageAs(lead, { viewport: size });
      if (size === SIZES[0]) await checkTheChecks(page);
      for (const v of VISITS) {
        const label = `${v.name} at ${size.width}×${size.height}`;
        const from = problems.length;
        const started = Date.now();
        await page.goto(v.path);
        try {
          await page.getByRole('heading', { level: 1, name: v.heading }).waitFor();
          if (v.ready) await v.ready(page).waitFor();
          if (v.prepare) await v.prepare(page);
        } catch (err) {
          await page.screenshot({ path: join(SHOTS, `${size.width}-${v.name}-not-ready.png`), fullPage: true });
          problems.push(`${label}: the page did not show its content: ${(err as Error).message.split('\n')[0]}`);
          continue;
        }
        await shoot(page, `${size.width}-${v.name}`);
        for (const m of await reflowProblems(page)) problems.push(`${label}: ${m}`);
        for (const [name, target] of v.targets?.(page) ?? []) for (const m of await targetProblems(page, name, target)) problems.push(`${label}: ${m}`);
        await expectNoAxeViolations(page, label).catch((err: Error) => problems.push(err.message));
        if (v.textSpacing) {
          const style = await page.addStyleTag({ content: TEXT_SPACING });
          await shoot(page, `${size.width}-${v.name}-text-spacing`);
          for (const m of await reflowProblems(page)) problems.push(`${label} with text spacing: ${m}`);
          await style.evaluate((el) => (el as HTMLElement).remove());
        }
        if (process.env.REFLOW_LOG) console.log(`${label}: ${Date.now() - started} ms\n  ${problems.slice(from).join('\n  ')}`);
      }
      await page.context().close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it("folds the project's sections behind a button on a narrow screen, by keyboard too", async () => {
    const lead = await signUp(e2e.server.url, 'Nadia Lead');
    const pid = await projectWith(lead, [], 'Peer support after resettlement');
    const page = await e2e.pageAs(lead, { viewport: { width: 320, height: 640 } });
    await page.goto(`/projects/${pid}`);
    const h1 = page.getByRole('heading', { level: 1, name: 'Peer support after resettlement' });
    await h1.waitFor();
    const nav = page.getByRole('navigation', { name: 'Project' });
    const toggle = nav.getByRole('button', { name: 'Project sections' });
    const records = nav.getByRole('link', { name: 'Records', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await records.isVisible()).toBe(false);
    expect(await targetProblems(page, 'Project menu button', toggle)).toEqual([]);
    // Folded, the sections take one row, and the page's own heading is on the first screen.
    expect((await nav.boundingBox())!.height).toBeLessThan(80);
    expect((await h1.boundingBox())!.y).toBeLessThan(640 - 100);
    await page.screenshot({ path: join(SHOTS, 'nav-folded.png') });

    // Enter opens it; Escape folds it and leaves focus on the button.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded'), POLL).toBe('true');
    await records.waitFor();
    await page.screenshot({ path: join(SHOTS, 'nav-open.png'), fullPage: true });
    await expectNoAxeViolations(page, 'project navigation open at 320 px');
    expect(await reflowProblems(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => records.isVisible(), POLL).toBe(false);
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    // Following a link goes there and folds the list again.
    await toggle.click();
    await records.click();
    await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await records.isVisible()).toBe(false);

    // On a wide screen there is no button: the links are always there, as before.
    await page.setViewportSize({ width: 1280, height: 900 });
    await records.waitFor();
    expect(await toggle.isVisible()).toBe(false);
  });
});
