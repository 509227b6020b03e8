/**
 * End to end, synthesis audit 8: making a code or theme whose name is already taken offers the
 * existing one instead (a code is applied to the selection); same-name themes made at once on two
 * devices are told apart in the "Move to" menus; the New theme form starts each theme as
 * descriptive again; a .docx that cannot be read is not left named in the file input; and no page
 * load logs Yjs's "Invalid access" warning. Every state is checked with axe (WCAG 2.2 A/AA).
 * Needs the built client (`npx vite build`) and /usr/bin/chromium. Screenshots go to $SHOTS or /tmp/coreview-shots.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import * as W from '../../shared/workspace';
import { checkAndShoot, plain, POLL, shotsDir, useE2E } from '../helpers/e2e';
import { projectWith, signUp } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { connectDoc, eventually, synced } from '../helpers/sync';

const e2e = useE2E();
const SHOTS = shotsDir('synthesis-audit8');

const TEXT = 'Family members often acted as interpreters at the clinic.\n\nPeople felt unheard when no interpreter came.';
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Every console message that is Yjs's warning about reading a type outside a document. */
function watchYjsWarnings(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Invalid access')) seen.push(m.text());
  });
  return seen;
}

describe('synthesis audit 8: one name per code and theme, the theme form, the .docx input, console', { timeout: 180_000 }, () => {
  it('offers the existing code or theme, tells concurrent twins apart, resets the kind, clears a failed .docx', async () => {
    const lead = await signUp(e2e.server.url, 'Lena Lead');
    const amir = await signUp(e2e.server.url, 'Amir Reviewer');
    const pid = await projectWith(lead, [{ client: amir, role: 'reviewer' }], 'Interpreting in primary care');
    const [rid] = seedRecords(e2e.server.db, pid, lead.user.id, 1);
    const ws = e2e.track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(ws);
    const by = lead.user.id;
    const sid = W.addSource(ws.doc, { recordId: rid!, title: 'Haile 2019 — findings', text: TEXT }, by);
    const existing = W.createCode(ws.doc, { name: 'Family as interpreters' }, by);
    // Two "Trust" themes, as when two people make one at the same moment on two devices.
    W.createTheme(ws.doc, { id: 'trust-a', name: 'Trust', kind: 'descriptive' }, by);
    const elsewhere = new Y.Doc();
    W.createTheme(elsewhere, { id: 'trust-b', name: 'Trust', kind: 'descriptive' }, amir.user.id);
    Y.applyUpdate(ws.doc, Y.encodeStateAsUpdate(elsewhere));
    await eventually(() => W.themeLabels(ws.doc).size === 2, 5000, 'both themes in the document');

    // The coding page loads without Yjs's warning, and the typed name is offered as the existing code.
    const a = await e2e.pageFor(amir.user.email);
    const warnings = watchYjsWarnings(a);
    await a.goto(`/projects/${pid}/synthesis/code/${sid}`);
    await a.getByRole('heading', { level: 1, name: /Haile 2019/ }).waitFor();
    await a.getByTestId('source-text').getByText(/Family members often/).waitFor();
    const text = a.getByTestId('source-text');
    await text.focus();
    await text.press(' ');
    const panel = a.getByTestId('selection-panel');
    await panel.getByText('Family members often acted as interpreters at the clinic.').waitFor();
    await checkAndShoot(a, SHOTS, '01-coding-selection');
    await panel.getByLabel('Or make a new code').fill('  family AS   interpreters ');
    await panel.getByRole('button', { name: 'Make code and apply' }).click();
    const offer = panel.getByTestId('code-exists');
    await expect.poll(async () => plain(await offer.getByRole('alert').textContent()), POLL).toBe(
      'There is already a code called Family as interpreters. Use it, so that all these passages stay together under one code.',
    );
    await expect.poll(() => activeId(a), POLL).toBe('use-existing-code');
    expect(W.listCodes(ws.doc).map((c) => c.name)).toEqual(['Family as interpreters']);
    await checkAndShoot(a, SHOTS, '02-coding-code-exists');
    await offer.getByRole('button', { name: /^Apply\W*Family as interpreters\W*to the selection$/ }).click();
    await a.getByTestId('announcer').getByText(/Coded as\W*Family as interpreters/).waitFor();
    await eventually(() => W.excerptsForCode(ws.doc, existing).length === 1, 5000, 'the existing code applied');
    expect(W.listCodes(ws.doc)).toHaveLength(1);
    await checkAndShoot(a, SHOTS, '03-coding-applied-existing');

    // Themes: the twins read "Trust" and "Trust (2)" in Move to menus.
    await a.goto(`/projects/${pid}/synthesis/themes`);
    await a.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
    await expect.poll(async () => (await a.getByLabel('Put it inside').locator('option').allTextContents()).map((s) => s.replace(/\u00a0/g, '').trim()).sort(), POLL).toEqual(['Top level', 'Trust', 'Trust (2)']);
    const codeMenu = a.locator('select[id^="move-"]').last();
    await expect.poll(async () => (await codeMenu.locator('option').allTextContents()).map((s) => s.replace(/\u00a0/g, '').trim()).sort(), POLL).toEqual(['Choose a place', 'Trust', 'Trust (2)']);

    // A new analytical theme; the form then offers "descriptive" again, not the last kind.
    await a.getByLabel('Name', { exact: true }).fill('Hope');
    await a.getByRole('radio', { name: 'Analytical theme' }).check();
    await a.getByRole('button', { name: 'Make theme' }).click();
    await a.locator('[data-testid=theme-node][data-name="Hope"]').waitFor();
    await expect.poll(() => a.getByRole('radio', { name: 'Descriptive theme' }).isChecked(), POLL).toBe(true);
    expect(await a.getByRole('radio', { name: 'Analytical theme' }).isChecked()).toBe(false);
    expect(W.flattenThemes(W.themeTree(ws.doc)).find((t) => t.theme.name === 'Hope')?.theme.kind).toBe('analytical');
    await checkAndShoot(a, SHOTS, '04-themes-kind-reset');

    // The same name again: no second theme; the existing one is offered and the button goes to it.
    await a.getByLabel('Name', { exact: true }).fill('hope');
    await a.getByRole('button', { name: 'Make theme' }).click();
    const themeOffer = a.getByTestId('theme-exists');
    await expect.poll(async () => plain(await themeOffer.getByRole('alert').textContent()), POLL).toBe('There is already a theme called Hope. Add to it, rather than making a second one.');
    expect(W.flattenThemes(W.themeTree(ws.doc)).filter((t) => W.nameKey(t.theme.name) === 'hope')).toHaveLength(1);
    await checkAndShoot(a, SHOTS, '05-themes-theme-exists');
    await themeOffer.getByRole('button', { name: /^Go to the theme\W*Hope\W*$/ }).click();
    const hopeId = W.flattenThemes(W.themeTree(ws.doc)).find((t) => t.theme.name === 'Hope')!.theme.id;
    await expect.poll(() => activeId(a), POLL).toBe(`node-${hopeId}`);

    // Sources: a broken .docx is refused and its name no longer sits in the file input.
    await a.goto(`/projects/${pid}/synthesis/sources`);
    await a.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
    const file = a.getByLabel('Read the text from a Word file (.docx)');
    await file.setInputFiles({ name: 'broken.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('not a zip at all') });
    await a.getByText(/We could not read\W*broken\.docx/).waitFor();
    await expect.poll(() => file.evaluate((el: HTMLInputElement) => [el.value, el.files?.length ?? 0]), POLL).toEqual(['', 0]);
    await checkAndShoot(a, SHOTS, '06-sources-docx-failed');

    // Three page loads (coding, themes, sources), and no "Invalid access" warning on any.
    await a.reload();
    await a.getByRole('heading', { level: 1, name: 'Sources' }).waitFor();
    await a.goto(`/projects/${pid}/synthesis/code/${sid}`);
    await a.getByTestId('source-text').getByText(/Family members often/).waitFor();
    expect(warnings).toEqual([]);
  });
});
