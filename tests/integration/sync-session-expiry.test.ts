/**
 * A socket follows its session's expiry: a real y-websocket client, signed in by cookie as a
 * browser is, stays connected while the session lives or is slid forward by HTTP use, and is closed
 * with 4401 once the stored expiry passes or the session row is gone. The session sweep runs every
 * 100 ms here (config.sync.sessionCheckMs) and the test moves expires_at in SQLite to a near time,
 * so nothing waits 30 days and no timers are faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp, TEST_PASSWORD } from '../helpers/http';
import { connectDoc, eventually, settle, synced } from '../helpers/sync';
import { sha256Hex } from '../../server/ids';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ sync: { sessionCheckMs: 100 } });
});
afterAll(async () => server.close());

/** The stored session id behind a client's cookie (only the token's SHA-256 is stored). */
const sessionId = (c: Client) => sha256Hex(c.cookie.split('=')[1]!);
const setExpiry = (c: Client, at: number) => server.db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(at, sessionId(c));
const storedExpiry = (c: Client) =>
  (server.db.prepare('SELECT expires_at FROM sessions WHERE id = ?').get(sessionId(c)) as { expires_at: number } | undefined)?.expires_at;

/** A signed-in lead with a project and a cookie-authenticated client synced to its workspace. */
async function setup() {
  const lead = await signUp(server.url);
  const pid = await projectWith(lead, []);
  const name = `p/${pid}/workspace`;
  const c = await connectDoc(lead, name, { auth: 'cookie' });
  await synced(c);
  return { lead, pid, name, c };
}

describe('sockets follow their session expiry', { timeout: 20_000 }, () => {
  it('closes a socket with 4401 once its session expires unextended, not before', async () => {
    const { lead, name, c } = await setup();
    // A ticket follows the session that asked for it; one from the same person's other session stays.
    const viaTicket = await connectDoc(lead, name);
    const elsewhere = new Client(server.url);
    expect((await elsewhere.post('/api/auth/login', { email: lead.user.email, password: TEST_PASSWORD })).status).toBe(200);
    const otherSession = await connectDoc(elsewhere, name);
    await Promise.all([synced(viaTicket), synced(otherSession)]);

    setExpiry(lead, Date.now() + 800);
    await settle(400); // several sweeps before the deadline: still open
    expect(c.provider.wsconnected).toBe(true);
    expect(c.closes).toEqual([]);

    await eventually(() => c.closes.includes(4401), 3000, 'the socket closed with 4401 after expiry');
    // y-websocket treats 4401 as final: no reconnect loop against a dead session.
    await settle(300);
    expect(c.provider.wsconnected).toBe(false);
    expect(c.closes).toEqual([4401]);
    await eventually(() => viaTicket.closes.includes(4401), 3000, 'the ticket socket closed with its session');
    expect(otherSession.provider.wsconnected).toBe(true);
    // And the server refuses the cookie from now on (the expired row is deleted on use).
    expect((await lead.get('/api/me')).status).toBe(401);
    c.destroy();
    viaTicket.destroy();
    otherSession.destroy();
  });

  it('keeps the socket open when HTTP use slid the session forward before the deadline', async () => {
    const { lead, c } = await setup();
    const deadline = Date.now() + 600;
    setExpiry(lead, deadline);
    // Any authenticated request in the session's second half extends it to a full 30 days.
    expect((await lead.get('/api/me')).status).toBe(200);
    expect(storedExpiry(lead)).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);

    await settle(Math.max(0, deadline - Date.now()) + 500); // past the old deadline, several sweeps later
    expect(c.provider.wsconnected).toBe(true);
    expect(c.closes).toEqual([]);
    // Still serving: an edit goes through the server and comes back to a second client.
    const other = await connectDoc(lead, c.provider.roomname, { auth: 'cookie' });
    await synced(other);
    c.doc.getMap('probe').set('alive', true);
    await eventually(() => other.doc.getMap('probe').get('alive') === true, 3000, 'the edit relayed');

    // Later the slid session does run out: both sockets opened with it close.
    setExpiry(lead, Date.now() + 200);
    await eventually(() => c.closes.includes(4401) && other.closes.includes(4401), 3000, 'both closed with 4401');
    c.destroy();
    other.destroy();
  });

  it('closes with 4401 when the session row is gone (deleted out of band, e.g. by the purge)', async () => {
    const { lead, c } = await setup();
    server.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId(lead));
    await eventually(() => c.closes.includes(4401), 3000, 'closed with 4401 after the row went');
    await eventually(() => server.hub.connectionCount === 0, 3000, 'the server let go of the connection');
    c.destroy();
  });
});
