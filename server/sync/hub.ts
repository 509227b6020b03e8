/** The sync hub: opens connections, tracks them per (project, user), and revokes them. */
import type { WebSocket } from 'ws';
import type { DB } from '../db/database';
import type { Config } from '../config';
import type { SyncControl } from '../context';
import { docAccess, type DocName } from '../../shared/docnames';
import { findRole } from '../projects/repo';
import { liveSessionIds } from '../auth/sessions';
import { Connection, type ConnectionIdentity } from './connection';
import { DocRegistry, type SyncExtension } from './documents';
import { CLOSE } from './protocol';

// Presence colours chosen for ≥ 4.5:1 contrast against white text and each other's distinctness.
const PALETTE = ['#1f5f99', '#8a3b12', '#2e6b30', '#6b3fa0', '#a1264a', '#00606e', '#7a5a00', '#44546a'];

/** A stable presence colour for a user. */
export function colorFor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export class SyncHub implements SyncControl {
  readonly registry: DocRegistry;
  private readonly byMember = new Map<string, Set<Connection>>();
  private readonly sessionSweep: NodeJS.Timeout;

  constructor(
    private readonly db: DB,
    private readonly config: Config['sync'],
    extensions: SyncExtension[] = [],
  ) {
    this.registry = new DocRegistry(db, config, extensions);
    // Logout and password change close their sockets at once; an expiry is nobody's action, so a
    // sweep notices it. One timer for all sockets, unref'd so it never keeps the process alive.
    this.sessionSweep = setInterval(() => this.closeExpiredSessionSockets(), config.sessionCheckMs);
    this.sessionSweep.unref();
  }

  /** Starts serving an authorized socket for a document. */
  connect(ws: WebSocket, name: string, doc: DocName, identity: ConnectionIdentity): Connection {
    const key = `${identity.projectId}:${identity.userId}`;
    const conn = new Connection({
      ws,
      shared: this.registry.open(name),
      registry: this.registry,
      identity,
      config: this.config,
      access: () => docAccess(identity.userId, findRole(this.db, doc.projectId, identity.userId), doc),
      onClose: (c) => {
        const set = this.byMember.get(key);
        set?.delete(c);
        if (set?.size === 0) this.byMember.delete(key);
      },
    });
    let set = this.byMember.get(key);
    if (!set) this.byMember.set(key, (set = new Set()));
    set.add(conn);
    return conn;
  }

  /** Closes every socket a user has open in a project (code 4403). */
  revokeMember(projectId: string, userId: string): void {
    for (const conn of [...(this.byMember.get(`${projectId}:${userId}`) ?? [])]) {
      conn.close(CLOSE.revoked, 'membership removed');
    }
  }

  closeSessionSockets(sessionId: string): void {
    for (const set of this.byMember.values()) {
      for (const c of [...set]) if (c.identity.sessionId === sessionId) c.close(CLOSE.unauthorized, 'logged out');
    }
  }

  /**
   * Closes (4401) every socket whose session is no longer stored or whose stored expiry has passed.
   * Reading the stored expiry each time is what honours sliding renewal: HTTP use that extended the
   * session keeps its sockets open. A socket opened with a sync ticket follows the session that
   * asked for the ticket (tickets issued before migration 0011 name none, and have none to follow).
   */
  closeExpiredSessionSockets(): void {
    const ids = new Set<string>();
    for (const set of this.byMember.values()) for (const c of set) if (c.identity.sessionId) ids.add(c.identity.sessionId);
    if (ids.size === 0) return;
    let live: Set<string>;
    try {
      live = liveSessionIds(this.db, [...ids]);
    } catch (e) {
      // A failed read must not take the server down from a timer; the next sweep tries again.
      return void console.warn('session sweep failed:', (e as Error).message);
    }
    for (const set of [...this.byMember.values()]) {
      for (const c of [...set]) {
        const sid = c.identity.sessionId;
        if (sid && !live.has(sid)) c.close(CLOSE.unauthorized, 'session expired');
      }
    }
  }

  closeUserSockets(userId: string): void {
    for (const set of this.byMember.values()) {
      for (const c of [...set]) if (c.identity.userId === userId) c.close(CLOSE.reauthenticate, 'session ended');
    }
  }

  loadedDocs(prefix: string): { name: string; doc: import('yjs').Doc }[] {
    return this.registry.loaded(prefix).map((d) => ({ name: d.name, doc: d.doc }));
  }

  reconnectViews(prefix: string): void {
    for (const set of this.byMember.values()) {
      for (const c of [...set]) if (c.docName.startsWith(prefix)) c.close(CLOSE.viewChanged, 'view changed');
    }
  }

  /** Number of open connections (metrics and tests). */
  get connectionCount(): number {
    let n = 0;
    for (const s of this.byMember.values()) n += s.size;
    return n;
  }

  /** Closes all sockets and unloads all documents (compacting them). */
  close(): void {
    clearInterval(this.sessionSweep);
    for (const set of [...this.byMember.values()]) for (const c of [...set]) c.close(1001, 'server shutting down');
    this.registry.closeAll();
  }
}
