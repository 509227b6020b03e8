/**
 * Keeps record discussions inside the blinding rule on the server, not just in the client: a
 * comment (`discussionComments`, its `threadKey` `<stage>:<recordId>`) may only be written, and an
 * old-layout thread (`discussions` key `<stage>:<recordId>`) only started, for a stage that is
 * unblinded, or for a pilot record once the pilot was unblinded — the workspace document reaches
 * every member, so otherwise a thread's mere existence would tell screeners which records are
 * disputed. Updates that do so for any other thread are refused whole.
 */
import type { Deps } from '../context';
import { parseDocName } from '../../shared/docnames';
import type { DocRegistry, SyncExtension } from '../sync/documents';
import { findProject } from '../projects/repo';
import { isPilotUnblinded, isUnblinded, pilotRecordIds } from '../screening/stages';
import { discussionWritesOnce } from './discussionWrites';

/** Why a thread may not be written to now, or null when it may. */
function blindedThread(deps: Pick<Deps, 'db'>, pid: string, key: unknown): string | null {
  const at = typeof key === 'string' ? key.indexOf(':') : -1;
  const stage = at > 0 ? (key as string).slice(0, at) : '';
  const recordId = at > 0 ? (key as string).slice(at + 1) : '';
  if ((stage !== 'ta' && stage !== 'ft') || !recordId) return `not a thread key: ${String(key)}`;
  if (isUnblinded(deps.db, pid, stage)) return null;
  const pilot = stage === 'ta' && isPilotUnblinded(deps.db, pid) && pilotRecordIds(deps.db, pid, findProject(deps.db, pid)?.pilotSize ?? 0).includes(recordId);
  return pilot ? null : `discussion on a blinded stage (${key})`;
}

/** The sync extension refusing workspace updates that write to a thread the blinding rule forbids. */
export function discussionGuard(deps: Pick<Deps, 'db'>, registry: () => DocRegistry): SyncExtension {
  return {
    refuseWrite(name, update) {
      const doc = parseDocName(name);
      if (doc?.kind !== 'workspace') return null;
      const current = registry().peek(name);
      if (!current) return 'workspace document not loaded';
      let keys: unknown[];
      try {
        const w = discussionWritesOnce(current, update);
        keys = [...w.startedThreads, ...w.newComments.flatMap((c) => (c.layout === 'flat' ? (c.fields.get('threadKey') ?? []) : []))];
      } catch {
        return 'an update whose discussion writes cannot be checked';
      }
      for (const key of new Set(keys)) {
        const why = blindedThread(deps, doc.projectId, key);
        if (why) return why;
      }
      return null;
    },
  };
}
