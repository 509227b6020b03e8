/** Duplicate groups repository: which primaries have duplicates, and changing a record's duplicate link. */
import type { DB } from '../db/database';
import { followersIn } from '../../shared/records';

/** How a record is linked (or not) to a primary; the before/after of every duplicate event. */
export interface LinkState {
  duplicateOf: string | null;
  reason: string | null;
  score: number | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  /** the record this one followed into its group (its link holds to that record), or null */
  via: string | null;
}

/** Which groups to list. */
export interface GroupQuery {
  status: 'all' | 'confirmed' | 'unconfirmed';
  reason: 'doi' | 'pmid' | 'fuzzy' | 'manual' | null;
}

function groupWhere(pid: string, q: GroupQuery): { sql: string; params: unknown[] } {
  const conds = ['p.project_id = ?', 'p.duplicate_of IS NULL', 'EXISTS (SELECT 1 FROM records d WHERE d.duplicate_of = p.id)'];
  const params: unknown[] = [pid];
  if (q.reason) {
    conds.push('EXISTS (SELECT 1 FROM records d WHERE d.duplicate_of = p.id AND d.duplicate_reason = ?)');
    params.push(q.reason);
  }
  const open = 'EXISTS (SELECT 1 FROM records d WHERE d.duplicate_of = p.id AND d.duplicate_confirmed_at IS NULL)';
  if (q.status === 'unconfirmed') conds.push(open);
  if (q.status === 'confirmed') conds.push(`NOT ${open}`);
  return { sql: conds.join(' AND '), params };
}

/** Primary ids of the matching groups after `afterSeq`, in arrival order, one more than `limit` if there are more. */
export function groupPrimaryIds(db: DB, pid: string, q: GroupQuery, afterSeq: number, limit: number): { id: string; seq: number }[] {
  const w = groupWhere(pid, q);
  return db.prepare(`SELECT p.id, p.seq FROM records p WHERE ${w.sql} AND p.seq > ? ORDER BY p.seq LIMIT ?`).all(...w.params, afterSeq, limit + 1) as { id: string; seq: number }[];
}

/** How many groups match. */
export function countGroups(db: DB, pid: string, q: GroupQuery): number {
  const w = groupWhere(pid, q);
  return (db.prepare(`SELECT COUNT(*) AS n FROM records p WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
}

/** Totals for the duplicates page: groups, linked duplicates, and groups with unconfirmed links. */
export function groupTotals(db: DB, pid: string): { groups: number; duplicates: number; unconfirmed: number } {
  const all = { status: 'all', reason: null } as const;
  const duplicates = (db.prepare('SELECT COUNT(*) AS n FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL').get(pid) as { n: number }).n;
  return { groups: countGroups(db, pid, all), duplicates, unconfirmed: countGroups(db, pid, { status: 'unconfirmed', reason: null }) };
}

/** A record's link state, or null when the record is not in the project. */
export function linkOf(db: DB, pid: string, rid: string): LinkState | null {
  const r = db
    .prepare('SELECT duplicate_of, duplicate_reason, duplicate_score, duplicate_confirmed_at, duplicate_confirmed_by, duplicate_via FROM records WHERE project_id = ? AND id = ?')
    .get(pid, rid) as Record<string, string | number | null> | undefined;
  if (!r) return null;
  return {
    duplicateOf: r.duplicate_of as string | null,
    reason: r.duplicate_reason as string | null,
    score: r.duplicate_score as number | null,
    confirmedAt: r.duplicate_confirmed_at as string | null,
    confirmedBy: r.duplicate_confirmed_by as string | null,
    via: r.duplicate_via as string | null,
  };
}

/** Ids of a primary's duplicates, in arrival order. */
export function duplicateIdsOf(db: DB, pid: string, primaryId: string): string[] {
  return (db.prepare('SELECT id FROM records WHERE project_id = ? AND duplicate_of = ? ORDER BY seq').all(pid, primaryId) as { id: string }[]).map((r) => r.id);
}

/** Sets a record's duplicate link (all six columns). */
export function writeLink(db: DB, pid: string, rid: string, s: LinkState): void {
  db.prepare(
    `UPDATE records SET duplicate_of = ?, duplicate_reason = ?, duplicate_score = ?, duplicate_confirmed_at = ?, duplicate_confirmed_by = ?,
       duplicate_via = ? WHERE project_id = ? AND id = ?`,
  ).run(s.duplicateOf, s.reason, s.score, s.confirmedAt, s.confirmedBy, s.via, pid, rid);
}

/** The duplicates in `primaryId`'s group that belong with `rid` (see followersIn). */
export function followersOf(db: DB, pid: string, primaryId: string, rid: string): string[] {
  const members = db.prepare('SELECT id, duplicate_via AS via FROM records WHERE project_id = ? AND duplicate_of = ? AND duplicate_via IS NOT NULL ORDER BY seq').all(pid, primaryId) as { id: string; via: string }[];
  return followersIn(members, rid);
}
