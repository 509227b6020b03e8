/**
 * What earlier imports left behind: the file fingerprint (SHA-256) that tells a repeated import,
 * and each import's problem list as CSV for people who need to see all of them.
 */
import Papa from 'papaparse';
import type { DB } from '../db/database';
import type { ParseProblem, RepeatOf } from '../../shared/records';

export type { RepeatOf } from '../../shared/records';
import { notFound } from '../errors';

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

/** An import's problems (404 when the import is not in the project) and its file name. */
export function importProblems(db: DB, pid: string, importId: string): { filename: string | null; problems: ParseProblem[] } {
  const row = db.prepare('SELECT filename, problems FROM imports WHERE project_id = ? AND id = ?').get(pid, importId) as
    | { filename: string | null; problems: string }
    | undefined;
  if (!row) throw notFound('No such import in this project.');
  return { filename: row.filename, problems: JSON.parse(row.problems) as ParseProblem[] };
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
