/**
 * The themes sync extension (one entry in the hub's list):
 * - workspace documents: their theme tree is recorded in SQLite (batched) after each persisted change;
 * - private documents: each changed `feedback` entry is validated and projected through the
 *   feedback service after the update was persisted; refused entries are shown to their author in
 *   the document's `rejected` map (key `feedback:<themeId>`), as decisions are.
 */
import * as Y from 'yjs';
import type { Deps } from '../context';
import type { RejectedEntry } from '../../shared/screening';
import { parseDocName } from '../../shared/docnames';
import { FEEDBACK_MAP, rejectedFeedbackKey } from '../../shared/workspace';
import type { SyncExtension } from '../sync/documents';
import { SERVER_ORIGIN } from '../screening/projection';
import { nowIso } from '../ids';
import { projectFeedback } from './feedback';
import { refreshSenseCheck } from './senseCheck';
import { themeIndex } from './workspace';
import * as repo from './repo';

/** Who sent an update: the sync connection carries its user (duck-typed to keep sync and themes apart). */
const actorOf = (origin: unknown): string | null => (origin as { identity?: { userId?: string } } | null)?.identity?.userId ?? null;

/** Builds the extension. */
export function themesExtension(deps: Deps): SyncExtension {
  const index = themeIndex(deps);
  index.onChanged = (pid) => refreshSenseCheck(deps, pid);
  const pending = new WeakMap<Y.Doc, Set<string>>();

  const project = (pid: string, userId: string, doc: Y.Doc, themeIds: Iterable<string>) => {
    const map = doc.getMap(FEEDBACK_MAP);
    const rejected = doc.getMap<RejectedEntry>('rejected');
    const marks: [string, RejectedEntry | null][] = [];
    let changed = false;
    for (const themeId of themeIds) {
      let r: ReturnType<typeof projectFeedback>;
      try {
        r = projectFeedback(deps, pid, userId, themeId, map.get(themeId) ?? null);
      } catch (e) {
        // Never let one entry break the sync server's update handling; the entry is retried on the next load.
        console.error('themes: feedback projection failed', e);
        r = { ok: false, reason: 'The server could not check this feedback; it will try again.' };
      }
      const key = rejectedFeedbackKey(themeId);
      if (r.ok) {
        changed ||= r.changed;
        if (rejected.has(key)) marks.push([key, null]);
      } else marks.push([key, { message: r.reason, at: nowIso() }]);
    }
    if (marks.length) {
      // Written after the current update finished, as the server, so it is persisted and synced to the author.
      queueMicrotask(() => doc.transact(() => marks.forEach(([k, v]) => (v ? rejected.set(k, v) : rejected.delete(k))), SERVER_ORIGIN));
    }
    if (changed) refreshSenseCheck(deps, pid);
  };

  return {
    onLoad(name, doc) {
      const dn = parseDocName(name);
      if (dn?.kind === 'workspace') return index.safely(dn.projectId, () => void index.apply(dn.projectId, doc));
      if (dn?.kind !== 'private') return;
      const changes = new Set<string>();
      pending.set(doc, changes);
      doc.getMap(FEEDBACK_MAP).observe((event, tr) => {
        if (tr.origin !== SERVER_ORIGIN) for (const k of event.keysChanged) changes.add(k);
      });
      // The document is the truth: project whatever differs from SQLite (e.g. after a crash).
      const stored = repo.feedbackOf(deps.db, dn.projectId, dn.userId);
      const differing = new Set<string>(stored.keys());
      for (const [themeId, v] of doc.getMap<Record<string, unknown>>(FEEDBACK_MAP)) {
        const s = stored.get(themeId);
        if (s && v && s.at === v.at && s.comment === (v.comment ?? '') && s.resonance === (v.resonance ?? null)) differing.delete(themeId);
        else differing.add(themeId);
      }
      if (differing.size) project(dn.projectId, dn.userId, doc, differing);
    },
    onChange(name, doc, _update, origin) {
      const dn = parseDocName(name);
      if (dn?.kind === 'workspace') return index.changed(dn.projectId, actorOf(origin));
      const changes = pending.get(doc);
      if (dn?.kind !== 'private' || !changes || changes.size === 0) return;
      const batch = [...changes];
      changes.clear();
      project(dn.projectId, dn.userId, doc, batch);
    },
  };
}
