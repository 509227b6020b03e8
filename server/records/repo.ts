/** Records repository (reads): records of a project, by id, in stage order, with duplicate links. */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import type { StoredRecord } from '../../shared/records';

export type { StoredRecord } from '../../shared/records';

const COLUMNS = `r.id, r.seq, r.import_id, i.source, r.title, r.abstract, r.authors, r.year, r.journal, r.volume, r.issue,
  r.pages, r.doi, r.pmid, r.keywords, r.url, r.type, r.language, r.source_id, r.notes, r.prior_labels,
  r.duplicate_of, r.duplicate_reason, r.duplicate_score, r.duplicate_via`;

/** Maps a SQL row (selected with COLUMNS) to a StoredRecord. */
export function toStoredRecord(r: Record<string, unknown>): StoredRecord {
  return {
    id: r.id as string,
    seq: r.seq as number,
    importId: r.import_id as string,
    source: r.source as string,
    title: r.title as string,
    abstract: r.abstract as string,
    authors: JSON.parse(r.authors as string),
    year: (r.year as number | null) ?? null,
    journal: r.journal as string,
    volume: r.volume as string,
    issue: r.issue as string,
    pages: r.pages as string,
    doi: (r.doi as string | null) ?? null,
    pmid: (r.pmid as string | null) ?? null,
    keywords: JSON.parse(r.keywords as string),
    url: r.url as string,
    type: r.type as string,
    language: r.language as string,
    sourceId: r.source_id as string,
    notes: r.notes as string,
    priorLabels: JSON.parse(r.prior_labels as string),
    duplicateOf: (r.duplicate_of as string | null) ?? null,
    duplicateReason: (r.duplicate_reason as string | null) ?? null,
    duplicateScore: (r.duplicate_score as number | null) ?? null,
    duplicateVia: (r.duplicate_via as string | null) ?? null,
  };
}

/** The SELECT list and FROM clause for StoredRecord queries (alias r for records). */
export const RECORD_SELECT = `SELECT ${COLUMNS} FROM records r JOIN imports i ON i.id = r.import_id`;

/** One record of a project, or null. */
export function findRecord(db: DB, pid: string, recordId: string): StoredRecord | null {
  const r = stmt(db, `${RECORD_SELECT} WHERE r.project_id = ? AND r.id = ?`).get(pid, recordId) as Record<string, unknown> | undefined;
  return r ? toStoredRecord(r) : null;
}

/** Ids of the primary (non-duplicate) records of a project, in arrival order (read from the index alone). */
export function listPrimaryRecordIds(db: DB, pid: string): string[] {
  return stmt(db, 'SELECT id FROM records WHERE project_id = ? AND duplicate_of IS NULL ORDER BY seq').pluck().all(pid) as string[];
}

/**
 * Rows of `select` (a `SELECT … FROM records r …` without its WHERE) for the given records of a
 * project, in no particular order. 500 ids a query stays under SQLite's bound-parameter limit. The
 * unary + keeps the planner on the primary key: without statistics it would rather walk the
 * project's index, every record of the project (about 0.2 s a query at 100,000 records).
 */
export function selectRecordsByIds<T>(db: DB, select: string, pid: string, ids: readonly string[]): T[] {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    for (const row of db.prepare(`${select} WHERE r.id IN (${part.map(() => '?').join(',')}) AND +r.project_id = ?`).all(...part, pid)) rows.push(row as T);
  }
  return rows;
}

/** Titles and arrival numbers of the given records of a project, by id. */
export function recordHeads(db: DB, pid: string, ids: readonly string[]): Map<string, { title: string; seq: number }> {
  const rows = selectRecordsByIds<{ id: string; title: string; seq: number }>(db, 'SELECT r.id, r.title, r.seq FROM records r', pid, ids);
  return new Map(rows.map((r) => [r.id, { title: r.title, seq: r.seq }]));
}

/** Where a record stands: its project and whether it is a primary record. */
export function recordStanding(db: DB, recordId: string): { projectId: string; primary: boolean } | null {
  const r = stmt(db, 'SELECT project_id, duplicate_of FROM records WHERE id = ?').get(recordId) as
    | { project_id: string; duplicate_of: string | null }
    | undefined;
  return r ? { projectId: r.project_id, primary: r.duplicate_of === null } : null;
}
