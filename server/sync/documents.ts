/**
 * Live documents in memory: loaded from SQLite before anyone is answered, every change persisted
 * before it is relayed, compacted in the background, and unloaded when idle.
 */
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate as encodeAwareness, removeAwarenessStates } from 'y-protocols/awareness';
import type { Config } from '../config';
import { DocStore } from './store';
import { encodeAwarenessMessage, encodeSyncUpdate } from './protocol';

/** A socket as the document sees it. */
export interface Peer {
  send(message: Uint8Array): void;
}

/** Server extensions (Hocuspocus-style hooks): e.g. the board builder and the decision projection. */
export interface SyncExtension {
  /** After a document is loaded from SQLite, before any client is answered. */
  onLoad?(name: string, doc: Y.Doc): void;
  /** After a client's update is applied and persisted, before it is relayed. */
  onChange?(name: string, doc: Y.Doc, update: Uint8Array, origin: unknown): void;
  /**
   * Before a client's (decodable, non-empty) update is applied: a reason to refuse it whole, or
   * null. A refused update is never applied, persisted or relayed. The writer's later updates
   * build on it and stay pending too, so a guard must refuse only what the app's own client
   * never sends (a modified client loses its edits, nobody else is affected).
   */
  refuseWrite?(name: string, update: Uint8Array, writer: { userId: string }): string | null;
}

/** One loaded document with its awareness and connected peers. */
export class SharedDoc {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Which peer first claimed each awareness clientID: nobody else may speak for it. */
  readonly awarenessOwners = new Map<number, Peer>();
  idleTimer: NodeJS.Timeout | null = null;
  compactScheduled = false;
  updatesSinceCompact = 0;

  constructor(readonly name: string) {
    // The server is not a participant: it holds no awareness state of its own.
    this.awareness.setLocalState(null);
  }

  /** Sends to every peer except `except`. */
  broadcast(message: Uint8Array, except?: Peer): void {
    for (const p of this.peers) if (p !== except) p.send(message);
  }
}

/** Loads, serves, persists and unloads documents. */
export class DocRegistry {
  private readonly docs = new Map<string, SharedDoc>();
  private readonly store: DocStore;

  constructor(
    db: ConstructorParameters<typeof DocStore>[0],
    private readonly config: Config['sync'],
    private readonly extensions: SyncExtension[] = [],
  ) {
    this.store = new DocStore(db);
  }

  /** The live document, loaded synchronously from SQLite on first use (so no client ever sees it empty). */
  open(name: string): SharedDoc {
    const existing = this.docs.get(name);
    if (existing) return existing;
    const shared = new SharedDoc(name);
    this.store.loadInto(name, shared.doc);
    for (const ext of this.extensions) {
      try {
        ext.onLoad?.(name, shared.doc);
      } catch (e) {
        console.error(`sync extension failed loading ${name}`, e);
      }
    }
    shared.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(shared, update, origin));
    shared.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, _origin: unknown) => {
      const changed = [...added!, ...updated!, ...removed!];
      if (changed.length === 0) return;
      shared.broadcast(encodeAwarenessMessage(encodeAwareness(shared.awareness, changed)));
    });
    this.docs.set(name, shared);
    return shared;
  }

  /** A loaded document, without loading it (guards compare an update with the current state). */
  peek(name: string): Y.Doc | null {
    return this.docs.get(name)?.doc ?? null;
  }

  /** Whether a document is in memory (tests and metrics). */
  isLoaded(name: string): boolean {
    return this.docs.has(name);
  }

  /** The first extension's reason to refuse a client's update, or null. */
  refuseWrite(name: string, update: Uint8Array, writer: { userId: string }): string | null {
    for (const ext of this.extensions) {
      const reason = ext.refuseWrite?.(name, update, writer) ?? null;
      if (reason) return reason;
    }
    return null;
  }

  /** Loaded documents whose name starts with `prefix`. */
  loaded(prefix: string): SharedDoc[] {
    return [...this.docs.values()].filter((d) => d.name.startsWith(prefix));
  }

  /** Number of documents in memory. */
  get loadedCount(): number {
    return this.docs.size;
  }

  /** Attaches a peer, cancelling any pending unload. */
  attach(shared: SharedDoc, peer: Peer): void {
    if (shared.idleTimer) clearTimeout(shared.idleTimer);
    shared.idleTimer = null;
    shared.peers.add(peer);
  }

  /** Detaches a peer, removing its awareness entries, and schedules unload when nobody is left. */
  detach(shared: SharedDoc, peer: Peer, clientIds: Iterable<number>): void {
    shared.peers.delete(peer);
    const ids = [...clientIds];
    if (ids.length) removeAwarenessStates(shared.awareness, ids, null);
    if (shared.peers.size === 0 && !shared.idleTimer) {
      shared.idleTimer = setTimeout(() => this.unload(shared), this.config.idleUnloadMs);
      shared.idleTimer.unref();
    }
  }

  /** Compacts and drops an idle document from memory. */
  unload(shared: SharedDoc): void {
    if (shared.peers.size > 0 || this.docs.get(shared.name) !== shared) return;
    if (!shared.name.includes('#')) this.store.compact(shared.name);
    this.docs.delete(shared.name);
    shared.awareness.destroy();
    shared.doc.destroy();
  }

  /** Unloads everything (server shutdown): every document compacted. */
  closeAll(): void {
    for (const shared of [...this.docs.values()]) {
      if (shared.idleTimer) clearTimeout(shared.idleTimer);
      for (const p of shared.peers) shared.peers.delete(p);
      this.unload(shared);
    }
  }

  private onUpdate(shared: SharedDoc, update: Uint8Array, origin: unknown): void {
    if (origin === this.store) return;
    // Derived views ('#' in the name) are rebuilt from SQLite on load, so they are never stored.
    const derived = shared.name.includes('#');
    // Persist first: a relayed update must already be durable (DESIGN: persisted before relayed).
    if (!derived) this.store.append(shared.name, update);
    for (const ext of this.extensions) {
      // A failing projection must not stop the relay or take the server down; the document is
      // already persisted and is reconciled into SQLite on its next load.
      try {
        ext.onChange?.(shared.name, shared.doc, update, origin);
      } catch (e) {
        console.error(`sync extension failed on ${shared.name}`, e);
      }
    }
    shared.broadcast(encodeSyncUpdate(update), origin as Peer);
    if (!derived && ++shared.updatesSinceCompact >= this.config.compactAfterUpdates && !shared.compactScheduled) {
      shared.compactScheduled = true;
      setImmediate(() => {
        shared.compactScheduled = false;
        shared.updatesSinceCompact = 0;
        this.store.compact(shared.name);
      }).unref();
    }
  }
}
