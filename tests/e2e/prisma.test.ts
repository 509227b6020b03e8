/**
 * End to end, issue 6: the PRISMA 2020 SVG served to a signed-in lead is rendered by headless
 * Chromium; the screenshot (kept in /tmp/coreview-shots/prisma, path printed) must be a drawn diagram, not a blank
 * page, and its numbers must be links. Needs /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { shotsDir } from '../helpers/e2e';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';
import { blankRecord, insertImport } from '../../server/records/store';
import { listDecisions } from '../../server/screening/repo';

let server: TestServer;
let browser: Browser;
const open: SyncClient[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await browser?.close();
  await server?.close();
});

function importSource(pid: string, userId: string, source: string, titles: number, dupOf: string[] = []): string[] {
  return server.db.transaction(() =>
    insertImport(server.db, {
      projectId: pid, userId, source, format: 'ris', filename: null, encoding: 'utf-8', problems: [],
      records: [
        ...dupOf.map((of, i) => ({ record: blankRecord(`${source} duplicate ${i + 1}`), duplicate: { of, reason: 'doi' as const, score: 1 } })),
        ...Array.from({ length: titles }, (_, i) => ({ record: blankRecord(`${source} record ${i + 1}`), duplicate: null })),
      ],
    }),
  )().ids;
}

describe('PRISMA SVG in Chromium', { timeout: 60_000 }, () => {
  it('renders the live flow as a non-blank diagram with linked numbers', async () => {
    const lead = await signUp(server.url, 'Lead');
    const revs = [await signUp(server.url, 'Alice'), await signUp(server.url, 'Bob')];
    const pid = await projectWith(lead, revs.map((client) => ({ client, role: 'reviewer' })), 'Peer support for refugees');
    const medline = importSource(pid, lead.user.id, 'MEDLINE', 12);
    const embase = importSource(pid, lead.user.id, 'Embase', 7, medline.slice(0, 3));
    const primaries = [...medline, ...embase.slice(3)];

    // Both reviewers agree: every third record excluded at title/abstract; at full text, some excluded with reasons.
    const docs = await Promise.all(revs.map((r) => connectDoc(r, `p/${pid}/u/${r.user.id}`)));
    open.push(...docs);
    await Promise.all(docs.map((d) => synced(d)));
    const write = async (stage: 'ta' | 'ft', plan: [string, { decision: string; reasons: string[] }][]) => {
      for (const d of docs) d.doc.transact(() => plan.forEach(([rid, v]) => d.doc.getMap(`decisions:${stage}`).set(rid, { ...v, note: '', at: new Date().toISOString() })));
      await eventually(() => listDecisions(server.db, pid, stage).length === plan.length * 2, 5000, `${stage} projected`);
    };
    await write('ta', primaries.map((rid, i) => [rid, { decision: i % 3 === 0 ? 'exclude' : 'include', reasons: [] }]));
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const ft = primaries.filter((_, i) => i % 3 !== 0);
    const reasons = ['Wrong study design', 'Wrong setting', 'Full text unavailable'];
    await write('ft', ft.map((rid, i) => [rid, i % 2 ? { decision: 'exclude', reasons: [reasons[i % 3]!] } : { decision: 'include', reasons: [] }]));
    const patch = await lead.patch(`/api/projects/${pid}/prisma`, {
      registers: [{ source: 'ClinicalTrials.gov', n: 0 }],
      otherMethods: { identified: [{ source: 'Citation searching', n: 4 }], sought: 4, notRetrieved: 1, assessed: 3, excludedReports: [{ reason: 'Wrong setting', n: 2 }] },
    });
    expect(patch.status).toBe(200);
    const flow = await lead.get(`/api/projects/${pid}/prisma.json`);
    expect(flow.status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, bypassCSP: true });
    const [name, value] = lead.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/api/projects/${pid}/prisma.svg`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    // The browser parsed it as SVG: an <svg> root, its title, and numbers wrapped in links.
    const dom = await page.evaluate(() => ({
      root: document.documentElement.tagName,
      title: document.querySelector('title')?.textContent ?? '',
      links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      text: document.documentElement.textContent ?? '',
    }));
    expect(dom.root).toBe('svg');
    expect(dom.title).toContain('Peer support for refugees');
    expect(dom.links.length).toBeGreaterThan(10);
    expect(dom.links.every((h) => h?.startsWith(`/projects/${pid}/prisma/records?count=`))).toBe(true);
    expect(dom.text).toContain(`Records screened (n = ${flow.body.counts.screened})`);
    expect(dom.text).toContain('Citation searching');

    // A standalone SVG document has no scrolling body for a full-page capture: size the viewport to the drawing.
    const size = await page.evaluate(() => ({ width: Number(document.documentElement.getAttribute('width')), height: Number(document.documentElement.getAttribute('height')) }));
    await page.setViewportSize({ width: Math.ceil(size.width), height: Math.ceil(size.height) });
    const shot = await page.screenshot();
    const dir = shotsDir('prisma');
    const file = join(dir, 'prisma.png');
    writeFileSync(file, shot);
    console.log(`PRISMA screenshot: ${file}`);

    // Non-blank: draw the screenshot on a canvas and count the pixels that are not (near) white.
    const blank = await context.newPage();
    const stats = await blank.evaluate(async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      let ink = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) ink++;
        colours.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
      }
      return { width: img.width, height: img.height, ink, colours: colours.size };
    }, shot.toString('base64'));
    expect(stats.width).toBeGreaterThan(600);
    expect(stats.height).toBeGreaterThan(600);
    expect(stats.ink).toBeGreaterThan(stats.width * stats.height * 0.02);
    expect(stats.colours).toBeGreaterThan(8);
    await context.close();
  });
});
