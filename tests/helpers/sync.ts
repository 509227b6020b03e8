/** Real y-websocket clients (the npm package) connecting to a test server with sync tickets or a session cookie. */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import type { Client } from './http';

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the provider's sockets were closed with, in order. */
  closes: number[];
  destroy(): void;
}

/**
 * Opens `docName` as the user behind `client`: with a ticket from POST /api/sync/tickets (as
 * non-browser clients do), or with `auth: 'cookie'` by the session cookie and Origin a browser sends.
 */
export async function connectDoc(client: Client, docName: string, opts: { connect?: boolean; auth?: 'ticket' | 'cookie' } = {}): Promise<SyncClient> {
  let params: Record<string, string> = {};
  let Socket: unknown = WebSocket;
  if (opts.auth === 'cookie') {
    const headers = { cookie: client.cookie, origin: client.baseUrl };
    // y-websocket builds its sockets as `new WS(url, protocols)`; this subclass adds the headers
    Socket = class CookieWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols ?? [], { headers });
      }
    };
  } else {
    const t = await client.post('/api/sync/tickets');
    if (t.status !== 201) throw new Error(`ticket failed: ${t.status}`);
    params = { ticket: t.body.ticket };
  }
  const doc = new Y.Doc();
  const closes: number[] = [];
  const wsUrl = client.baseUrl.replace(/^http/, 'ws') + '/sync';
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true, // BroadcastChannel would let same-process clients sync without the server
    connect: opts.connect ?? true,
  });
  provider.on('connection-close', (e: CloseEvent | null) => {
    if (e) closes.push(e.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when the provider has completed its first sync with the server. */
export function synced(c: SyncClient, timeoutMs = 5000): Promise<void> {
  if (c.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('sync timed out')), timeoutMs);
    c.provider.once('sync', (s: boolean) => {
      if (s) {
        clearTimeout(t);
        resolve();
      }
    });
  });
}

/** Polls until `check` is true or times out. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits a little so that anything that would arrive has had time to (for "nothing arrives" checks). */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
