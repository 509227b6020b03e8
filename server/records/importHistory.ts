/**
 * What earlier imports left behind: the imports list, the file fingerprint (SHA-256) that tells a
 * repeated import, and each import's problem list as CSV for people who need to see all of them.
 */
import Papa from 'papaparse';
import type { DB } from '../db/database';
import type { ImportItem, ParseProblem, RepeatOf } from '../../shared/records';
import { notFound } from '../errors';

export type { RepeatOf } from '../../shared/records';

const SHA256 = /^[0-9a-f]{64}$/;

/** True for a lower-case hex SHA-256. */
export const isSha256 = (s: string): boolean => SHA256.test(s);

/** The first import of a file with this SHA-256 into the project, if any. */
export function findRepeat(db: DB, pid: string, sha256: string): RepeatOf | null {
  const row = db
    .prepare(
      `SELECT i.id AS importId, i.created_at AS at, i.source, i.filename, u.name AS by
       FROM imports i JOIN users u ON u.id = i.created_by
       WHERE i.project_id = ? AND i.sha256 = ? ORDER BY i.created_at, i.rowid LIMIT 1`,
    )
    .get(pid, sha256) as RepeatOf | undefined;
  return row ?? null;
}

/** A project's imports, oldest first (or just `iid`). */
export function listImports(db: DB, pid: string, iid?: string): ImportItem[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.source, i.format, i.filename, i.encoding, i.parsed, i.added, i.duplicates, i.problems, i.sha256, i.created_at, u.name AS by
       FROM imports i JOIN users u ON u.id = i.created_by WHERE i.project_id = ? AND (? IS NULL OR i.id = ?) ORDER BY i.created_at, i.rowid`,
    )
    .all(pid, iid ?? null, iid ?? null) as (Omit<ImportItem, 'problems' | 'createdAt'> & { problems: string; created_at: string })[];
  return rows.map(({ created_at, problems, ...r }) => ({ ...r, problems: JSON.parse(problems) as ParseProblem[], createdAt: created_at }));
}

/** One import of the project; 404 when it is not in the project. */
export function findImport(db: DB, pid: string, iid: string): ImportItem {
  const found = listImports(db, pid, iid)[0];
  if (!found) throw notFound('No such import in this project.');
  return found;
}

/**
 * Problems as CSV (line, message); line is empty for a problem with the whole file. Messages quote
 * the file's own text, so cells that a spreadsheet would run as a formula are escaped.
 */
export function problemsCsv(problems: ParseProblem[]): string {
  const rows = problems.map((p) => [p.line > 0 ? String(p.line) : '', p.message]);
  return `${Papa.unparse({ fields: ['line', 'message'], data: rows }, { newline: '\r\n', escapeFormulae: /^[=+\-@\t\r]/ })}\r\n`;
}

/** A download name for an import's problems, from its file name. */
export function problemsFilename(filename: string | null): string {
  const base = (filename ?? 'import').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'import';
  return `${base}-problems.csv`;
}
