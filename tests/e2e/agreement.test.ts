/**
 * End to end, issue 6: two reviewers screen through real sync clients; a reviewer sees the agreement
 * page blinded, then the pilot figures once the lead opens the pilot; the lead reads the agreement
 * page (figures equal the API's, category toggle, drift chart, live update when a decision changes),
 * opens the PRISMA page, downloads the SVG and a PNG made in the browser, saves a lead-entered number,
 * follows a number's link (by keyboard) to its records and pages through them. Every page is checked
 * with axe, and a screenshot of each is kept (paths printed) for a person to look at.
 * Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AgreementReport, PilotAgreementReport, PairFigures } from '../../shared/agreement/report';
import type { PrismaReport } from '../../shared/prisma/report';
import { expectNoAxeViolations } from '../helpers/browser';
import { holdAnswers, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp, type Client } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';

type User = Client & { user: { id: string; name: string } };
const e2e = useE2E();
const shots = shotsDir('agreement');

/** Axe, then a full-page screenshot whose path is printed. */
async function check(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  const file = join(shots, `${label.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot (${label}): ${file}`);
}

/** Text without the invisible bidi isolates translated sentences put around inserted values. */
const plain = (s: string | null) => (s ?? '').replace(/[\u2068\u2069]/g, '');
const coef = (x: number | null) => (x === null ? 'not defined' : new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x));
const pct = (x: number | null) => (x === null ? 'not defined' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(x));
const se = (x: number | null) => (x === null ? 'not defined' : new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(x));

/** The figures column the page should show for one pair and category set. */
function shown(p: PairFigures, cats: 'two' | 'three'): Record<string, string> {
  const f = p[cats];
  return {
    n: String(f.n),
    percent: pct(f.percentAgreement),
    kappa: coef(f.cohen.kappa),
    se: se(f.cohen.se),
    // kappa lives in [−1, 1]: the page holds the Wald bounds there (this pilot's upper one passes 1)
    ci: f.cohen.ci95 ? `${coef(Math.max(-1, f.cohen.ci95[0]))} to ${coef(Math.min(1, f.cohen.ci95[1]))}` : 'not defined',
    pabak: coef(f.pabak),
    ac1: coef(f.gwetAC1),
    pi: coef(f.scottPi),
  };
}

/** Column `col` (0 = first moment) of the figures table in the `index`-th pair section inside `scope`. */
async function column(page: Page, scope: string, index: number, col: number): Promise<Record<string, string>> {
  const rows = page.locator(`${scope} [data-testid=pair]`).nth(index).locator('[data-testid=pair-figures] tbody tr');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    const stat = (await row.getAttribute('data-stat'))!;
    out[stat] = plain(await row.locator('td').nth(col).textContent());
  }
  return out;
}

/** Writes decisions through a reviewer's sync client and waits until the e2e.server projected them. */
async function decide(pid: string, sc: SyncClient, who: User, stage: 'ta' | 'ft', plan: [string, string, string[]?][]): Promise<void> {
  const map = sc.doc.getMap(`decisions:${stage}`);
  sc.doc.transact(() => plan.forEach(([rid, d, reasons]) => map.set(rid, { decision: d, reasons: reasons ?? [], note: '', at: new Date().toISOString() })));
  await eventually(() => {
    const rows = listDecisions(e2e.server.db, pid, stage).filter((r) => r.userId === who.user.id);
    return plan.every(([rid, d]) => rows.some((r) => r.recordId === rid && r.decision === d));
  }, 5000, `${who.user.name}'s ${stage} decisions projected`);
}

describe('agreement and PRISMA pages', { timeout: 120_000 }, () => {
  it('show the API’s figures live, keep blinding, and link every PRISMA number to its records', async () => {
    const lead = (await signUp(e2e.server.url, 'Lena Lead')) as User;
    const alice = (await signUp(e2e.server.url, 'Alice Reviewer')) as User;
    const bob = (await signUp(e2e.server.url, 'Bob Reviewer')) as User;
    const pid = await projectWith(lead, [alice, bob].map((client) => ({ client, role: 'reviewer' })), 'Peer support for refugees');
    expect((await lead.patch(`/api/projects/${pid}`, { pilotSize: 6 })).status).toBe(200);
    const ids = seedRecords(e2e.server.db, pid, lead.user.id, 60);
    const [aDoc, bDoc] = [await connectDoc(alice, `p/${pid}/u/${alice.user.id}`), await connectDoc(bob, `p/${pid}/u/${bob.user.id}`)];
    e2e.track(aDoc);
    e2e.track(bDoc);
    await Promise.all([synced(aDoc), synced(bDoc)]);

    // Title/abstract: most records excluded, as in real reviews; Bob differs now and then.
    const aliceTa = ids.map((id, i): [string, string] => [id, i % 4 === 0 ? 'include' : 'exclude']);
    const bobTa = aliceTa.map(([id, d], i): [string, string] => [id, i % 9 === 4 ? (d === 'include' ? 'exclude' : 'include') : i % 13 === 6 ? 'maybe' : d]);
    await decide(pid, aDoc, alice, 'ta', aliceTa);
    await decide(pid, bDoc, bob, 'ta', bobTa);

    // A screening reviewer sees a calm explanation and nothing else; no Agreement link in the nav.
    const rev = await e2e.pageAs(alice);
    await rev.goto(`/projects/${pid}/agreement`);
    await rev.getByRole('heading', { level: 2, name: 'These figures are still hidden' }).waitFor();
    expect(await rev.locator('table').count()).toBe(0);
    expect(await rev.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Agreement', exact: true }).count()).toBe(0);
    await check(rev, 'agreement-blinded-reviewer');

    // The lead opens the pilot: the reviewer's open page shows the pilot's figures (and only those), live.
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind?scope=pilot`)).status).toBe(200);
    const pilotApi = (await alice.get<PilotAgreementReport>(`/api/projects/${pid}/agreement?stage=ta&scope=pilot`)).body;
    expect(pilotApi.pilot.now.pairs[0]!.two.n).toBe(6);
    await rev.locator('[data-testid=pilot] [data-testid=pair]').waitFor();
    expect(await column(rev, '[data-testid=pilot]', 0, 0)).toEqual(shown(pilotApi.pilot.atUnblinding!.pairs[0]!, 'two'));
    expect(await column(rev, '[data-testid=pilot]', 0, 1)).toEqual(shown(pilotApi.pilot.now.pairs[0]!, 'two'));
    expect(await rev.locator('[data-testid=drift-chart]').count()).toBe(0);
    await rev.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Agreement', exact: true }).waitFor();
    await check(rev, 'agreement-pilot-only-reviewer');

    // Unblind the stage, settle all but one disagreement, and screen the full texts.
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const conflicts = (await lead.get(`/api/projects/${pid}/conflicts?stage=ta`)).body.conflicts as { recordId: string }[];
    expect(conflicts.length).toBeGreaterThan(2);
    for (const [k, c] of conflicts.slice(1).entries()) {
      expect((await lead.post(`/api/projects/${pid}/conflicts/ta/${c.recordId}/resolve`, { decision: k % 2 ? 'include' : 'exclude', reason: 'Discussed' })).status).toBe(200);
    }
    const prismaBefore = (await lead.get<PrismaReport>(`/api/projects/${pid}/prisma.json`)).body;
    const sought = prismaBefore.boxes.flatMap((b) => b.lines).find((l) => l.countId === 'sought')!.n!;
    expect(sought).toBeGreaterThan(5);
    const ftIds = (await lead.get(`/api/projects/${pid}/prisma/records?count=sought&limit=1000`)).body.records.map((r: { id: string }) => r.id) as string[];
    const ftPlan = ftIds.map((id, j): [string, string, string[]] =>
      j % 3 === 0 ? [id, 'exclude', ['Wrong study design']] : j % 3 === 1 ? [id, 'include', []] : [id, 'exclude', ['Full text unavailable']]);
    await decide(pid, aDoc, alice, 'ft', ftPlan);
    await decide(pid, bDoc, bob, 'ft', ftPlan);

    // The lead's agreement page: the API's figures, both category sets, the pilot, the drift chart.
    const page = await e2e.pageAs(lead);
    await page.goto(`/projects/${pid}`);
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Agreement', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Agreement: \W*Title and abstract\W*$/ }).waitFor();
    await page.locator('.agreement > [data-testid=pair]').first().waitFor();
    let api = (await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`)).body;
    const stage = '.agreement > ';
    expect(await column(page, stage, 0, 0)).toEqual(shown(api.atUnblinding!.pairs[0]!, 'two'));
    expect(await column(page, stage, 0, 1)).toEqual(shown(api.now.pairs[0]!, 'two'));
    const cells = await page.locator(`${stage} [data-testid=pair]`).first().locator('[data-testid=contingency]').last().locator('tbody td').allTextContents();
    const t2 = api.now.pairs[0]!.two.table;
    expect(cells.map(Number)).toEqual([t2[0]![0], t2[0]![1], t2[0]![0]! + t2[0]![1]!, t2[1]![0], t2[1]![1], t2[1]![0]! + t2[1]![1]!, t2[0]![0]! + t2[1]![0]!, t2[0]![1]! + t2[1]![1]!, api.now.pairs[0]!.two.n]);
    await page.getByLabel('Include, exclude or maybe').check();
    expect(await column(page, stage, 0, 1)).toEqual(shown(api.now.pairs[0]!, 'three'));
    expect(await page.locator(`${stage} [data-testid=pair] [data-testid=contingency]`).last().locator('tbody tr').count()).toBe(4);
    await page.getByLabel(/^Include or exclude/).check();
    const chart = page.locator('[data-testid=drift-chart]').first();
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('desc').textContent()).toMatch(/3 batches/);
    expect(await page.locator('[data-testid=drift-table] tbody tr').count()).toBe(api.drift.pairs[0]!.two.length);
    expect(await column(page, '[data-testid=pilot]', 0, 1)).toEqual(shown(api.pilot!.now.pairs[0]!, 'two'));
    expect(await page.getByRole('link', { name: 'Download all figures (CSV)' }).getAttribute('href')).toBe(`/api/projects/${pid}/agreement?stage=ta&format=csv`);
    await page.getByText('Why kappa can look low').waitFor();
    await page.locator('[data-testid=drift-table]').first().locator('xpath=ancestor::details').locator('summary').click();
    await check(page, 'agreement-lead');

    // Live: Bob changes his mind on an agreed include; the page follows without a reload.
    const agreedInclude = aliceTa.find(([id, d], i) => d === 'include' && bobTa[i]![1] === 'include')![0];
    await decide(pid, bDoc, bob, 'ta', [[agreedInclude, 'exclude']]);
    api = (await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`)).body;
    const want = shown(api.now.pairs[0]!, 'two');
    await eventually(async () => JSON.stringify(await column(page, stage, 0, 1)) === JSON.stringify(want), 8000, 'live agreement on the page');
    expect(await column(page, stage, 0, 0)).toEqual(shown(api.atUnblinding!.pairs[0]!, 'two'));

    // Full text tab.
    await page.getByRole('link', { name: 'Full text' }).click();
    await page.getByRole('heading', { level: 1, name: /^Agreement: \W*Full text\W*$/ }).waitFor();
    const ftApi = (await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ft`)).body;
    await page.locator('.agreement > [data-testid=pair]').first().waitFor();
    expect(await column(page, stage, 0, 0)).toEqual(shown(ftApi.now.pairs[0]!, 'two'));
    await check(page, 'agreement-ft-lead');

    // PRISMA: the diagram inline with working links, notices, downloads.
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'PRISMA flow' }).click();
    await page.getByRole('heading', { level: 1, name: 'PRISMA 2020 flow diagram' }).waitFor();
    const links = page.locator('[data-testid=prisma-diagram] svg a');
    await links.first().waitFor();
    const flow = (await lead.get<PrismaReport>(`/api/projects/${pid}/prisma.json`)).body;
    const hrefs = flow.boxes.flatMap((b) => b.lines).filter((l) => l.href).map((l) => l.href);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(hrefs);
    expect(await page.locator('[data-testid=prisma-diagram] script, [data-testid=prisma-diagram] foreignObject').count()).toBe(0);
    // One disagreement left open on purpose, one from Bob's later change of mind.
    expect(flow.unsettled.ta).toEqual({ pending: 0, conflict: 2 });
    expect(plain(await page.getByTestId('unsettled').textContent())).toContain('Title and abstract: 0 records waiting for decisions, 2 disagreements open.');
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toBe('prisma-2020-flow.svg');
    const svgText = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svgText).toContain('<svg');
    expect(svgText).toContain(`Records screened (n = <a href="/projects/${pid}/prisma/records?count=screened"`);
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
    expect(pngDownload.suggestedFilename()).toBe('prisma-2020-flow.png');
    const png = readFileSync((await pngDownload.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // IHDR width: twice the drawing's width
    await page.getByText('The PNG image has been downloaded.').waitFor();
    await check(page, 'prisma-lead');

    // The lead enters a number Coreview cannot know; the diagram and the problems follow.
    await page.getByLabel('Records removed before screening for other reasons').fill('2');
    await page.getByRole('button', { name: 'Save numbers' }).click();
    await page.getByText('Saved. The diagram now uses these numbers.').waitFor();
    // The drawing wraps long lines: read the whole "removed before screening" box.
    await page.locator('[data-testid=prisma-diagram] svg g#prisma-removed', { hasText: /other reasons\s*\(n = 2\)/ }).waitFor();
    // The problems come with the report, fetched apart from the drawing: the old list may still show.
    await expect
      .poll(async () => plain(await page.getByTestId('problems').textContent()), POLL)
      .toContain('Records screened (60) should equal records identified (60) minus records removed before screening (2).');
    expect((await lead.get(`/api/projects/${pid}/prisma`)).body.manual.removedOther).toBe(2);
    await check(page, 'prisma-lead-after-save');

    // Keyboard: Tab to the "Records screened" number in the drawing, follow it with Enter.
    const target = `/projects/${pid}/prisma/records?count=screened`;
    await page.locator('h1').focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((h) => document.activeElement?.getAttribute('href') === h && document.activeElement?.namespaceURI === 'http://www.w3.org/2000/svg', target);
    }
    expect(reached).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Records screened: 60. Show these records.');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${target}`);
    await page.getByRole('heading', { level: 1, name: 'Records screened' }).waitFor();
    const firstPage = (await lead.get(`/api/projects/${pid}/prisma/records?count=screened&limit=50`)).body;
    // The heading renders before the rows arrive: wait for the table's caption, then compare.
    await page.locator('[data-testid=prisma-records] caption', { hasText: 'Records 1 to 50 of 60' }).waitFor();
    expect(await page.locator('[data-testid=prisma-records] tbody th').allTextContents()).toEqual(firstPage.records.map((r: { title: string }) => r.title));
    expect(await page.locator('[data-testid=prisma-records] caption').textContent()).toBe('Records 1 to 50 of 60');
    await check(page, 'prisma-records-screened');
    // Hold the next page's answer: until it comes, rows 1 to 50 stay, and everything said about them
    // (caption, announced range, row numbers, pager) must still be about rows 1 to 50, not the new cursor.
    const next = await holdAnswers(page, '**/api/projects/*/prisma/records?*');
    await page.getByRole('link', { name: 'Next 10' }).click();
    await page.waitForURL(/[?&]cursor=50\b/);
    await expect.poll(next.held, POLL).toBe(1);
    const table = page.getByTestId('prisma-records');
    await page.locator('[data-testid=prisma-records][aria-busy=true]').waitFor();
    expect(await table.locator('caption').textContent()).toBe('Records 1 to 50 of 60');
    expect(await page.locator('p.visually-hidden[role=status]').textContent()).toBe('Records 1 to 50 of 60');
    expect(await table.locator('tbody tr').count()).toBe(50);
    expect(await table.locator('tbody td:first-child').first().textContent()).toBe('1');
    expect(await page.getByRole('link', { name: 'Previous 50' }).count()).toBe(0);
    await check(page, 'prisma-records-next-loading');
    next.release();
    await page.locator('[data-testid=prisma-records] caption', { hasText: 'Records 51 to 60 of 60' }).waitFor();
    await next.stop();
    expect(await page.locator('[data-testid=prisma-records] tbody tr').count()).toBe(10);
    expect(await table.locator('tbody td:first-child').first().textContent()).toBe('51');
    await page.getByRole('link', { name: 'Previous 50' }).waitFor();
    await check(page, 'prisma-records-page-2');

    // A per-reason number from the list version of the diagram.
    await page.getByRole('link', { name: 'Back to the PRISMA diagram' }).click();
    await page.getByText('The diagram as a list').click();
    await page.getByTestId('prisma-list').getByRole('link', { name: /Wrong study design/ }).click();
    await page.getByRole('heading', { level: 1, name: /Reports excluded: \W*Wrong study design/ }).waitFor();
    const reason = (await lead.get(`/api/projects/${pid}/prisma/records?count=excludedReports&item=Wrong%20study%20design`)).body;
    // As above, the heading comes before the rows: wait for this list's own caption.
    await page.locator('[data-testid=prisma-records] caption', { hasText: `Records 1 to ${reason.total} of ${reason.total}` }).waitFor();
    expect(await page.locator('[data-testid=prisma-records] tbody tr').count()).toBe(reason.total);
    await check(page, 'prisma-records-reason');

    // Right-to-left layout (the pseudo-locale): the same pages stay readable and pass axe.
    await page.goto(`/projects/${pid}/agreement/ta?locale=en-XB`);
    await page.locator('.agreement > [data-testid=pair]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await check(page, 'agreement-rtl');
    await page.goto(`/projects/${pid}/prisma`);
    await page.locator('[data-testid=prisma-diagram] svg a').first().waitFor();
    await check(page, 'prisma-rtl');

    // The reviewer: 'ft' is still blind for them, so the PRISMA page explains and shows nothing.
    await rev.goto(`/projects/${pid}/prisma`);
    await rev.getByRole('heading', { level: 2, name: 'The flow diagram is still hidden' }).waitFor();
    expect(await rev.locator('svg a').count()).toBe(0);
    await check(rev, 'prisma-blinded-reviewer');
  });

  it('places only allow-listed SVG inline: a tampered diagram cannot run code or link away', async () => {
    const lead = (await signUp(e2e.server.url, 'Lena Lead')) as User;
    const pid = await projectWith(lead, [], 'Sanitizer check');
    const hostile = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="200" viewBox="0 0 400 200" onload="window.__pwned=1">
<title id="prisma-title">Tampered</title>
<script>window.__pwned = 2</script>
<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="window.__pwned=3"/></div></foreignObject>
<a href="javascript:window.__pwned=4"><text x="5" y="20">js link</text></a>
<a xlink:href="https://evil.example/"><text x="5" y="40">external link</text></a>
<a href="//evil.example/x"><text x="5" y="60">protocol-relative link</text></a>
<a href="/projects/${pid}/prisma/records?count=screened"><text x="5" y="80">own link</text></a>
<rect x="0" y="100" width="10" height="10" fill="url(https://evil.example/f)" style="fill:red"/>
<image href="https://evil.example/i.png" width="5" height="5"/>
<text x="5" y="140" onclick="window.__pwned=5">plain text</text>
</svg>`;
    const page = await e2e.pageAs(lead);
    await page.route('**/prisma.svg', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: hostile }));
    await page.goto(`/projects/${pid}/prisma`);
    const diagram = page.getByTestId('prisma-diagram');
    await diagram.locator('svg').waitFor();
    const dom = await diagram.evaluate((el) => ({
      tags: [...new Set([...el.querySelectorAll('*')].map((n) => n.localName))].sort(),
      handlers: [...el.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.name)).filter((a) => /^on|^style$|href$/i.test(a) && a !== 'href'),
      hrefs: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      fill: el.querySelector('rect')?.getAttribute('fill') ?? null,
      text: el.textContent,
    }));
    expect(dom.tags).toEqual(['a', 'g', 'rect', 'svg', 'text', 'title']);
    expect(dom.handlers).toEqual([]);
    expect(dom.hrefs).toEqual([`/projects/${pid}/prisma/records?count=screened`]);
    expect(dom.fill).toBeNull();
    // Unsafe links lose their link, not their words.
    for (const words of ['js link', 'external link', 'protocol-relative link', 'own link', 'plain text']) expect(dom.text).toContain(words);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Not an SVG at all: a plain message, and the download stays available.
    await page.unroute('**/prisma.svg');
    await page.route('**/prisma.svg', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg><unclosed' }));
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'We could not show the diagram here.' }).waitFor();
    await page.getByRole('link', { name: 'Download SVG' }).waitFor();
  });
});
