/**
 * End to end: a long queue (6,000 records, 30 pages) is not fetched whole. The screen page loads a
 * window of pages ahead of the reviewer and moves it as they go, so a 90,000-record review does not
 * cost minutes of the server's time and hundreds of megabytes in the tab. (Queues of up to 5,000
 * records are still fetched whole; offline.test.ts screens one.) Checked with axe.
 * Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser';
import { POLL, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { settle } from '../helpers/sync';

const e2e = useE2E();
const PAGE = 200;

describe('screening a long queue', { timeout: 120_000 }, () => {
  it('fetches a window of pages ahead of the reviewer and moves it along', async () => {
    const lead = await signUp(e2e.server.url, 'Lina Lead');
    const rev = await signUp(e2e.server.url, 'Remi Reviewer');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }], 'A large search');
    seedRecords(e2e.server.db, pid, lead.user.id, 6000);

    const page = await e2e.pageFor(rev.user.email);
    const cursors = new Set<number>();
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname === `/api/projects/${pid}/records` && url.searchParams.get('stage') === 'ta') cursors.add(Number(url.searchParams.get('cursor')));
    });
    await page.goto(`/projects/${pid}/screen/ta`);
    await page.locator('#record-title', { hasText: 'Record 1: experiences of peer support' }).waitFor();
    await page.getByText('You have screened 0 of 6,000 records').waitFor();
    await expectNoAxeViolations(page, 'screen page, long queue');

    // The page holding record 1 and the ten after it: records 1 to 2,200.
    const window = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => (from + i) * PAGE);
    await expect.poll(() => [...cursors].sort((a, b) => a - b), POLL).toEqual(window(0, 10));
    await settle(500);
    expect([...cursors].sort((a, b) => a - b)).toEqual(window(0, 10));

    // Two hundred records on (j skips ahead), the reviewer is on page 2: one more page comes in.
    for (let i = 0; i < PAGE; i++) await page.keyboard.press('j');
    await page.locator('#record-title', { hasText: `Record ${PAGE + 1}: experiences of peer support` }).waitFor();
    await expect.poll(() => [...cursors].sort((a, b) => a - b), POLL).toEqual(window(0, 11));
    await expectNoAxeViolations(page, 'screen page, long queue, record 201');
  });
});
