/**
 * Balanced assignment: each record of a stage goes to `reviewersPerRecord` screeners, the least
 * loaded first; the pilot records (the first `pilotSize`) go to every screener. Incremental and
 * stable: existing assignments are kept, only missing places are filled.
 */
import type { DB } from '../db/database';
import type { Stage } from '../../shared/api';
import { findProject } from '../projects/repo';
import { stageQueue } from './stages';
import * as repo from './repo';

/** Fills missing assignments of a balanced stage; returns how many were added. */
export function ensureAssignments(db: DB, pid: string, stage: Stage): number {
  // Only balanced stages have assignments; the stage's records are too dear to read just to find that out.
  if (findProject(db, pid)?.assignment !== 'balanced') return 0;
  const state = stageQueue(db, pid, stage);
  if (!state.assignments || state.screeners.length === 0) return 0;
  const screenerIds = state.screeners.map((s) => s.userId);
  const active = new Set(screenerIds);
  const load = new Map(screenerIds.map((id) => [id, 0]));
  for (const users of state.assignments.values()) for (const u of users) if (active.has(u)) load.set(u, load.get(u)! + 1);
  const perRecord = Math.min(state.project.reviewersPerRecord, screenerIds.length);
  const added: { recordId: string; userId: string }[] = [];
  state.recordIds.forEach((recordId, index) => {
    const current = (state.assignments!.get(recordId) ?? []).filter((u) => active.has(u));
    const want = index < state.project.pilotSize ? screenerIds.length : perRecord;
    const candidates = screenerIds
      .filter((u) => !current.includes(u))
      .sort((a, b) => load.get(a)! - load.get(b)! || (a < b ? -1 : 1));
    for (const u of candidates.slice(0, Math.max(0, want - current.length))) {
      added.push({ recordId, userId: u });
      load.set(u, load.get(u)! + 1);
    }
  });
  if (added.length) db.transaction(() => repo.insertAssignments(db, pid, stage, added))();
  return added.length;
}

/** Moves a (removed or unavailable) screener's undecided records to another screener. */
export function reassign(db: DB, pid: string, stage: Stage, from: string, to: string): number {
  const decided = new Set(repo.listDecisions(db, pid, stage).filter((d) => d.userId === from).map((d) => d.recordId));
  const rows = db.prepare('SELECT record_id FROM assignments WHERE project_id = ? AND stage = ? AND user_id = ?').all(pid, stage, from) as { record_id: string }[];
  const moving = rows.map((r) => r.record_id).filter((id) => !decided.has(id));
  db.transaction(() => {
    for (const id of moving) {
      db.prepare('DELETE FROM assignments WHERE project_id = ? AND stage = ? AND record_id = ? AND user_id = ?').run(pid, stage, id, from);
      repo.insertAssignments(db, pid, stage, [{ recordId: id, userId: to }]);
    }
  })();
  return moving.length;
}
