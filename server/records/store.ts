/**
 * Writing records. An import's records are staged in batches while the file streams in, then
 * moved into `records` in one transaction (atomic: all or nothing). Tests and the demo use the
 * same path through `insertImport`.
 *
 * Staging is a TEMP table of the connection: memory stays bounded for large files (SQLite spills
 * it to a temporary file), staged rows are never written to the WAL and the database file, and
 * rows of an import interrupted by a crash vanish with the connection.
 */
import type { DB } from '../db/database';
import type { ParsedRecord, ParseProblem } from '../../shared/records';
import type { SourceFormat } from './formats/types';
import { stmt } from '../db/statements';
import { newId, nowIso } from '../ids';
import { appendEvent } from '../audit/events';

/** How a new record relates to an existing one, when it is a duplicate. */
export interface DuplicateLink {
  of: string;
  reason: 'doi' | 'pmid' | 'fuzzy' | 'manual';
  score: number;
}

/** One record of an import with its id and duplicate link (if any) to an earlier record. */
export interface StagedRecord {
  record: ParsedRecord;
  id?: string;
  duplicate: DuplicateLink | null;
}

export interface ImportMeta {
  projectId: string;
  userId: string;
  source: string;
  format: SourceFormat;
  filename: string | null;
  encoding: string | null;
  problems: ParseProblem[];
  /** SHA-256 of the imported file (absent for records that came from no file) */
  sha256?: string | null;
}

export interface ImportInput extends ImportMeta {
  records: StagedRecord[];
}

export interface ImportWritten {
  importId: string;
  ids: string[];
  parsed: number;
  added: number;
  duplicates: number;
}

const withStaging = new WeakSet<DB>();

/** The connection's staging table, created on first use; columns mirror `records` so the final move is a plain copy. */
export function stagingTable(db: DB): 'temp.import_staging' {
  if (!withStaging.has(db)) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS import_staging (
      import_id TEXT NOT NULL, n INTEGER NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, abstract TEXT NOT NULL,
      authors TEXT NOT NULL, year INTEGER, journal TEXT NOT NULL, volume TEXT NOT NULL, issue TEXT NOT NULL, pages TEXT NOT NULL,
      doi TEXT, pmid TEXT, keywords TEXT NOT NULL, url TEXT NOT NULL, type TEXT NOT NULL, language TEXT NOT NULL,
      source_id TEXT NOT NULL, notes TEXT NOT NULL, prior_labels TEXT NOT NULL, duplicate_of TEXT, duplicate_reason TEXT,
      duplicate_score REAL, PRIMARY KEY (import_id, n))`);
    withStaging.add(db);
  }
  return 'temp.import_staging';
}

/** Appends records to an import's staging area, from position `firstN` on; returns their ids. */
export function stageRecords(db: DB, importId: string, firstN: number, rows: StagedRecord[]): string[] {
  const insert = stmt(
    db,
    `INSERT INTO ${stagingTable(db)} (import_id, n, id, title, abstract, authors, year, journal, volume, issue, pages, doi, pmid, keywords,
       url, type, language, source_id, notes, prior_labels, duplicate_of, duplicate_reason, duplicate_score)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const ids: string[] = [];
  db.transaction(() => {
    rows.forEach((r, i) => {
      const id = r.id ?? newId();
      ids.push(id);
      const x = r.record;
      insert.run(
        importId, firstN + i, id, x.title, x.abstract, JSON.stringify(x.authors), x.year, x.journal, x.volume, x.issue, x.pages, x.doi,
        x.pmid, JSON.stringify(x.keywords), x.url, x.type, x.language, x.sourceId, x.notes, JSON.stringify(x.priorLabels),
        r.duplicate?.of ?? null, r.duplicate?.reason ?? null, r.duplicate?.score ?? null,
      );
    });
  })();
  return ids;
}

/** Drops an import's staged records (the file turned out unreadable). */
export function discardStaged(db: DB, importId: string): void {
  stmt(db, `DELETE FROM ${stagingTable(db)} WHERE import_id = ?`).run(importId);
}

/** Moves an import's staged records into `records` with the import row and its event, in one transaction. */
export function commitStaged(db: DB, importId: string, meta: ImportMeta): Omit<ImportWritten, 'ids'> {
  return db.transaction(() => {
    const { parsed, duplicates } = stmt(
      db,
      `SELECT COUNT(*) AS parsed, COUNT(duplicate_of) AS duplicates FROM ${stagingTable(db)} WHERE import_id = ?`,
    ).get(importId) as { parsed: number; duplicates: number };
    const added = parsed - duplicates;
    const at = nowIso();
    stmt(
      db,
      `INSERT INTO imports (id, project_id, source, format, filename, encoding, parsed, added, duplicates, problems, created_by, created_at, sha256)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      importId, meta.projectId, meta.source, meta.format, meta.filename, meta.encoding, parsed, added, duplicates, JSON.stringify(meta.problems),
      meta.userId, at, meta.sha256 ?? null,
    );
    const base = (stmt(db, 'SELECT COALESCE(MAX(seq), 0) AS s FROM records WHERE project_id = ?').get(meta.projectId) as { s: number }).s;
    stmt(
      db,
      `INSERT INTO records (id, project_id, import_id, seq, title, abstract, authors, year, journal, volume, issue, pages, doi, pmid,
         keywords, url, type, language, source_id, notes, prior_labels, duplicate_of, duplicate_reason, duplicate_score, created_at)
       SELECT s.id, ?, s.import_id, ? + s.n + 1, s.title, s.abstract, s.authors, s.year, s.journal, s.volume, s.issue, s.pages, s.doi,
         s.pmid, s.keywords, s.url, s.type, s.language, s.source_id, s.notes, s.prior_labels, s.duplicate_of, s.duplicate_reason,
         s.duplicate_score, ?
       FROM ${stagingTable(db)} s WHERE s.import_id = ? ORDER BY s.n`,
    ).run(meta.projectId, base, at, importId);
    discardStaged(db, importId);
    appendEvent(db, {
      projectId: meta.projectId,
      actorId: meta.userId,
      type: 'import.completed',
      entity: 'import',
      entityId: importId,
      after: { source: meta.source, format: meta.format, parsed, added, duplicates },
    });
    return { importId, parsed, added, duplicates };
  })();
}

/** Writes a whole import at once (tests, the demo, small imports): stage, then commit. */
export function insertImport(db: DB, input: ImportInput): ImportWritten {
  const importId = newId();
  return db.transaction(() => {
    const ids = stageRecords(db, importId, 0, input.records);
    return { ...commitStaged(db, importId, input), ids };
  })();
}

/** A ParsedRecord with every field empty but the title (tests and manual entry fill the rest). */
export function blankRecord(title: string, extra: Partial<ParsedRecord> = {}): ParsedRecord {
  return {
    title, abstract: '', authors: [], year: null, journal: '', volume: '', issue: '', pages: '', doi: null, pmid: null,
    keywords: [], url: '', type: 'JOUR', language: '', sourceId: '', notes: '', priorLabels: [], line: 1, ...extra,
  };
}
