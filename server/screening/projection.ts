/**
 * The sync extension that projects private documents into SQLite: each changed decision entry is
 * validated and written through the screening service after the update was persisted. Refused
 * entries are recorded and shown to their author in the document's `rejected` map.
 */
import * as Y from 'yjs';
import type { Deps } from '../context';
import { STAGES, type Stage } from '../../shared/api';
import { decisionsMapName, type RejectedEntry } from '../../shared/screening';
import { parseDocName } from '../../shared/docnames';
import type { SyncExtension } from '../sync/documents';
import { nowIso } from '../ids';
import { projectDecision } from './service';
import { projectVote } from '../conflicts/votes';
import * as repo from './repo';

/** The origin of the server's own writes into private documents (never projected back). */
export const SERVER_ORIGIN = Symbol('server');

type Pending = Map<string, Set<string>>; // map name → changed keys

/** Private-document projection (decisions now; votes and feedback hook in the same way). */
export function screeningProjection(deps: Deps): SyncExtension {
  const pending = new WeakMap<Y.Doc, Pending>();

  // One transaction per incoming update: a reconnecting client's 500 offline decisions commit once.
  const projectKeys = (pid: string, userId: string, doc: Y.Doc, changes: Pending) => deps.db.transaction(() => projectAll(pid, userId, doc, changes))();
  const projectAll = (pid: string, userId: string, doc: Y.Doc, changes: Pending) => {
    let changed = false;
    const rejected = doc.getMap<RejectedEntry>('rejected');
    const feedback: [string, RejectedEntry | null][] = [];
    for (const stage of STAGES) {
      const mapName = decisionsMapName(stage);
      const keys = changes.get(mapName);
      if (!keys) continue;
      const map = doc.getMap(mapName);
      for (const recordId of keys) {
        const r = projectDecision(deps, pid, stage as Stage, userId, recordId, map.get(recordId) ?? null);
        const rk = `${mapName}:${recordId}`;
        if (r.ok) {
          changed ||= r.changed;
          if (rejected.has(rk)) feedback.push([rk, null]);
        } else feedback.push([rk, { message: r.reason, at: nowIso() }]);
      }
    }
    const voteKeys = changes.get('votes');
    if (voteKeys) {
      const votes = doc.getMap('votes');
      for (const key of voteKeys) {
        const r = projectVote(deps, pid, userId, key, votes.get(key) ?? null);
        const rk = `votes:${key}`;
        if (r.ok) {
          changed ||= r.changed;
          if (rejected.has(rk)) feedback.push([rk, null]);
        } else feedback.push([rk, { message: r.reason, at: nowIso() }]);
      }
    }
    if (feedback.length) {
      // Written after the current update finished, as the server, so it is persisted and synced to the author.
      queueMicrotask(() =>
        doc.transact(() => {
          for (const [k, v] of feedback) (v ? rejected.set(k, v) : rejected.delete(k));
        }, SERVER_ORIGIN),
      );
    }
    if (changed) deps.board.refresh(pid);
  };

  return {
    onLoad(name, doc) {
      const dn = parseDocName(name);
      if (dn?.kind !== 'private') return;
      const changes: Pending = new Map();
      pending.set(doc, changes);
      for (const mapName of [...STAGES.map(decisionsMapName), 'votes']) {
        doc.getMap(mapName).observe((event, tr) => {
          if (tr.origin === SERVER_ORIGIN) return;
          let set = changes.get(mapName);
          if (!set) changes.set(mapName, (set = new Set()));
          for (const k of event.keysChanged) set.add(k);
        });
      }
      reconcile(deps, dn.projectId, dn.userId, doc, projectKeys);
    },
    onChange(name, doc) {
      const changes = pending.get(doc);
      if (!changes || changes.size === 0) return;
      const dn = parseDocName(name) as { projectId: string; userId: string };
      const batch: Pending = new Map(changes);
      changes.clear();
      projectKeys(dn.projectId, dn.userId, doc, batch);
    },
  };
}

/**
 * On load, the document is the truth: any entry that differs from SQLite (e.g. a crash between
 * persisting an update and projecting it) is projected now.
 */
function reconcile(deps: Deps, pid: string, userId: string, doc: Y.Doc, project: (pid: string, userId: string, doc: Y.Doc, c: Pending) => void) {
  const changes: Pending = new Map();
  for (const stage of STAGES) {
    const mapName = decisionsMapName(stage);
    const map = doc.getMap<Record<string, unknown>>(mapName);
    const stored = new Map(repo.listDecisions(deps.db, pid, stage).filter((d) => d.userId === userId).map((d) => [d.recordId, d]));
    const keys = new Set<string>();
    for (const [recordId, value] of map) {
      const s = stored.get(recordId);
      const v = value as { decision?: unknown; reasons?: unknown; note?: unknown; at?: unknown } | null;
      const same = s && v && s.decision === v.decision && s.note === v.note && s.at === v.at && JSON.stringify(s.reasons) === JSON.stringify(v.reasons);
      if (!same) keys.add(recordId);
    }
    for (const recordId of stored.keys()) if (!map.has(recordId)) keys.add(recordId);
    if (keys.size) changes.set(mapName, keys);
  }
  if (changes.size) project(pid, userId, doc, changes);
}
