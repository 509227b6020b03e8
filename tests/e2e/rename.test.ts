/**
 * End to end: a co-researcher changes her display name to a pseudonym on /account. The header
 * follows without a reload, a comment she wrote before shows the new name (to her and to the
 * lead), and a comment she posts afterwards, in the same page session, is signed with it. The
 * account page is checked with axe (WCAG 2.2 A/AA) as it opens, with an error, and once saved.
 * Needs the built client (`npx vite build`) and /usr/bin/chromium. Screenshots go to $SHOTS or /tmp/coreview-shots.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as W from '../../shared/workspace';
import { expectNoAxeViolations } from '../helpers/browser';
import { POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';

const e2e = useE2E();
const SHOTS = shotsDir('rename');

// Names inside translated sentences sit in invisible bidi isolates, hence \W* around them.
const header = (page: Page) => page.getByTestId('header-user');
const themeComments = (page: Page) => page.locator('[data-testid=theme-node][data-name="Belonging"]');
const authors = (page: Page) => themeComments(page).locator('.syn-comment-meta strong').allTextContents();

describe('display name: a pseudonym shows everywhere', { timeout: 120_000 }, () => {
  it('renames on /account, the header follows, old and new comments show the new name', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const cora = await signUp(e2e.server.url, 'Cora Real-Name');
    const pid = await projectWith(lead, [{ client: cora, role: 'co_researcher' }], 'Peer support review');
    const ws = e2e.track(await connectDoc(lead, `p/${pid}/workspace`));
    const cws = e2e.track(await connectDoc(cora, `p/${pid}/workspace`));
    await Promise.all([synced(ws), synced(cws)]);
    const target: W.CommentTarget = { kind: 'theme', themeId: W.createTheme(ws.doc, { name: 'Belonging', kind: 'descriptive' }, lead.user.id) };
    W.addComment(cws.doc, target, 'Written before the rename.', { id: cora.user.id, name: 'Cora Real-Name' });
    await eventually(() => W.thread(ws.doc, target).length === 1, 5000, 'earlier comment stored');

    const c = await e2e.pageFor(cora.user.email);
    await c.goto('/account');
    await c.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await header(c).getByText(/^Signed in as\W*Cora Real-Name\W*$/).waitFor();
    const field = c.getByRole('textbox', { name: 'Display name' });
    expect(await field.inputValue()).toBe('Cora Real-Name');
    // The hint saying who sees the name is the field's description.
    const hintId = (await field.getAttribute('aria-describedby'))!.split(' ')[0]!;
    expect(await c.locator(`[id="${hintId}"]`).textContent()).toMatch(/You can use a pseudonym/);
    await expectNoAxeViolations(c, 'account');

    // A blank name is refused next to the field, and focus goes there.
    await field.fill('   ');
    await c.getByRole('button', { name: 'Save display name' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid'), POLL).toBe('true');
    expect(await c.evaluate(() => document.activeElement?.id)).toBe('display-name');
    await expectNoAxeViolations(c, 'account, name missing');

    await field.fill('Kestrel');
    await c.getByRole('button', { name: 'Save display name' }).click();
    await c.getByRole('status').filter({ hasText: /Saved\. You now appear as\W*Kestrel/ }).waitFor();
    await header(c).getByText(/^Signed in as\W*Kestrel\W*$/).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await expectNoAxeViolations(c, 'account, name saved');
    await c.screenshot({ path: join(SHOTS, '01-account-saved.png'), fullPage: true });

    // On to the themes by links (no reload): the earlier comment shows the new name.
    await c.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await c.getByRole('link', { name: 'Peer support review' }).click();
    await c.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Synthesis' }).click();
    await c.getByRole('navigation', { name: 'Synthesis' }).getByRole('link', { name: 'Themes', exact: true }).click();
    await c.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
    await themeComments(c).locator('summary', { hasText: 'Comments (1)' }).first().click();
    await themeComments(c).getByText('Written before the rename.', { exact: true }).waitFor();
    expect(await authors(c)).toEqual(['Kestrel']);

    // A new comment from this page is signed with the new name, so the server accepts it.
    await themeComments(c).getByLabel(/Your comment on\W*Belonging/).fill('Written after the rename.');
    await themeComments(c).getByRole('button', { name: 'Post comment' }).click();
    await eventually(() => W.thread(ws.doc, target).some((x) => x.text === 'Written after the rename.' && x.authorName === 'Kestrel'), 10_000, 'new comment stored');
    await expect.poll(() => authors(c), POLL).toEqual(['Kestrel', 'Kestrel']);

    // The lead sees both under the new name (from the members list), never the old one.
    const l = await e2e.pageFor(lead.user.email);
    await l.goto(`/projects/${pid}/synthesis/themes`);
    await l.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
    await themeComments(l).locator('summary', { hasText: 'Comments (2)' }).first().click();
    await themeComments(l).getByText('Written before the rename.', { exact: true }).waitFor();
    await expect.poll(() => authors(l), POLL).toEqual(['Kestrel', 'Kestrel']);
    expect(await themeComments(l).textContent()).not.toContain('Cora Real-Name');
  });
});
