/**
 * The one place that opens and closes Yjs documents. Each document gets a WebSocket provider
 * (server sync and awareness) and, when asked, IndexedDB persistence so work survives being
 * offline. Handles are reference-counted: pages that need the same document share one connection.
 */
import { createSignal, type Accessor } from 'solid-js';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';

/**
 * connecting: first connection not made yet; connected: live; offline: lost, retrying;
 * revoked: the server closed with 4403 (membership ended) — we stop retrying;
 * refused: another deliberate 44xx close — also final.
 */
export type SyncStatus = 'connecting' | 'connected' | 'offline' | 'revoked' | 'refused';

/** Close code the server uses when the user's access to the document was withdrawn. */
export const CLOSE_REVOKED = 4403;

/** A shared, open document. Call `release()` when the page that asked for it goes away. */
export interface SyncHandle {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Connection state, reactive. */
  readonly status: Accessor<SyncStatus>;
  /** True once the server's copy has been received at least once in this session. */
  readonly synced: Accessor<boolean>;
  release(): void;
}

interface Entry {
  handle: SyncHandle;
  refs: number;
  destroy(): void;
}

const open = new Map<string, Entry>();

/** The WebSocket base URL of this origin's sync endpoint. */
function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/**
 * Opens (or shares) the document `name` for `userId`. With `persist`, the document is also kept
 * in IndexedDB under a per-user key, so one person's cached copy is never loaded for another
 * person who later signs in on the same browser.
 */
export function openDoc(name: string, opts: { userId: string; persist?: boolean }): SyncHandle {
  const key = `${opts.userId}:${name}`;
  const existing = open.get(key);
  if (existing) {
    existing.refs++;
    return existing.handle;
  }

  const doc = new Y.Doc();
  const [status, setStatus] = createSignal<SyncStatus>('connecting');
  const [synced, setSynced] = createSignal(false);
  const persistence = opts.persist ? new IndexeddbPersistence(`coreview:${key}`, doc) : null;
  // BroadcastChannel is off: tabs would otherwise exchange updates and awareness directly,
  // bypassing the server's per-connection identity and permission checks.
  const provider = new WebsocketProvider(syncUrl(), name, doc, { disableBc: true });
  let everConnected = false;

  provider.on('status', ({ status: s }) => {
    if (status() === 'revoked' || status() === 'refused') return;
    if (s === 'connected') {
      everConnected = true;
      setStatus('connected');
    } else if (s === 'disconnected' || everConnected) {
      setStatus('offline');
    } else {
      setStatus('connecting');
    }
  });
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) setSynced(true);
  });
  // y-websocket stops reconnecting by itself on 4400–4499 and emits 'closed'; we only label it.
  provider.on('closed', (event: { code: number }) => {
    setStatus(event.code === CLOSE_REVOKED ? 'revoked' : 'refused');
  });
  const goOffline = () => {
    if (status() === 'connected' || status() === 'connecting') setStatus('offline');
  };
  window.addEventListener('offline', goOffline);

  let destroyed = false;
  const entry: Entry = {
    refs: 1,
    handle: {
      name,
      doc,
      awareness: provider.awareness,
      status,
      synced,
      release() {
        if (--entry.refs > 0) return;
        entry.destroy();
      },
    },
    destroy() {
      // closeAllDocs (log-out) may get here before the pages holding handles release them.
      if (destroyed) return;
      destroyed = true;
      open.delete(key);
      window.removeEventListener('offline', goOffline);
      // Tell others we left before the socket closes, so presence updates at once.
      provider.awareness.setLocalState(null);
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    },
  };
  open.set(key, entry);
  return entry.handle;
}

/** Closes every open document (on log-out), whoever still holds a handle. */
export function closeAllDocs(): void {
  for (const entry of [...open.values()]) entry.destroy();
}
