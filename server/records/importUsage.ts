/**
 * What has been built on an import's records: screening decisions (current or since withdrawn,
 * since agreement at unblinding replays them), votes, final decisions, full texts, discussions,
 * synthesis sources, and a pilot round that would change. Any of these keeps the import in place.
 *
 * Counts from screening are derived from other people's decisions, so a lead who screens a stage
 * that is still blinded (DESIGN section 2) learns only that something is there, never how much.
 */
import type { Deps } from '../context';
import type { DB } from '../db/database';
import type { ImportBlocker } from '../../shared/records';
import { listSources } from '../../shared/workspace';
import { threadKeys } from '../../shared/discussions';
import { lockedPilotSize, maySeeOthersDecisions, pilotRecordIds } from '../screening/stages';
import { withWorkspace } from '../themes/workspace';

const OF_IMPORT = 'record_id IN (SELECT id FROM records WHERE import_id = ?)';

const count = (db: DB, sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

/** Records of the import with entries in `table` or its history `events`, now or withdrawn since. */
function touched(db: DB, pid: string, iid: string, table: 'decisions' | 'votes', events: 'decision_events' | 'vote_events'): number {
  return count(
    db,
    `SELECT COUNT(*) AS n FROM (SELECT record_id FROM ${table} WHERE project_id = ? AND ${OF_IMPORT}
       UNION SELECT record_id FROM ${events} WHERE project_id = ? AND ${OF_IMPORT})`,
    pid, iid, pid, iid,
  );
}

/** Records of the import with screening decisions at either stage, now or withdrawn since. */
const decided = (db: DB, pid: string, iid: string) => touched(db, pid, iid, 'decisions', 'decision_events');
/** Records of the import with votes, now or withdrawn since. */
const voted = (db: DB, pid: string, iid: string) => touched(db, pid, iid, 'votes', 'vote_events');

/** Records of the import that the workspace uses: as synthesis sources, and in record discussions. */
function inWorkspace(deps: Deps, pid: string, iid: string): { sources: number; discussed: number } {
  const ids = new Set((deps.db.prepare('SELECT id FROM records WHERE import_id = ?').pluck().all(iid) as string[]));
  return withWorkspace(deps, pid, (doc) => ({
    sources: new Set(listSources(doc).map((s) => s.recordId).filter((id) => ids.has(id))).size,
    // thread keys are `<stage>:<recordId>`
    discussed: new Set(threadKeys(doc).map((k) => k.slice(k.indexOf(':') + 1)).filter((id) => ids.has(id))).size,
  }));
}

/**
 * Whether removing the import (and promoting `promoted` in place of its primaries) would change
 * which records are in a pilot round that was unblinded early: records moving into it would show
 * their decisions to people still blind (the same rule as duplicate changes).
 */
export function pilotWouldChange(db: DB, pid: string, iid: string, promoted: readonly string[]): boolean {
  const size = lockedPilotSize(db, pid);
  if (!size) return false;
  const after = db
    .prepare(
      `SELECT id FROM records WHERE project_id = ? AND ((duplicate_of IS NULL AND import_id != ?) OR id IN (SELECT value FROM json_each(?)))
       ORDER BY seq LIMIT ?`,
    )
    .pluck()
    .all(pid, iid, JSON.stringify(promoted), size) as string[];
  return after.join() !== pilotRecordIds(db, pid, size).join();
}

const records = (n: number) => (n === 1 ? '1 of its records' : `${n} of its records`);
const has = (n: number, one: string, many: string) => `${records(n)} ${n === 1 ? one : many}`;

/** Why `userId` (a lead) may not remove the import now; empty when nothing was built on its records. */
export function importBlockers(deps: Deps, userId: string, pid: string, iid: string, promoted: readonly string[]): ImportBlocker[] {
  const { db } = deps;
  // Votes, final decisions, full texts and discussions all follow from screening decisions too.
  const knows = maySeeOthersDecisions(db, pid, 'ta', userId) && maySeeOthersDecisions(db, pid, 'ft', userId);
  const screening: ImportBlocker[] = [];
  const add = (list: ImportBlocker[], code: ImportBlocker['code'], n: number, message: string) => {
    if (n > 0) list.push({ code, count: n, message });
  };
  const decisions = decided(db, pid, iid);
  add(screening, 'decisions', decisions, has(decisions, 'already has screening decisions', 'already have screening decisions'));
  const votes = voted(db, pid, iid);
  add(screening, 'votes', votes, has(votes, 'has votes on a disagreement', 'have votes on a disagreement'));
  const resolved = count(db, `SELECT COUNT(DISTINCT record_id) AS n FROM resolutions WHERE project_id = ? AND ${OF_IMPORT}`, pid, iid);
  add(screening, 'resolutions', resolved, has(resolved, 'has a final decision', 'have a final decision'));
  const fulltexts = count(db, `SELECT COUNT(*) AS n FROM fulltexts WHERE project_id = ? AND ${OF_IMPORT}`, pid, iid);
  add(screening, 'fulltexts', fulltexts, has(fulltexts, 'has a full text', 'have a full text'));
  const workspace = inWorkspace(deps, pid, iid);
  add(screening, 'discussions', workspace.discussed, has(workspace.discussed, 'is discussed as a disagreement', 'are discussed as disagreements'));
  const out: ImportBlocker[] = knows || !screening.length ? screening : [{ code: 'screened', count: null, message: 'some of its records have already been screened' }];
  add(out, 'synthesis', workspace.sources, has(workspace.sources, 'is a source in the synthesis', 'are sources in the synthesis'));
  if (pilotWouldChange(db, pid, iid, promoted)) {
    out.push({ code: 'pilot', count: null, message: 'removing it would change which records are in the pilot round, which has already been unblinded' });
  }
  return out;
}

/** The refusal's sentence: every reason, and what to do instead. */
export function blockersMessage(blockers: readonly ImportBlocker[]): string {
  const reasons = blockers.map((b) => b.message);
  const list = reasons.length > 1 ? `${reasons.slice(0, -1).join('; ')}; and ${reasons.at(-1)}` : reasons[0] ?? '';
  return `This import can no longer be removed: ${list}. An import can be removed only before any work is done on its records. If only its source name is wrong, rename the source instead.`;
}
