/**
 * Sense-check summaries in the board document's `Y.Map('senseCheck')` (key = theme id), built from
 * SQLite. They are not blinded: co-researchers give feedback to be shared with the whole team,
 * names included, so every board view carries the same summaries.
 */
import type * as Y from 'yjs';
import type { Deps } from '../context';
import { SENSE_CHECK_MAP, type SenseCheckResponse, type SenseCheckSummary } from '../../shared/workspace';
import * as repo from './repo';

/** The summary of every current theme of a project, in tree order. */
export function senseCheckSummaries(deps: Pick<Deps, 'db'>, pid: string): SenseCheckSummary[] {
  const feedback = repo.listFeedback(deps.db, pid);
  return repo
    .listThemes(deps.db, pid)
    .filter((t) => !t.deleted)
    .map((t) => {
      const mine = feedback.filter((f) => f.themeId === t.themeId);
      const counts = { resonates: 0, partly: 0, not: 0, skipped: 0 };
      const responses: SenseCheckResponse[] = mine.map((f) => {
        if (f.skipped) counts.skipped++;
        else if (f.resonance) counts[f.resonance]++;
        return {
          userId: f.userId,
          name: f.name,
          resonance: f.resonance,
          skipped: f.skipped,
          comment: f.comment,
          at: f.at,
          version: f.themeVersion,
          onCurrentVersion: f.themeVersion === t.version,
        };
      });
      const onCurrentVersion = responses.filter((r) => r.onCurrentVersion).length;
      return {
        themeId: t.themeId,
        name: t.name,
        kind: t.kind,
        version: t.version,
        revision: t.revision,
        changedAt: t.changedAt,
        counts,
        onCurrentVersion,
        onEarlierVersion: responses.length - onCurrentVersion,
        changedAfterFeedback: responses.length > onCurrentVersion,
        comments: responses.filter((r) => r.comment.trim() !== ''),
      };
    });
}

/** Writes the summaries into one board view (called from the board's fill; unchanged entries are left alone). */
export function writeSenseCheck(deps: Pick<Deps, 'db'>, pid: string, doc: Y.Doc): void {
  const map = doc.getMap<SenseCheckSummary>(SENSE_CHECK_MAP);
  const next = new Map(senseCheckSummaries(deps, pid).map((s) => [s.themeId, s]));
  doc.transact(() => {
    for (const key of [...map.keys()]) if (!next.has(key)) map.delete(key);
    for (const [key, s] of next) {
      const prev = map.get(key);
      if (!prev || JSON.stringify(prev) !== JSON.stringify(s)) map.set(key, s);
    }
  }, 'board');
}

const timers = new WeakMap<Deps, Map<string, NodeJS.Timeout>>();

/** Rewrites the summaries in every loaded board view of a project (debounced a little). */
export function refreshSenseCheck(deps: Deps, pid: string, delayMs = 30): void {
  let perProject = timers.get(deps);
  if (!perProject) timers.set(deps, (perProject = new Map()));
  if (perProject.has(pid)) return;
  const t = setTimeout(() => {
    perProject.delete(pid);
    if (!deps.db.open) return; // the server shut down meanwhile
    for (const { doc } of deps.sync.loadedDocs(`p/${pid}/board#`)) writeSenseCheck(deps, pid, doc);
  }, delayMs);
  t.unref();
  perProject.set(pid, t);
}
