/**
 * End to end, issue 2: sign up, create a project, invite a reviewer by link, the reviewer signs up
 * through the link and lands in the project, and both see each other in the workspace presence
 * list live. Every page visited is checked with axe (WCAG 2.2 A/AA: zero violations).
 * Needs the built client (`npx vite build`) and /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return page;
}

/** Waits for the page's h1 to read `heading`, then checks the page with axe. */
async function settle(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectNoAxeViolations(page);
}

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
}

const presence = (page: Page, text: string | RegExp) => page.locator('[data-testid=presence-list] li', { hasText: text });
// Names inside translated sentences are wrapped in invisible bidi isolates (U+2068…U+2069),
// so sentences that contain a name are matched with \W* where a name starts or ends.

describe('foundation: accounts, projects, invitations, presence', { timeout: 120_000 }, () => {
  it('a lead invites a reviewer, who joins through the link, and each sees the other live', async () => {
    const lead = await newPage();

    // Signed out, the home page sends you to log in.
    await lead.goto('/');
    await lead.waitForURL('**/login');
    await settle(lead, 'Log in');

    // The skip link is the first thing the keyboard reaches, and it moves focus to the content.
    await lead.keyboard.press('Tab');
    expect(await lead.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await lead.keyboard.press('Enter');
    expect(await lead.evaluate(() => document.activeElement?.id)).toBe('main');

    // A form with problems says so, next to each field.
    await lead.goto('/signup');
    await settle(lead, 'Create an account');
    await lead.getByRole('button', { name: 'Create account' }).click();
    await lead.getByRole('alert').filter({ hasText: 'Please check the form' }).waitFor();
    expect(await lead.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    expect(await lead.evaluate(() => document.activeElement?.id)).toBe('signup-name');
    await expectNoAxeViolations(lead, 'signup with errors');

    await signUp(lead, 'Alex Lead', 'alex@example.org');
    await lead.waitForURL('**/projects');
    await settle(lead, 'Your projects');

    // Create a project; it opens in the workspace, where the lead sees themself.
    await lead.getByLabel('Project title').fill('Peer support for refugees');
    await lead.getByLabel('Review question').fill('What helps peer support work for people with refugee backgrounds?');
    await lead.getByRole('button', { name: 'Create project' }).click();
    await lead.waitForURL(/\/projects\/[^/]+$/);
    const projectPath = new URL(lead.url()).pathname;
    await settle(lead, 'Peer support for refugees');
    await presence(lead, /Alex Lead\W*\(you\)/).waitFor();
    await lead.getByText('Live: changes are shared straight away.').waitFor();
    await expectNoAxeViolations(lead, 'workspace (lead)');

    // Settings: a lead can edit and save.
    await lead.getByRole('link', { name: 'Settings' }).click();
    await settle(lead, 'Project settings');
    await lead.getByLabel('Pilot size').fill('10');
    await lead.getByRole('button', { name: 'Save settings' }).click();
    await lead.getByText('Settings saved.').waitFor();
    await expectNoAxeViolations(lead, 'settings saved');

    await lead.getByRole('link', { name: 'Members' }).click();
    await settle(lead, 'Members');
    await lead.getByRole('rowheader', { name: /Alex Lead/ }).waitFor();

    // Invite a reviewer and copy the link.
    await lead.getByRole('link', { name: 'Invite', exact: true }).click();
    await settle(lead, 'Invite someone');
    await lead.getByLabel('Reviewer', { exact: true }).check();
    await lead.getByRole('button', { name: 'Create invitation link' }).click();
    const linkInput = lead.getByLabel('Invitation link');
    await linkInput.waitFor();
    await lead.getByRole('button', { name: 'Copy link' }).click();
    await lead.getByText('Link copied.').waitFor();
    const link = await lead.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await linkInput.inputValue());
    expect(link).toMatch(/\/invite\/[^/]+$/);
    await expectNoAxeViolations(lead, 'invite link');

    // Back to the workspace to wait for the reviewer.
    await lead.getByRole('link', { name: 'Workspace' }).click();
    await settle(lead, 'Peer support for refugees');

    // The reviewer opens the link signed out, signs up there, and lands in the project.
    const reviewer = await newPage();
    await reviewer.goto(link);
    await settle(reviewer, /Join \W*Peer support for refugees/);
    await reviewer.getByText(/Alex Lead\W*invited you to join as\W*Reviewer/).waitFor();
    await signUp(reviewer, 'Bea Reviewer', 'bea@example.org');
    await reviewer.waitForURL((url) => url.pathname === projectPath);
    await settle(reviewer, 'Peer support for refugees');

    // Each sees the other, without reloading.
    await presence(reviewer, /Bea Reviewer\W*\(you\)/).waitFor();
    await presence(reviewer, 'Alex Lead').waitFor();
    await presence(lead, 'Bea Reviewer').waitFor();
    await expectNoAxeViolations(reviewer, 'workspace (reviewer)');
    await expectNoAxeViolations(lead, 'workspace (lead, with reviewer)');

    // The reviewer reads settings but cannot change them, and sees the members.
    await reviewer.getByRole('link', { name: 'Settings' }).click();
    await settle(reviewer, 'Project settings');
    await reviewer.getByText('Only leads can change these settings.').waitFor();
    expect(await reviewer.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await reviewer.getByRole('link', { name: 'Members' }).click();
    await settle(reviewer, 'Members');
    await reviewer.getByRole('rowheader', { name: /Bea Reviewer/ }).waitFor();
    expect(await reviewer.getByRole('link', { name: 'Invite', exact: true }).count()).toBe(0);

    // The lead sees where the reviewer went, still without reloading.
    await presence(lead, 'looking at members').waitFor();

    // Leaving the project pages takes the reviewer out of the presence list.
    await reviewer.getByRole('link', { name: 'Projects' }).click();
    await settle(reviewer, 'Your projects');
    await presence(lead, 'Bea Reviewer').waitFor({ state: 'detached' });

    // The reviewer comes back; the lead changes their role, then removes them. The server closes
    // the reviewer's live connection (4403) and the reviewer is told, without reloading.
    await reviewer.getByRole('link', { name: 'Peer support for refugees' }).click();
    await settle(reviewer, 'Peer support for refugees');
    await presence(reviewer, 'Alex Lead').waitFor();
    await lead.getByRole('link', { name: 'Members' }).click();
    await settle(lead, 'Members');
    await lead.getByLabel(/Role for\W*Bea Reviewer/).selectOption('co_researcher');
    await lead.getByRole('row', { name: /Bea Reviewer/ }).getByRole('button', { name: 'Change role' }).click();
    await lead.getByRole('status').filter({ hasText: /Bea Reviewer\W*is now\W*Co-researcher/ }).waitFor();
    await lead.getByRole('button', { name: /Remove\W*Bea Reviewer/ }).click();
    await expectNoAxeViolations(lead, 'members, confirming removal');
    await lead.getByRole('button', { name: 'Yes, remove' }).click();
    await lead.getByRole('status').filter({ hasText: /Bea Reviewer\W*has been removed/ }).waitFor();
    await reviewer.getByRole('alert').filter({ hasText: 'You no longer have access to this project.' }).waitFor();
    await expectNoAxeViolations(reviewer, 'workspace after access was revoked');
  });

  it('someone with an account logs in from the invitation page and joins', async () => {
    // A lead and a project, set up through the API (state-changing requests need our Origin).
    const lead = await newPage();
    const headers = { origin: server.url };
    const signup = await lead.request.post('/api/auth/signup', {
      headers,
      data: { email: 'chen@example.org', password: 'a long enough password', name: 'Chen Lead' },
    });
    expect(signup.status()).toBe(201);
    const { project } = await (await lead.request.post('/api/projects', { headers, data: { title: 'Member checking study' } })).json();
    const invite = await lead.request.post(`/api/projects/${project.id}/invitations`, { headers, data: { role: 'co_researcher' } });
    const { url } = await invite.json();

    // Dana already has an account (made and then logged out of, in the app).
    const dana = await newPage();
    await dana.goto('/signup');
    await signUp(dana, 'Dana Co-researcher', 'dana@example.org');
    await dana.waitForURL('**/projects');
    await settle(dana, 'Your projects');
    await dana.getByText('You are not in any project yet.', { exact: false }).waitFor();
    await dana.getByRole('button', { name: 'Log out' }).click();
    await dana.waitForURL('**/login');

    await dana.goto(url);
    await settle(dana, /Join \W*Member checking study/);
    await dana.getByLabel('Yes, log me in').check();
    await dana.getByLabel('Email address').fill('dana@example.org');
    await dana.getByLabel('Password', { exact: true }).fill('wrong password!');
    await dana.getByRole('button', { name: 'Log in' }).click();
    await dana.getByRole('alert').filter({ hasText: 'The email address or password is not right' }).waitFor();
    await expectNoAxeViolations(dana, 'invitation, failed log-in');
    await dana.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await dana.getByRole('button', { name: 'Log in' }).click();
    await dana.waitForURL((u) => u.pathname === `/projects/${project.id}`);
    await settle(dana, 'Member checking study');

    // A used link says so plainly.
    await dana.goto(url);
    await dana.getByRole('alert').filter({ hasText: 'already been used' }).waitFor();
    await expectNoAxeViolations(dana, 'used invitation');
  });

  it('lays the interface out right-to-left for an RTL locale', async () => {
    const page = await newPage();
    await page.goto('/login?locale=en-XB');
    await settle(page, 'Log in');
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'en-XB']);
    // Logical properties: the form's fields start at the right edge.
    const box = await page.getByLabel('Email address').boundingBox();
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeGreaterThan(width / 2);
  });
});
