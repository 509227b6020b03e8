/**
 * The sync server against real y-websocket clients: convergence, read-only observers, private
 * documents, refusals before the handshake, persistence across restarts, bad frames, revocation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced, type SyncClient } from '../helpers/sync';

let server: TestServer;
const open: SyncClient[] = [];
const track = (c: SyncClient) => (open.push(c), c);

beforeEach(async () => {
  server = await startServer({ sync: { idleUnloadMs: 200 } });
});
afterEach(async () => {
  for (const c of open.splice(0)) c.destroy();
  await server.close();
});

/** Raw upgrade attempt: resolves with the HTTP status of a refusal, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => undefined);
  });
}

async function ticket(c: Client) {
  return (await c.post('/api/sync/tickets')).body.ticket as string;
}

describe('sync server', () => {
  it('converges two members editing the workspace at once', async () => {
    const lead = await signUp(server.url, 'Lead');
    const rev = await signUp(server.url, 'Rev');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const a = track(await connectDoc(lead, `p/${pid}/workspace`));
    const b = track(await connectDoc(rev, `p/${pid}/workspace`));
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 20; i++) {
      a.doc.getArray('codes').push([`a${i}`]);
      b.doc.getArray('codes').push([`b${i}`]);
      a.doc.getText('t').insert(0, 'x');
      b.doc.getText('t').insert(0, 'y');
    }
    await eventually(
      () => [a, b].every((c) => c.doc.getArray('codes').length === 40 && c.doc.getText('t').length === 40),
      5000,
      'convergence',
    );
    expect(a.doc.getArray('codes').toJSON()).toEqual(b.doc.getArray('codes').toJSON());
    expect(a.doc.getText('t').toString()).toBe(b.doc.getText('t').toString());
    expect(a.doc.getText('t').length).toBe(40);
  });

  it('drops an observer’s edits: not applied, not relayed, not persisted', async () => {
    const lead = await signUp(server.url);
    const obs = await signUp(server.url);
    const pid = await projectWith(lead, [{ client: obs, role: 'observer' }]);
    const l = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(l);
    l.doc.getMap('m').set('byLead', 1);
    const o = track(await connectDoc(obs, `p/${pid}/workspace`));
    await synced(o);
    await eventually(() => o.doc.getMap('m').get('byLead') === 1, 5000, 'observer reads');
    o.doc.getMap('m').set('byObserver', 1);
    await settle(400);
    expect(l.doc.getMap('m').has('byObserver')).toBe(false);
    // A fresh reader sees what the server holds: no observer edit there either.
    const fresh = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(fresh);
    await settle(100);
    expect(fresh.doc.getMap('m').toJSON()).toEqual({ byLead: 1 });
  });

  it('refuses another user’s private doc, non-members and anonymous sockets before the handshake', async () => {
    const lead = await signUp(server.url);
    const rev = await signUp(server.url);
    const stranger = await signUp(server.url);
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const ws = server.url.replace('http', 'ws');
    expect(await upgradeStatus(`${ws}/sync/p/${pid}/u/${lead.user.id}?ticket=${await ticket(rev)}`)).toBe(403);
    expect(await upgradeStatus(`${ws}/sync/p/${pid}/workspace?ticket=${await ticket(stranger)}`)).toBe(403);
    expect(await upgradeStatus(`${ws}/sync/p/${pid}/workspace`)).toBe(401);
    expect(await upgradeStatus(`${ws}/sync/p/${pid}/workspace?ticket=forged`)).toBe(401);
    expect(await upgradeStatus(`${ws}/sync/not-a-doc?ticket=${await ticket(rev)}`)).toBe(404);
    // Cookie auth from a foreign page is refused; from our own origin it opens.
    const headers = { cookie: rev.cookie, origin: 'https://evil.example' };
    expect(await upgradeStatus(`${ws}/sync/p/${pid}/workspace`, headers)).toBe(403);
    expect(await upgradeStatus(`${ws}/sync/p/${pid}/workspace`, { cookie: rev.cookie, origin: server.url })).toBe(101);
    expect(await upgradeStatus(`${ws}/sync/p/${pid}/u/${rev.user.id}?ticket=${await ticket(rev)}`)).toBe(101);
  });

  it('keeps data across a server restart', async () => {
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const a = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(a);
    for (let i = 0; i < 250; i++) a.doc.getArray('items').push([i]); // crosses the compaction threshold
    a.doc.getText('desc').insert(0, 'survives');
    await settle(300);
    a.destroy();
    open.splice(open.indexOf(a), 1);
    const dataDir = server.dataDir;
    await server.stop();
    server = await startServer({ dataDir, sync: { idleUnloadMs: 200 } });
    const again = new Client(server.url);
    again.cookie = lead.cookie;
    const b = track(await connectDoc(again, `p/${pid}/workspace`));
    await synced(b);
    expect(b.doc.getArray('items').length).toBe(250);
    expect(b.doc.getText('desc').toString()).toBe('survives');
  });

  it('closes an oversized frame with 1009 and keeps serving others', async () => {
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const good = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(good);
    const raw = new WebSocket(`${server.url.replace('http', 'ws')}/sync/p/${pid}/workspace?ticket=${await ticket(lead)}`);
    await new Promise((r) => raw.on('open', r));
    const code = new Promise<number>((r) => raw.on('close', (c) => r(c)));
    raw.on('error', () => undefined);
    raw.send(Buffer.alloc(3 * 1024 * 1024, 1));
    expect(await code).toBe(1009);
    good.doc.getMap('m').set('still', 'alive');
    const other = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(other);
    await eventually(() => other.doc.getMap('m').get('still') === 'alive', 5000, 'server still serving');
  });

  it('survives random-bytes and malformed frames without touching the document', async () => {
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const good = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(good);
    good.doc.getMap('m').set('k', 'v');
    await settle(100);
    const before = (server.db.prepare('SELECT COUNT(*) n FROM ydoc_updates').get() as { n: number }).n;
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed & 0xff);
    const frames: Buffer[] = [
      Buffer.from([0, 2, 5, 1, 2, 3]), // sync update whose payload is truncated
      Buffer.from([0, 2, 0]), // empty update
      Buffer.from([0, 9, 0]), // unknown sync step
      Buffer.from([1, 3, 1, 2, 3]), // awareness garbage
      Buffer.from([]),
      ...Array.from({ length: 30 }, () => Buffer.from(Array.from({ length: 64 }, rand))),
    ];
    for (const f of frames) {
      const raw = new WebSocket(`${server.url.replace('http', 'ws')}/sync/p/${pid}/workspace?ticket=${await ticket(lead)}`);
      raw.on('error', () => undefined);
      await new Promise((r) => raw.on('open', r));
      raw.send(f);
      await new Promise((r) => setTimeout(r, 20));
      raw.terminate();
    }
    raw_text: {
      const raw = new WebSocket(`${server.url.replace('http', 'ws')}/sync/p/${pid}/workspace?ticket=${await ticket(lead)}`);
      await new Promise((r) => raw.on('open', r));
      const code = new Promise<number>((r) => raw.on('close', (c) => r(c)));
      raw.send('hello');
      expect(await code).toBe(1003);
      break raw_text;
    }
    await settle(100);
    const after = (server.db.prepare('SELECT COUNT(*) n FROM ydoc_updates').get() as { n: number }).n;
    expect(after).toBe(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    good.doc.getMap('m').set('k2', 'v2');
    const check = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(check);
    await eventually(() => check.doc.getMap('m').get('k2') === 'v2', 5000, 'still syncing');
    expect(check.doc.getMap('m').get('k')).toBe('v');
  });

  it('closes a removed member’s sockets with 4403 and refuses them afterwards', async () => {
    const lead = await signUp(server.url);
    const rev = await signUp(server.url);
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const r1 = track(await connectDoc(rev, `p/${pid}/workspace`));
    const r2 = track(await connectDoc(rev, `p/${pid}/u/${rev.user.id}`));
    await Promise.all([synced(r1), synced(r2)]);
    const del = await lead.delete(`/api/projects/${pid}/members/${rev.user.id}`);
    expect(del.status).toBe(200);
    await eventually(() => r1.closes.includes(4403) && r2.closes.includes(4403), 5000, '4403 closes');
    expect(await upgradeStatus(`${server.url.replace('http', 'ws')}/sync/p/${pid}/workspace?ticket=${await ticket(rev)}`)).toBe(403);
  });

  it('sets awareness identity on the server and pins clientIDs to their connection', async () => {
    const lead = await signUp(server.url, 'Lena Lead');
    const rev = await signUp(server.url, 'Rami Reviewer');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const a = track(await connectDoc(lead, `p/${pid}/workspace`));
    const b = track(await connectDoc(rev, `p/${pid}/workspace`));
    await Promise.all([synced(a), synced(b)]);
    // The reviewer claims to be someone else: the server overwrites it.
    b.provider.awareness.setLocalState({ user: { id: lead.user.id, name: 'Impostor' }, location: { page: 'workspace' } });
    await eventually(() => {
      const s = a.provider.awareness.getStates().get(b.doc.clientID) as any;
      return s?.location?.page === 'workspace';
    }, 5000, 'awareness relayed');
    const seen = a.provider.awareness.getStates().get(b.doc.clientID) as any;
    expect(seen.user).toMatchObject({ id: rev.user.id, name: 'Rami Reviewer' });
    // A third socket tries to speak for the reviewer's clientID: ignored.
    const c = track(await connectDoc(lead, `p/${pid}/workspace`, { connect: false }));
    c.doc.clientID = b.doc.clientID;
    c.provider.awareness.clientID = b.doc.clientID;
    c.provider.awareness.setLocalState({ location: { page: 'spoofed' } });
    c.provider.connect();
    await synced(c);
    await settle(300);
    const after = a.provider.awareness.getStates().get(b.doc.clientID) as any;
    expect(after.location.page).toBe('workspace');
    // When the reviewer leaves, their presence disappears for others.
    b.destroy();
    open.splice(open.indexOf(b), 1);
    await eventually(() => !a.provider.awareness.getStates().has(b.doc.clientID), 5000, 'presence removed');
  });

  it('loads a document from SQLite before answering and unloads it when idle', async () => {
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const a = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(a);
    a.doc.getMap('m').set('x', 1);
    await settle(100);
    a.destroy();
    open.splice(open.indexOf(a), 1);
    const name = `p/${pid}/workspace`;
    await eventually(() => !server.hub.registry.isLoaded(name), 3000, 'idle unload');
    const rows = (server.db.prepare('SELECT COUNT(*) n FROM ydoc_updates WHERE doc = ?').get(name) as { n: number }).n;
    expect(rows).toBe(1); // compacted on unload
    // A raw client that sends nothing but reads the server's first message gets the stored state.
    const raw = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${name}?ticket=${await ticket(lead)}`);
    const first = await new Promise<Buffer>((r) => raw.once('message', (d) => r(d as Buffer)));
    raw.close();
    expect(first[0]).toBe(0); // sync
    expect(first[1]).toBe(0); // step 1 with the server's state vector
    const sv = Y.decodeStateVector(first.subarray(3));
    expect(sv.size).toBe(1);
  });

  it('rate-limits a flooding connection without affecting others', async () => {
    await server.close();
    server = await startServer({ sync: { messagesPerSecond: 20 } });
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const raw = new WebSocket(`${server.url.replace('http', 'ws')}/sync/p/${pid}/workspace?ticket=${await ticket(lead)}`);
    await new Promise((r) => raw.on('open', r));
    const code = new Promise<number>((r) => raw.on('close', (c) => r(c)));
    for (let i = 0; i < 200; i++) raw.send(Buffer.from([3])); // query-awareness flood
    expect(await code).toBe(4429);
    const ok = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(ok);
  });
});
