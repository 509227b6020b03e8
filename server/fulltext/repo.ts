/** Full-text repository: which record has an uploaded PDF or a link, and who added it when. */
import type { DB } from '../db/database';

/** A record's full text as stored: a PDF file on disk or a link. */
export interface FullTextRow {
  recordId: string;
  kind: 'file' | 'link';
  url: string | null;
  size: number | null;
  sha256: string | null;
  byUser: string | null;
  at: string;
}

const SELECT = 'SELECT record_id AS recordId, kind, url, size, sha256, by_user AS byUser, at FROM fulltexts';

/** The full text of one record, or null. */
export function findFullText(db: DB, pid: string, recordId: string): FullTextRow | null {
  return (db.prepare(`${SELECT} WHERE project_id = ? AND record_id = ?`).get(pid, recordId) as FullTextRow | undefined) ?? null;
}

/** Every full text of a project. */
export function listFullTexts(db: DB, pid: string): FullTextRow[] {
  return db.prepare(`${SELECT} WHERE project_id = ? ORDER BY at`).all(pid) as FullTextRow[];
}

/** Inserts or replaces a record's full text; call inside the transaction that audits it. */
export function upsertFullText(db: DB, pid: string, row: FullTextRow): void {
  db.prepare(
    `INSERT INTO fulltexts (project_id, record_id, kind, url, size, sha256, by_user, at) VALUES (?,?,?,?,?,?,?,?)
     ON CONFLICT (project_id, record_id) DO UPDATE SET kind = excluded.kind, url = excluded.url, size = excluded.size,
       sha256 = excluded.sha256, by_user = excluded.by_user, at = excluded.at`,
  ).run(pid, row.recordId, row.kind, row.url, row.size, row.sha256, row.byUser, row.at);
}
