/** Themes repository: the server's theme records, sense-check feedback and its history. */
import type { DB } from '../db/database';
import type { Resonance } from '../../shared/workspace';
import { nowIso } from '../ids';

/** A theme as the server last saw it in the workspace document. */
export interface ThemeRow {
  themeId: string;
  name: string;
  kind: 'analytical' | 'descriptive';
  parentId: string | null;
  position: number;
  version: string;
  revision: number;
  deleted: boolean;
  changedAt: string;
}

/** Feedback as stored (a skip has resonance null). */
export interface FeedbackRow {
  resonance: Resonance | null;
  skipped: boolean;
  comment: string;
  themeVersion: string;
  at: string;
}

const toTheme = (r: Record<string, unknown>): ThemeRow => ({
  themeId: r.theme_id as string,
  name: r.name as string,
  kind: r.kind as ThemeRow['kind'],
  parentId: (r.parent_id as string | null) ?? null,
  position: r.position as number,
  version: r.version as string,
  revision: r.revision as number,
  deleted: r.deleted === 1,
  changedAt: r.changed_at as string,
});

/** Every theme row of a project (deleted ones too), in tree order. */
export function listThemes(db: DB, pid: string): ThemeRow[] {
  return (db.prepare('SELECT * FROM themes WHERE project_id = ? ORDER BY deleted, position, theme_id').all(pid) as Record<string, unknown>[]).map(toTheme);
}

/** One theme row, or null. */
export function findTheme(db: DB, pid: string, themeId: string): ThemeRow | null {
  const r = db.prepare('SELECT * FROM themes WHERE project_id = ? AND theme_id = ?').get(pid, themeId) as Record<string, unknown> | undefined;
  return r ? toTheme(r) : null;
}

/** Inserts or updates a theme row; the revision goes up when the version changed. Call in a transaction. */
export function saveTheme(db: DB, pid: string, t: Omit<ThemeRow, 'revision' | 'deleted' | 'changedAt'>, before: ThemeRow | null): void {
  const now = nowIso();
  if (!before) {
    db.prepare(
      'INSERT INTO themes (project_id, theme_id, name, kind, parent_id, position, version, revision, deleted, changed_at) VALUES (?,?,?,?,?,?,?,1,0,?)',
    ).run(pid, t.themeId, t.name, t.kind, t.parentId, t.position, t.version, now);
    return;
  }
  const bumped = before.version !== t.version || before.deleted;
  db.prepare(
    `UPDATE themes SET name = ?, kind = ?, parent_id = ?, position = ?, version = ?, deleted = 0,
       revision = revision + ?, changed_at = CASE WHEN ? THEN ? ELSE changed_at END
     WHERE project_id = ? AND theme_id = ?`,
  ).run(t.name, t.kind, t.parentId, t.position, t.version, bumped ? 1 : 0, bumped ? 1 : 0, now, pid, t.themeId);
}

/** Marks a theme deleted (its feedback is kept). Call in a transaction. */
export function markThemeDeleted(db: DB, pid: string, themeId: string): void {
  db.prepare('UPDATE themes SET deleted = 1, changed_at = ? WHERE project_id = ? AND theme_id = ?').run(nowIso(), pid, themeId);
}

/** A person's current feedback on a theme, or null. */
export function findFeedback(db: DB, pid: string, themeId: string, userId: string): FeedbackRow | null {
  const r = db
    .prepare('SELECT resonance, skipped, comment, theme_version, client_at FROM theme_feedback WHERE project_id = ? AND theme_id = ? AND user_id = ?')
    .get(pid, themeId, userId) as Record<string, unknown> | undefined;
  return r ? toFeedback(r) : null;
}

const toFeedback = (r: Record<string, unknown>): FeedbackRow => ({
  resonance: (r.resonance as Resonance | null) ?? null,
  skipped: r.skipped === 1,
  comment: r.comment as string,
  themeVersion: r.theme_version as string,
  at: r.client_at as string,
});

/** Writes (or withdraws, when `value` is null) feedback and appends its history. Call in a transaction. */
export function writeFeedback(db: DB, pid: string, themeId: string, userId: string, before: FeedbackRow | null, value: FeedbackRow | null): void {
  const now = nowIso();
  if (value) {
    db.prepare(
      `INSERT INTO theme_feedback (project_id, theme_id, user_id, resonance, skipped, comment, theme_version, client_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?)
       ON CONFLICT (project_id, theme_id, user_id) DO UPDATE SET resonance = excluded.resonance, skipped = excluded.skipped,
         comment = excluded.comment, theme_version = excluded.theme_version, client_at = excluded.client_at, updated_at = excluded.updated_at`,
    ).run(pid, themeId, userId, value.resonance, value.skipped ? 1 : 0, value.comment, value.themeVersion, value.at, now);
  } else {
    db.prepare('DELETE FROM theme_feedback WHERE project_id = ? AND theme_id = ? AND user_id = ?').run(pid, themeId, userId);
  }
  db.prepare('INSERT INTO theme_feedback_events (project_id, theme_id, user_id, before, after, at) VALUES (?,?,?,?,?,?)').run(
    pid,
    themeId,
    userId,
    before ? JSON.stringify(before) : null,
    value ? JSON.stringify(value) : null,
    now,
  );
}

/** Every current feedback of a project with the giver's name, oldest first. */
export function listFeedback(db: DB, pid: string): (FeedbackRow & { themeId: string; userId: string; name: string })[] {
  const rows = db
    .prepare(
      `SELECT f.theme_id, f.user_id, u.name, f.resonance, f.skipped, f.comment, f.theme_version, f.client_at
       FROM theme_feedback f JOIN users u ON u.id = f.user_id WHERE f.project_id = ? ORDER BY f.client_at, f.user_id`,
    )
    .all(pid) as Record<string, unknown>[];
  return rows.map((r) => ({ ...toFeedback(r), themeId: r.theme_id as string, userId: r.user_id as string, name: r.name as string }));
}

/** One person's current feedback in a project, by theme (to reconcile their document on load). */
export function feedbackOf(db: DB, pid: string, userId: string): Map<string, FeedbackRow> {
  const rows = db
    .prepare('SELECT theme_id, resonance, skipped, comment, theme_version, client_at FROM theme_feedback WHERE project_id = ? AND user_id = ?')
    .all(pid, userId) as Record<string, unknown>[];
  return new Map(rows.map((r) => [r.theme_id as string, toFeedback(r)]));
}

/** Number of history rows of a project (tests and the audit view). */
export function countFeedbackEvents(db: DB, pid: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM theme_feedback_events WHERE project_id = ?').get(pid) as { n: number }).n;
}
