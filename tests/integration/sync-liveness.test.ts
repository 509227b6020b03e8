/** Liveness and back-pressure: dead peers are dropped by ping/pong; slow consumers are cut, not buffered. */
import { afterEach, describe, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rawSocket(s: TestServer, client: Awaited<ReturnType<typeof signUp>>, doc: string) {
  const ticket = (await client.post('/api/sync/tickets')).body.ticket;
  const ws = new WebSocket(`${s.url.replace('http', 'ws')}/sync/${doc}?ticket=${ticket}`);
  ws.on('error', () => undefined);
  await new Promise((r) => ws.on('open', r));
  return ws;
}

describe('sync liveness', () => {
  it('drops a peer that stops answering pings', async () => {
    server = await startServer({ sync: { pingIntervalMs: 100 } });
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const ws = await rawSocket(server, lead, `p/${pid}/workspace`);
    await eventually(() => server!.hub.connectionCount === 1, 2000, 'connected');
    // Stop reading: the client can no longer see pings or answer them.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await eventually(() => server!.hub.connectionCount === 0, 3000, 'dead peer dropped');
    ws.terminate();
  });

  it('cuts a slow consumer instead of buffering without bound, and keeps serving others', async () => {
    server = await startServer({ sync: { maxBufferedBytes: 512 * 1024, messagesPerSecond: 10_000 } });
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const slow = await rawSocket(server, lead, `p/${pid}/workspace`);
    const closed = new Promise<void>((r) => slow.on('close', () => r()));
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = await connectDoc(lead, `p/${pid}/workspace`);
    await synced(writer);
    const big = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 120 && server.hub.connectionCount > 1; i++) {
      writer.doc.getArray('blobs').push([`${i}${big}`]);
      await new Promise((r) => setTimeout(r, 10));
    }
    await eventually(() => server!.hub.connectionCount === 1, 5000, 'slow consumer cut');
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    await closed;
    const reader = await connectDoc(lead, `p/${pid}/workspace`);
    await synced(reader);
    await eventually(() => reader.doc.getArray('blobs').length === writer.doc.getArray('blobs').length, 10000, 'others served');
    writer.destroy();
    reader.destroy();
  });
});

describe('sockets follow their sessions', () => {
  it('logout closes the sockets opened with that session; a password change closes every socket of the user', async () => {
    server = await startServer();
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    const url = `${server.url.replace('http', 'ws')}/sync/p/${pid}/workspace`;
    const open = (headers: Record<string, string>) =>
      new Promise<WebSocket>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('error', () => undefined);
        ws.on('open', () => resolve(ws));
      });
    const closed = (ws: WebSocket) => new Promise<number>((r) => ws.on('close', (code) => r(code)));
    const byCookie = await open({ cookie: lead.cookie, origin: server.url });
    const viaCookie = closed(byCookie);
    // a ticket the session asked for belongs to it: its socket closes too, and the ticket dies
    const leadTicket = (await lead.post('/api/sync/tickets')).body.ticket as string;
    const byLeadTicket = await new Promise<WebSocket>((resolve) => {
      const ws = new WebSocket(`${url}?ticket=${leadTicket}`);
      ws.on('error', () => undefined);
      ws.on('open', () => resolve(ws));
    });
    const viaLeadTicket = closed(byLeadTicket);
    await lead.post('/api/auth/logout');
    await eventually(async () => byCookie.readyState === WebSocket.CLOSED, 3000, 'logout closes');
    if ((await viaCookie) !== 4401) throw new Error('expected 4401 after logout');
    if ((await viaLeadTicket) !== 4401) throw new Error("expected 4401 for the session's ticket socket after logout");
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${url}?ticket=${leadTicket}`);
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    if (refused !== 401) throw new Error(`expected the logged-out session's ticket to be refused, got ${refused}`);

    const again = await signUp(server.url);
    const pid2 = await projectWith(again, []);
    const ticket = (await again.post('/api/sync/tickets')).body.ticket;
    const byTicket = await new Promise<WebSocket>((resolve) => {
      const ws = new WebSocket(`${server!.url.replace('http', 'ws')}/sync/p/${pid2}/workspace?ticket=${ticket}`);
      ws.on('error', () => undefined);
      ws.on('open', () => resolve(ws));
    });
    const viaTicket = closed(byTicket);
    await again.post('/api/auth/password', { currentPassword: 'a long enough password', newPassword: 'another long password' });
    if ((await viaTicket) !== 4000) throw new Error('expected 4000 after password change');
    // The old ticket is gone too.
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server!.url.replace('http', 'ws')}/sync/p/${pid2}/workspace?ticket=${ticket}`);
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    if (status !== 401) throw new Error(`expected 401 for the old ticket, got ${status}`);
  });
});
