/**
 * The one place that opens and closes Yjs documents. Each document gets a WebSocket provider
 * (server sync and awareness) and, when asked, IndexedDB persistence so work survives being
 * offline. Handles are reference-counted: pages that need the same document share one connection.
 */
import { createSignal, untrack, type Accessor } from 'solid-js';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { copyDbName, markDirty, noteCopy } from './localCopies';
import { checkSession, sessionEndedFor } from './sessionCheck';

/**
 * connecting: first connection not made yet; connected: live; offline: lost, retrying;
 * revoked: the server closed with 4403 (membership ended) — we stop retrying;
 * refused: another deliberate 44xx close — also final;
 * loggedOut: the session ended (password changed, logged out elsewhere) — edits stay on this
 * device until the person logs in again.
 */
export type SyncStatus = 'connecting' | 'connected' | 'offline' | 'revoked' | 'refused' | 'loggedOut';

/** Close code the server uses when the user's access to the document was withdrawn. */
export const CLOSE_REVOKED = 4403;
/** Close code the server uses when what this user may see in a derived view changed (board). */
export const CLOSE_VIEW_CHANGED = 4409;
/** Close codes for a socket whose session ended: 4401 (logged out, expired), 4000 (password changed). */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_REAUTHENTICATE = 4000;

/** A shared, open document. Call `release()` when the page that asked for it goes away. */
export interface SyncHandle {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Connection state, reactive. */
  readonly status: Accessor<SyncStatus>;
  /** True once the server's copy has been received at least once in this session. */
  readonly synced: Accessor<boolean>;
  /**
   * Counts how often `doc` (and `awareness`) were replaced by fresh ones: after a 4409 close the
   * server serves a different view, so readers must re-read and re-observe when this changes.
   */
  readonly generation: Accessor<number>;
  release(): void;
}

/** The document, provider and local copy currently behind a handle. */
interface Live {
  doc: Y.Doc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence | null;
}

interface Entry {
  handle: SyncHandle;
  refs: number;
  userId: string;
  /** Whether this document is kept in IndexedDB (only those are a log-out's concern). */
  persist: boolean;
  /** How many changes were made on this page (not received from the server or IndexedDB). */
  edits(): number;
  /** The whole document as one update. */
  state(): Uint8Array;
  /** Stops connecting because the session is over; the document and its local copy stay. */
  sessionEnded(): void;
  destroy(): void;
}

const open = new Map<string, Entry>();

/** The WebSocket base URL of this origin's sync endpoint. */
export function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/**
 * Opens (or shares) the document `name` for `userId`. With `persist`, the document is also kept
 * in IndexedDB under a per-user key, so one person's cached copy is never loaded for another
 * person who later signs in on the same browser.
 */
export function openDoc(name: string, opts: { userId: string; persist?: boolean }): SyncHandle {
  // Pages open documents inside effects: the signals read while opening must not become the
  // effect's dependencies, or each status change would close and reopen the document.
  return untrack(() => openUntracked(name, opts));
}

function openUntracked(name: string, opts: { userId: string; persist?: boolean }): SyncHandle {
  const key = `${opts.userId}:${name}`;
  const existing = open.get(key);
  if (existing) {
    existing.refs++;
    return existing.handle;
  }

  // Opened while the browser is offline (e.g. a reload on the train): say so at once.
  const ended = sessionEndedFor() === opts.userId;
  const [status, setStatus] = createSignal<SyncStatus>(ended ? 'loggedOut' : navigator.onLine ? 'connecting' : 'offline');
  const final = () => status() === 'revoked' || status() === 'refused' || status() === 'loggedOut';
  const [synced, setSynced] = createSignal(false);
  const [generation, setGeneration] = createSignal(0);
  let everConnected = false;
  let destroyed = false;
  // Local edits: counted so log-out can tell whether a document changed while it was being
  // checked, and recorded once as "dirty" (localCopies.ts) so a later log-out knows this copy may
  // hold changes the server has not confirmed, even after a reload or with the document closed.
  let edits = 0;
  let dirtyNoted = false;
  const persisting = !!opts.persist;
  if (persisting) noteCopy(opts.userId, name);

  /** One document with its provider and (optional) local copy; replaced whole after a 4409. */
  const connect = (persist: boolean): Live => {
    const doc = new Y.Doc();
    const persistence = persist ? new IndexeddbPersistence(copyDbName(opts.userId, name), doc) : null;
    // BroadcastChannel is off: tabs would otherwise exchange updates and awareness directly,
    // bypassing the server's per-connection identity and permission checks.
    const provider = new WebsocketProvider(syncUrl(), name, doc, { disableBc: true, connect: !final() });
    const made: Live = { doc, provider, persistence };
    const live = () => current?.provider === provider;
    const askServer = () => void checkSession(opts.userId).then((state) => state === 'ended' && endSessionDocs(opts.userId));
    let opened = false;
    // Whatever did not come from the server (provider) or from this device's copy (persistence)
    // was made here. made.persistence is read at each update: reopen() attaches it later.
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (!persisting || origin === provider || origin === made.persistence) return;
      edits++;
      if (!dirtyNoted) {
        dirtyNoted = true;
        markDirty(opts.userId, name);
      }
    });
    provider.on('status', ({ status: s }) => {
      if (!live() || final()) return;
      if (s === 'connected') {
        everConnected = opened = true;
        setStatus('connected');
      } else if (s === 'disconnected' || everConnected) {
        setStatus('offline');
      } else {
        setStatus('connecting');
      }
    });
    provider.on('sync', (isSynced: boolean) => {
      if (live() && isSynced) setSynced(true);
    });
    // A session ended elsewhere shows up as 4000 (then reconnects are refused) or as a socket that
    // fails before it opens, which a server that is down or unreachable also causes: ask, don't guess.
    provider.on('connection-close', (event: CloseEvent | null) => {
      const refusedBeforeOpen = !opened;
      opened = false;
      if (!live() || final() || !event || !navigator.onLine) return;
      if (event.code === CLOSE_REAUTHENTICATE || refusedBeforeOpen) askServer();
    });
    // y-websocket stops reconnecting by itself on 4400–4499 and emits 'closed'.
    provider.on('closed', (event: { code: number }) => {
      if (!live() || status() === 'loggedOut') return;
      if (event.code === CLOSE_VIEW_CHANGED) queueMicrotask(() => void reopen());
      else if (event.code !== CLOSE_UNAUTHORIZED) setStatus(event.code === CLOSE_REVOKED ? 'revoked' : 'refused');
      else
        void checkSession(opts.userId).then((state) => {
          if (!live()) return;
          if (state === 'ended') endSessionDocs(opts.userId);
          // Signed in again meanwhile (another tab of this browser): the cookie is good again.
          else if (state === 'live') provider.connect();
          else setStatus('refused');
        });
    });
    return made;
  };
  let current: Live | null = null;
  current = connect(!!opts.persist);

  const teardown = (c: Live) => {
    // Tell others we left before the socket closes, so presence updates at once.
    c.provider.awareness.setLocalState(null);
    c.provider.destroy();
    c.doc.destroy();
  };

  /**
   * The server closed with 4409: our copy holds the old view (which may show more than we may now
   * see), so it is dropped — the local copy too — and a fresh, empty document is opened.
   */
  const reopen = async () => {
    const old = current;
    if (destroyed || !old) return;
    setSynced(false);
    setStatus('connecting');
    current = connect(false);
    const fresh = current;
    teardown(old);
    setGeneration((g) => g + 1);
    // The local copy is cleared before the fresh document gets one of its own.
    await old.persistence?.clearData();
    if (opts.persist && !destroyed && current === fresh) fresh.persistence = new IndexeddbPersistence(copyDbName(opts.userId, name), fresh.doc);
  };

  // When the browser knows it is offline, stop using the socket (it may linger half-open) and keep
  // working locally; reconnect as soon as it is back, when the server gets what we did meanwhile.
  const goOffline = () => {
    if (status() === 'connected' || status() === 'connecting') setStatus('offline');
    current?.provider.disconnect();
  };
  const goOnline = () => {
    if (!final()) current?.provider.connect();
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);

  const entry: Entry = {
    refs: 1,
    userId: opts.userId,
    persist: persisting,
    edits: () => edits,
    state: () => Y.encodeStateAsUpdate(current!.doc),
    sessionEnded() {
      if (destroyed || status() === 'loggedOut') return;
      setStatus('loggedOut');
      current?.provider.disconnect();
    },
    handle: {
      name,
      get doc() {
        return current!.doc;
      },
      get awareness() {
        return current!.provider.awareness;
      },
      status,
      synced,
      generation,
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
      window.removeEventListener('online', goOnline);
      if (current) {
        void current.persistence?.destroy();
        teardown(current);
      }
    },
  };
  open.set(key, entry);
  return entry.handle;
}

/** Every open document of `userId` stops connecting: the server no longer knows this person here. */
function endSessionDocs(userId: string): void {
  for (const entry of open.values()) if (entry.userId === userId) entry.sessionEnded();
}

/** Closes every open document (on log-out), whoever still holds a handle. */
export function closeAllDocs(): void {
  for (const entry of [...open.values()]) entry.destroy();
}

/** A document `userId` has open and keeps on this device: its name, local-edit count and state. */
export interface OpenCopy {
  name: string;
  edits: number;
  state(): Uint8Array;
}

/** The documents `userId` has open with a copy in IndexedDB (log-out checks these against the server). */
export function openCopies(userId: string): OpenCopy[] {
  return [...open.values()]
    .filter((e) => e.persist && e.userId === userId)
    .map((e) => ({ name: e.handle.name, edits: e.edits(), state: e.state }));
}
