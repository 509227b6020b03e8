/** Headless Chromium (the Debian package) for end-to-end tests, and an axe accessibility check. */
import { chromium, type Browser, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/** Launches the system Chromium headless; close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The WCAG 2.0–2.2 A and AA rule sets. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page as it is now and throws, listing every violation, if there are any; also if the page broke its Content-Security-Policy (recorded by the e2e harness). */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const csp = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  if (csp.length) throw new Error(`the Content-Security-Policy was violated on ${label}:\n  ${csp.join('\n  ')}`);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n');
    return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${nodes}`;
  });
  throw new Error(`axe found ${results.violations.length} accessibility violation(s) on ${label}:\n${lines.join('\n')}`);
}
