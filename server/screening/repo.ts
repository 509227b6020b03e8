/** Screening repository: decisions, their events, screeners, assignments, unblindings, resolutions. */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import type { Stage } from '../../shared/api';
import type { Decision, DecisionValue } from '../../shared/screening';
import { nowIso } from '../ids';

export interface DecisionRow {
  recordId: string;
  userId: string;
  decision: Decision;
  reasons: string[];
  note: string;
  at: string;
}

const toDecision = (r: Record<string, string>): DecisionRow => ({
  recordId: r.record_id!,
  userId: r.user_id!,
  decision: r.decision as Decision,
  reasons: JSON.parse(r.reasons!),
  note: r.note!,
  at: r.client_at!,
});

/** A user's current decision on a record, or null. */
export function findDecision(db: DB, pid: string, stage: Stage, recordId: string, userId: string): DecisionValue | null {
  const r = stmt(db, 'SELECT * FROM decisions WHERE project_id = ? AND stage = ? AND record_id = ? AND user_id = ?')
    .get(pid, stage, recordId, userId) as Record<string, string> | undefined;
  if (!r) return null;
  const d = toDecision(r);
  return { decision: d.decision, reasons: d.reasons, note: d.note, at: d.at };
}

/** Writes (or withdraws, when `value` is null) a decision and appends its event. Call in a transaction. */
export function writeDecision(
  db: DB,
  pid: string,
  stage: Stage,
  recordId: string,
  userId: string,
  before: DecisionValue | null,
  value: DecisionValue | null,
): void {
  const now = nowIso();
  if (value) {
    stmt(db, 
      `INSERT INTO decisions (project_id, stage, record_id, user_id, decision, reasons, note, client_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?)
       ON CONFLICT (project_id, stage, record_id, user_id) DO UPDATE SET
         decision = excluded.decision, reasons = excluded.reasons, note = excluded.note,
         client_at = excluded.client_at, updated_at = excluded.updated_at`,
    ).run(pid, stage, recordId, userId, value.decision, JSON.stringify(value.reasons), value.note, value.at, now);
  } else {
    stmt(db, 'DELETE FROM decisions WHERE project_id = ? AND stage = ? AND record_id = ? AND user_id = ?').run(pid, stage, recordId, userId);
  }
  stmt(db, 
    'INSERT INTO decision_events (project_id, stage, record_id, user_id, before, after, at) VALUES (?,?,?,?,?,?,?)',
  ).run(pid, stage, recordId, userId, before ? JSON.stringify(before) : null, value ? JSON.stringify(value) : null, now);
}

/** Every current decision at a stage. */
export function listDecisions(db: DB, pid: string, stage: Stage): DecisionRow[] {
  // Rows as arrays of the columns needed, and no JSON parse for the usual empty reasons: about a
  // third faster on the 90,000 decisions of a large stage, which every board refresh reads.
  const rows = stmt(db, 'SELECT record_id, user_id, decision, reasons, note, client_at FROM decisions WHERE project_id = ? AND stage = ?')
    .raw()
    .all(pid, stage) as [string, string, Decision, string, string, string][];
  return rows.map(([recordId, userId, decision, reasons, note, at]) => ({ recordId, userId, decision, reasons: reasons === '[]' ? [] : (JSON.parse(reasons) as string[]), note, at }));
}

const asOfCache = new WeakMap<DB, Map<string, readonly DecisionRow[]>>();
const AS_OF_KEPT = 8;

/**
 * Decisions as they stood right after decision event `lastEventId` (replaying the append-only
 * events). Committed events never change and later ones get higher ids, so the answer for an
 * event id stays true: the last few are kept (the board needs the unblinding's after each
 * decision; replaying 90,000 events took 250 ms). Reads inside a transaction are not kept, as it
 * may yet roll back.
 */
export function decisionsAsOf(db: DB, pid: string, stage: Stage, lastEventId: number): readonly DecisionRow[] {
  let cache = asOfCache.get(db);
  if (!cache) asOfCache.set(db, (cache = new Map()));
  const key = `${pid}|${stage}|${lastEventId}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the first key is the one to drop.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rows = Object.freeze(replayDecisions(db, pid, stage, lastEventId));
  if (!db.inTransaction) {
    cache.set(key, rows);
    if (cache.size > AS_OF_KEPT) cache.delete(cache.keys().next().value!);
  }
  return rows;
}

function replayDecisions(db: DB, pid: string, stage: Stage, lastEventId: number): DecisionRow[] {
  const rows = stmt(db, 'SELECT record_id, user_id, after FROM decision_events WHERE project_id = ? AND stage = ? AND id <= ? ORDER BY id')
    .all(pid, stage, lastEventId) as { record_id: string; user_id: string; after: string | null }[];
  const state = new Map<string, DecisionRow>();
  for (const r of rows) {
    const key = `${r.record_id}\u0000${r.user_id}`;
    if (r.after === null) state.delete(key);
    else {
      const v = JSON.parse(r.after) as DecisionValue;
      state.set(key, { recordId: r.record_id, userId: r.user_id, ...v });
    }
  }
  return [...state.values()];
}

/** The newest decision event id (0 when none). */
export function lastDecisionEventId(db: DB, pid: string): number {
  return (stmt(db, 'SELECT COALESCE(MAX(id), 0) AS id FROM decision_events WHERE project_id = ?').get(pid) as { id: number }).id;
}

/** Users a lead added as screeners of a stage. */
export function listExtraScreeners(db: DB, pid: string, stage: Stage): string[] {
  return (stmt(db, 'SELECT user_id FROM stage_screeners WHERE project_id = ? AND stage = ?').all(pid, stage) as { user_id: string }[]).map((r) => r.user_id);
}

/** Adds or removes an extra screener. */
export function setExtraScreener(db: DB, pid: string, stage: Stage, userId: string, on: boolean): void {
  if (on) stmt(db, 'INSERT OR IGNORE INTO stage_screeners (project_id, stage, user_id) VALUES (?,?,?)').run(pid, stage, userId);
  else stmt(db, 'DELETE FROM stage_screeners WHERE project_id = ? AND stage = ? AND user_id = ?').run(pid, stage, userId);
}

/** Balanced assignments of a stage: record id → user ids. */
export function listAssignments(db: DB, pid: string, stage: Stage): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of stmt(db, 'SELECT record_id, user_id FROM assignments WHERE project_id = ? AND stage = ?').all(pid, stage) as { record_id: string; user_id: string }[]) {
    const list = m.get(r.record_id);
    if (list) list.push(r.user_id);
    else m.set(r.record_id, [r.user_id]);
  }
  return m;
}

/** Adds assignments (balanced mode). */
export function insertAssignments(db: DB, pid: string, stage: Stage, pairs: { recordId: string; userId: string }[]): void {
  const st = stmt(db, 'INSERT OR IGNORE INTO assignments (project_id, stage, record_id, user_id) VALUES (?,?,?,?)');
  for (const p of pairs) st.run(pid, stage, p.recordId, p.userId);
}

export interface Unblinding {
  stage: Stage;
  scope: 'stage' | 'pilot';
  byUser: string;
  at: string;
  lastDecisionEvent: number;
}

/** Unblinding events of a project. */
export function listUnblindings(db: DB, pid: string): Unblinding[] {
  return (stmt(db, 'SELECT stage, scope, by_user, at, last_decision_event FROM unblindings WHERE project_id = ?').all(pid) as Record<string, string & number>[]).map((r) => ({
    stage: r.stage as Stage,
    scope: r.scope as 'stage' | 'pilot',
    byUser: r.by_user,
    at: r.at,
    lastDecisionEvent: r.last_decision_event,
  }));
}

/** A stage's unblinding of the given scope, or null while it is blinded. */
export function findUnblinding(db: DB, pid: string, stage: Stage, scope: 'stage' | 'pilot' = 'stage'): Unblinding | null {
  return listUnblindings(db, pid).find((u) => u.stage === stage && u.scope === scope) ?? null;
}

/** Records an unblinding (idempotent per stage and scope). Returns false when it was already unblinded. */
export function insertUnblinding(db: DB, pid: string, u: Unblinding): boolean {
  const r = stmt(db, 'INSERT OR IGNORE INTO unblindings (project_id, stage, scope, by_user, at, last_decision_event) VALUES (?,?,?,?,?,?)')
    .run(pid, u.stage, u.scope, u.byUser, u.at, u.lastDecisionEvent);
  return r.changes === 1;
}

/** Records an entry the server refused to project. */
export function insertRejected(db: DB, pid: string, userId: string, docKey: string, value: unknown, reason: string): void {
  stmt(db, 'INSERT INTO rejected_entries (project_id, user_id, doc_key, value, reason, at) VALUES (?,?,?,?,?,?)').run(
    pid,
    userId,
    docKey,
    JSON.stringify(value ?? null),
    reason,
    nowIso(),
  );
}

export interface ResolutionRow {
  recordId: string;
  decision: 'include' | 'exclude';
  reason: string;
  source: 'lead' | 'quorum';
  byUser: string | null;
  at: string;
  /** one of the project's exclusion reasons, chosen by a lead settling an exclusion (absent otherwise) */
  exclusionReason?: string | null;
}

/** Final decisions settled after unblinding, by record. */
export function listResolutions(db: DB, pid: string, stage: Stage): Map<string, ResolutionRow> {
  const rows = stmt(db, 'SELECT * FROM resolutions WHERE project_id = ? AND stage = ?').all(pid, stage) as Record<string, string>[];
  return new Map(
    rows.map((r) => [
      r.record_id!,
      {
        recordId: r.record_id!, decision: r.decision as 'include' | 'exclude', reason: r.reason!, source: r.source as 'lead' | 'quorum', byUser: r.by_user ?? null, at: r.at!,
        ...(r.exclusion_reason ? { exclusionReason: r.exclusion_reason } : {}),
      },
    ]),
  );
}

/** Sets a record's final decision at a stage. */
export function upsertResolution(db: DB, pid: string, stage: Stage, r: ResolutionRow): void {
  stmt(db, 
    `INSERT INTO resolutions (project_id, stage, record_id, decision, reason, source, by_user, at, exclusion_reason) VALUES (?,?,?,?,?,?,?,?,?)
     ON CONFLICT (project_id, stage, record_id) DO UPDATE SET decision = excluded.decision, reason = excluded.reason,
       source = excluded.source, by_user = excluded.by_user, at = excluded.at, exclusion_reason = excluded.exclusion_reason`,
  ).run(pid, stage, r.recordId, r.decision, r.reason, r.source, r.byUser, r.at, r.exclusionReason ?? null);
}
