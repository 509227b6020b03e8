/**
 * One WebSocket connection to one document: authorization on every message, pinned awareness
 * identities, rate limiting, liveness and back-pressure.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate as encodeAwareness } from 'y-protocols/awareness';
import type { DocAccess } from '../../shared/docnames';
import type { Config } from '../config';
import type { DocRegistry, Peer, SharedDoc } from './documents';
import * as P from './protocol';

export interface ConnectionIdentity {
  userId: string;
  /** the session the socket was opened with (null for a sync ticket), so logout can close it */
  sessionId: string | null;
  name: string;
  color: string;
  projectId: string;
}

export interface ConnectionOptions {
  ws: WebSocket;
  shared: SharedDoc;
  registry: DocRegistry;
  identity: ConnectionIdentity;
  config: Config['sync'];
  /** Current access, re-read on every message so a role change or removal takes effect at once. */
  access: () => DocAccess;
  onClose: (conn: Connection) => void;
}

/** Serves one socket; created after the upgrade was authorized. */
export class Connection implements Peer {
  readonly clientIds = new Set<number>();
  private tokens: number;
  private lastRefill = Date.now();
  private alive = true;
  private readonly ping: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly o: ConnectionOptions) {
    this.tokens = o.config.messagesPerSecond * 2;
    o.registry.attach(o.shared, this);
    o.ws.on('pong', () => (this.alive = true));
    o.ws.on('close', () => this.cleanup());
    o.ws.on('error', () => this.cleanup());
    this.ping = setInterval(() => {
      if (!this.alive) return void o.ws.terminate();
      this.alive = false;
      o.ws.ping();
    }, o.config.pingIntervalMs);
    this.ping.unref();
    // The document was loaded from SQLite in registry.open(), so this first answer is never empty.
    this.send(P.encodeSyncStep1(o.shared.doc));
    const states = o.shared.awareness.getStates();
    if (states.size > 0) {
      this.send(P.encodeAwarenessMessage(encodeAwareness(o.shared.awareness, [...states.keys()])));
    }
  }

  /** The internal name of the document this socket is on. */
  get docName(): string {
    return this.o.shared.name;
  }

  get identity(): ConnectionIdentity {
    return this.o.identity;
  }

  /** Sends unless the peer is too slow; a slow consumer is cut rather than buffered without bound. */
  send(message: Uint8Array): void {
    const { ws } = this.o;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.o.config.maxBufferedBytes) return void ws.terminate();
    ws.send(message, { binary: true });
  }

  /** Closes the socket with a code (e.g. 4403 when membership is revoked). */
  close(code: number, reason: string): void {
    if (this.o.ws.readyState === this.o.ws.OPEN) this.o.ws.close(code, reason);
    this.cleanup();
  }

  /** Handles one frame from the client. */
  receive(data: ArrayBuffer | string): void {
    if (this.closed) return;
    if (typeof data === 'string') return this.close(P.CLOSE.unsupportedData, 'binary frames only');
    if (!this.takeToken()) return this.close(P.CLOSE.rateLimited, 'too many messages');
    const access = this.o.access();
    if (access === 'none') return this.close(P.CLOSE.revoked, 'access revoked');
    try {
      this.dispatch(new Uint8Array(data), access);
    } catch {
      this.close(P.CLOSE.invalidPayload, 'malformed message');
    }
  }

  private dispatch(bytes: Uint8Array, access: DocAccess): void {
    const d = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(d);
    switch (type) {
      case P.MESSAGE_SYNC:
        return this.onSync(d, access);
      case P.MESSAGE_AWARENESS:
        return this.onAwareness(decoding.readVarUint8Array(d));
      case P.MESSAGE_QUERY_AWARENESS: {
        const aw = this.o.shared.awareness;
        return this.send(P.encodeAwarenessMessage(encodeAwareness(aw, [...aw.getStates().keys()])));
      }
      case P.MESSAGE_AUTH:
        return;
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  private onSync(d: decoding.Decoder, access: DocAccess): void {
    const step = decoding.readVarUint(d);
    if (step === P.SYNC_STEP1) {
      return this.send(P.encodeSyncStep2(this.o.shared.doc, decoding.readVarUint8Array(d)));
    }
    if (step !== P.SYNC_STEP2 && step !== P.SYNC_UPDATE) throw new Error(`unknown sync step ${step}`);
    const update = decoding.readVarUint8Array(d);
    const check = P.checkUpdate(update);
    if (check === 'invalid') throw new Error('undecodable update');
    // Read-only peers (observers, board readers) have their writes dropped, never applied or relayed.
    if (check === 'empty' || access !== 'write') return;
    const refusal = this.o.registry.refuseWrite(this.o.shared.name, update, this.o.identity);
    if (refusal) return void console.warn(`refused an update to ${this.o.shared.name} from ${this.o.identity.userId}: ${refusal}`);
    Y.applyUpdate(this.o.shared.doc, update, this);
  }

  private onAwareness(update: Uint8Array): void {
    const pins = this.o.shared.awarenessOwners;
    const entries = P.decodeAwarenessUpdate(update).filter((e) => {
      const owner = pins.get(e.clientId);
      if (owner && owner !== this) return false;
      if (!owner) {
        pins.set(e.clientId, this);
        this.clientIds.add(e.clientId);
      }
      return true;
    });
    if (entries.length === 0) return;
    const { userId, name, color } = this.o.identity;
    for (const e of entries) if (e.state) e.state.user = { id: userId, name, color };
    applyAwarenessUpdate(this.o.shared.awareness, P.encodeAwarenessUpdate(entries), this);
  }

  private takeToken(): boolean {
    const now = Date.now();
    const rate = this.o.config.messagesPerSecond;
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ping);
    const pins = this.o.shared.awarenessOwners;
    for (const id of this.clientIds) if (pins.get(id) === this) pins.delete(id);
    this.o.registry.detach(this.o.shared, this, this.clientIds);
    this.o.onClose(this);
  }
}

