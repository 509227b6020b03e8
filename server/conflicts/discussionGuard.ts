/**
 * Keeps record discussions inside the blinding rule on the server, not just in the client: a
 * thread (`discussions` key `<stage>:<recordId>` in the workspace document, which every member
 * reads) may only be started for a stage that is unblinded, or for a pilot record once the pilot
 * was unblinded — otherwise a thread's mere existence would tell screeners which records are
 * disputed. Updates that start any other thread are refused whole.
 */
import * as Y from 'yjs';
import type { Deps } from '../context';
import { parseDocName } from '../../shared/docnames';
import type { SyncExtension } from '../sync/documents';
import { findProject } from '../projects/repo';
import { isPilotUnblinded, isUnblinded, pilotRecordIds } from '../screening/stages';

/** The thread keys an update starts at the root of `discussions`. */
function startedThreads(update: Uint8Array): string[] {
  const keys: string[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    // In a decoded update an item directly under a root type names that type as a string.
    const parent = (s as { parent?: unknown }).parent;
    if (s instanceof Y.Item && parent === 'discussions' && typeof s.parentSub === 'string') keys.push(s.parentSub);
  }
  return keys;
}

/** The sync extension refusing workspace updates that start a thread the blinding rule forbids. */
export function discussionGuard(deps: Pick<Deps, 'db'>): SyncExtension {
  return {
    refuseWrite(name, update) {
      const doc = parseDocName(name);
      if (doc?.kind !== 'workspace') return null;
      const keys = startedThreads(update);
      if (keys.length === 0) return null;
      const pid = doc.projectId;
      for (const key of keys) {
        const [stage, recordId] = key.split(':');
        if ((stage !== 'ta' && stage !== 'ft') || !recordId) return `not a thread key: ${key}`;
        if (isUnblinded(deps.db, pid, stage)) continue;
        const pilot = stage === 'ta' && isPilotUnblinded(deps.db, pid) && pilotRecordIds(deps.db, pid, findProject(deps.db, pid)?.pilotSize ?? 0).includes(recordId);
        if (!pilot) return `discussion started on a blinded stage (${key})`;
      }
      return null;
    },
  };
}
