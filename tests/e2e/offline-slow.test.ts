/**
 * End to end: a very poor connection, one that neither fails nor answers. The service worker's
 * network-first reads give up waiting after a few seconds and show the last good answer; the slow
 * answer still updates the stored copy when it arrives. With nothing stored, the worker keeps
 * waiting for the network rather than giving up. The delay is applied to the worker's own requests
 * with context.route (Chromium routes service-worker fetches through the context), so the server
 * and the app are the real ones. Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser';
import { useE2E } from '../helpers/e2e';
import { signUp } from '../helpers/http';
import { apiKeys, controlled, storedBody } from '../helpers/offline';
import { eventually } from '../helpers/sync';

const e2e = useE2E();

/** The worker's timeout (NETWORK_TIMEOUT_MS in client/public/sw.js) plus room for a busy test machine. */
const SHOWN_WITHIN_MS = 3000 + 4000;
/** How late the "very slow" answers arrive: well after the stored copy must have been shown. */
const SLOW_MS = 12_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('network-first reads on a very slow connection', { timeout: 120_000 }, () => {
  it('shows the stored answer after the timeout, and stores the late answer when it comes', async () => {
    const rev = await signUp(e2e.server.url, 'Sol Slowline');
    expect((await rev.post('/api/projects', { title: 'First review' })).status).toBe(201);
    const page = await e2e.pageFor(rev.user.email);
    await page.goto('/projects');
    await page.getByRole('link', { name: 'First review' }).waitFor();
    await controlled(page);
    await eventually(async () => (await apiKeys(page)).includes('/api/projects'), 10_000, '/api/projects in the cache');

    // The server now knows a second project; the stored answer does not.
    expect((await rev.post('/api/projects', { title: 'Second review' })).status).toBe(201);
    const context = page.context();
    let delayed = 0;
    const slow = async (route: Route) => {
      delayed++;
      await sleep(SLOW_MS);
      await route.continue().catch(() => {}); // the page may be gone by then
    };
    await context.route('**/api/projects', slow);

    const started = Date.now();
    await page.reload({ waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: 'Your projects' }).waitFor();
    await page.getByRole('link', { name: 'First review' }).waitFor({ timeout: SHOWN_WITHIN_MS });
    const shownAfter = Date.now() - started;
    expect(delayed).toBeGreaterThan(0); // the worker did ask the network, which was slow
    expect(shownAfter).toBeLessThan(SHOWN_WITHIN_MS);
    expect(shownAfter).toBeGreaterThanOrEqual(2500); // and it did wait for the network first
    expect(await page.getByRole('link', { name: 'Second review' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'projects page from the stored answer');

    // The slow answer arrives later and replaces the stored copy.
    await eventually(async () => (await storedBody(page, '/api/projects'))?.includes('Second review') ?? false, SLOW_MS + 5000, 'the late answer stored');
    await context.unroute('**/api/projects', slow);
    await page.reload();
    await page.getByRole('link', { name: 'Second review' }).waitFor();
  });

  it('keeps waiting for the network when nothing is stored', async () => {
    const rev = await signUp(e2e.server.url, 'Pat Patient');
    const pid = (await rev.post('/api/projects', { title: 'Never opened' })).body.project.id as string;
    const page = await e2e.pageFor(rev.user.email);
    await page.goto('/projects');
    await page.getByRole('heading', { level: 1, name: 'Your projects' }).waitFor();
    await controlled(page);
    const path = `/api/projects/${pid}`;
    expect(await apiKeys(page)).not.toContain(path);

    const late = 5000;
    await page.context().route(`**${path}`, async (route) => {
      await sleep(late);
      await route.continue();
    });
    // Read through the worker (a fetch from a controlled page), past its timeout.
    const res = await page.evaluate(async (p) => {
      const t0 = performance.now();
      const r = await fetch(p, { headers: { accept: 'application/json' } });
      return { status: r.status, ms: performance.now() - t0, offline: r.headers.get('x-coreview-offline'), body: await r.json() };
    }, path);
    expect(res.status).toBe(200);
    expect(res.offline).toBeNull();
    expect(res.ms).toBeGreaterThanOrEqual(late - 100);
    expect(res.body.project.title).toBe('Never opened');
    // The answer was stored as usual, so the next slow read has something to show.
    await eventually(async () => (await apiKeys(page)).includes(path), 5000, 'the answer stored');
  });
});
