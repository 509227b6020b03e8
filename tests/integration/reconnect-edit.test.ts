/**
 * An edit made the moment a socket reopens, on top of offline edits the server has not seen yet,
 * reaches everyone: the server refuses updates with gaps, and the client's sync reply then brings
 * the offline edits and this one together.
 */
import { describe, expect, it, vi } from 'vitest';
import { docViews, useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { eventually, settle } from '../helpers/sync';

const env = useTestServer();

describe('an edit made as the socket reopens', () => {
  it('arrives with the offline edits it builds on', async () => {
    const lead = await signUp(env.server.url, 'Lena Lead');
    const pid = await projectWith(lead, []);
    const views = docViews(env, `p/${pid}/workspace`);
    const a = await views.open(lead);
    const b = await views.open(lead);
    const text = a.doc.getText('notes');
    text.insert(0, 'online. ');
    await eventually(() => b.doc.getText('notes').toString() === 'online. ', 5000, 'online edit relayed');

    a.provider.disconnect();
    text.insert(text.length, 'offline. ');
    await settle(200);
    expect(b.doc.getText('notes').toString()).toBe('online. ');
    // the first moment the socket is open, before the sync handshake: the new item refers to the
    // offline one, which the server does not have yet
    a.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && !text.toString().includes('reopened.')) text.insert(text.length, 'reopened.');
    });
    const warnings = vi.spyOn(console, 'warn');
    a.provider.connect();
    await eventually(() => b.doc.getText('notes').toString() === 'online. offline. reopened.', 5000, 'all three edits relayed');
    expect(views.live().getText('notes').toString()).toBe('online. offline. reopened.');
    expect(views.stored().getText('notes').toString()).toBe('online. offline. reopened.');
    // the race this is about did happen: the lone edit was refused before the sync reply carried it
    expect(warnings.mock.calls.some(([m]) => String(m).includes('a gap'))).toBe(true);
    warnings.mockRestore();
  });
});
