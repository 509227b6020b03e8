/**
 * Undoing a mistaken import and correcting its source name (lead only, each audited). An import
 * can be removed only while nothing was built on its records (importUsage.ts); its records leave
 * the project with it, and a duplicate group that loses its primary keeps its other members, the
 * earliest of which becomes the record screened in the removed one's place.
 */
import type { Deps } from '../context';
import type { DB } from '../db/database';
import { STAGES } from '../../shared/api';
import type { ImportItem, ImportRemovalPreview } from '../../shared/records';
import { appendEvent } from '../audit/events';
import { AppError } from '../errors';
import { requireLead } from '../projects/policy';
import { ensureAssignments } from '../screening/assignments';
import { oneImportAtATime } from './import';
import { findImport } from './importHistory';
import { blockersMessage, importBlockers } from './importUsage';
import { discardStaged } from './store';

/**
 * Records of other imports in duplicate groups whose primary is one of the import's records, per
 * group in arrival order: the first of each becomes the group's primary when the import goes.
 */
function orphanedGroups(db: DB, iid: string): Map<string, string[]> {
  const rows = db
    .prepare('SELECT id, duplicate_of AS primaryId FROM records WHERE duplicate_of IN (SELECT id FROM records WHERE import_id = ?) AND import_id != ? ORDER BY seq')
    .all(iid, iid) as { id: string; primaryId: string }[];
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const members = groups.get(r.primaryId);
    if (members) members.push(r.id);
    else groups.set(r.primaryId, [r.id]);
  }
  return groups;
}

const promotedOf = (groups: Map<string, string[]>) => [...groups.values()].map((members) => members[0]!);
/** Records of other imports in those groups: they stay. */
const stayingIn = (groups: Map<string, string[]>) => [...groups.values()].reduce((n, members) => n + members.length, 0);
const countRecords = (db: DB, iid: string) => (db.prepare('SELECT COUNT(*) AS n FROM records WHERE import_id = ?').get(iid) as { n: number }).n;

/** What removing the import would do, or why it cannot be removed (lead only). */
export function removalPreview(deps: Deps, userId: string, pid: string, iid: string): ImportRemovalPreview {
  const { db } = deps;
  requireLead(db, pid, userId);
  const imp = findImport(db, pid, iid);
  const groups = orphanedGroups(db, iid);
  const promoted = promotedOf(groups);
  const titles = db.prepare('SELECT id, title FROM records WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq').all(JSON.stringify(promoted)) as { id: string; title: string }[];
  return {
    importId: iid,
    source: imp.source,
    filename: imp.filename,
    records: countRecords(db, iid),
    staying: stayingIn(groups),
    promoted: titles,
    blockers: importBlockers(deps, userId, pid, iid, promoted),
  };
}

/** What a removal did. */
export interface ImportRemoved {
  importId: string;
  records: number;
  staying: number;
  promoted: string[];
}

/**
 * Removes an import and its records (lead only) in one transaction, after any import into the
 * project under way: 409 `import_in_use` when anything was built on its records.
 */
export async function removeImport(deps: Deps, userId: string, pid: string, iid: string): Promise<ImportRemoved> {
  requireLead(deps.db, pid, userId);
  findImport(deps.db, pid, iid);
  const removed = await oneImportAtATime(pid, async () => {
    // the lead's role, or the import itself, may have gone while an import ran
    requireLead(deps.db, pid, userId);
    return deps.db.transaction(() => removeNow(deps, userId, pid, iid))();
  });
  // Promoted records join the stages and removed ones leave: fill balanced assignments, redraw the board.
  for (const stage of STAGES) ensureAssignments(deps.db, pid, stage);
  deps.board.refresh(pid);
  return removed;
}

function removeNow(deps: Deps, userId: string, pid: string, iid: string): ImportRemoved {
  const { db } = deps;
  const imp = findImport(db, pid, iid);
  const groups = orphanedGroups(db, iid);
  const promoted = promotedOf(groups);
  const blockers = importBlockers(deps, userId, pid, iid, promoted);
  if (blockers.length) {
    throw new AppError(409, 'import_in_use', blockersMessage(blockers), Object.fromEntries(blockers.map((b) => [b.code, b.message])));
  }
  // A record that followed a removed one into its group now holds to the group itself.
  db.prepare('UPDATE records SET duplicate_via = NULL WHERE project_id = ? AND import_id != ? AND duplicate_via IN (SELECT id FROM records WHERE import_id = ?)').run(pid, iid, iid);
  const relink = db.prepare('UPDATE records SET duplicate_of = ?, duplicate_via = NULLIF(duplicate_via, ?) WHERE project_id = ? AND duplicate_of = ? AND id != ?');
  const promote = db.prepare(
    `UPDATE records SET duplicate_of = NULL, duplicate_reason = NULL, duplicate_score = NULL, duplicate_confirmed_at = NULL,
       duplicate_confirmed_by = NULL, duplicate_via = NULL WHERE id = ?`,
  );
  for (const [oldPrimary, members] of groups) {
    const primary = members[0]!;
    promote.run(primary);
    // the others keep their own link (reason, score, confirmation), now to the new primary
    relink.run(primary, primary, pid, oldPrimary, primary);
  }
  const records = db.prepare('DELETE FROM records WHERE import_id = ?').run(iid).changes;
  db.prepare('DELETE FROM imports WHERE id = ?').run(iid);
  discardStaged(db, iid);
  // Records' rowids are reused once the highest are deleted: the index's high-water mark must not
  // stay above them, or the next import's records would be taken as indexed and never be.
  db.prepare('UPDATE records_fts_state SET indexed_upto = MIN(indexed_upto, (SELECT COALESCE(MAX(rowid), 0) FROM records)) WHERE id = 1').run();
  const staying = stayingIn(groups);
  appendEvent(db, {
    projectId: pid,
    actorId: userId,
    type: 'import.removed',
    entity: 'import',
    entityId: iid,
    before: { source: imp.source, format: imp.format, filename: imp.filename, parsed: imp.parsed, added: imp.added, duplicates: imp.duplicates, createdAt: imp.createdAt, by: imp.by },
    after: { records, staying, promoted },
  });
  return { importId: iid, records, staying, promoted };
}

/** Renames an import's source database (lead only, audited); PRISMA's counts by source follow. */
export function renameImport(deps: Deps, userId: string, pid: string, iid: string, source: string): ImportItem {
  const { db } = deps;
  requireLead(db, pid, userId);
  const imp = findImport(db, pid, iid);
  if (imp.source === source) return imp;
  db.transaction(() => {
    db.prepare('UPDATE imports SET source = ? WHERE id = ?').run(source, iid);
    appendEvent(db, { projectId: pid, actorId: userId, type: 'import.renamed', entity: 'import', entityId: iid, before: { source: imp.source }, after: { source } });
  })();
  return findImport(db, pid, iid);
}
