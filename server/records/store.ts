/** Writing records: one import and its records in a single transaction (atomic: all or nothing). */
import type { DB } from '../db/database';
import type { ParsedRecord, ParseProblem } from '../../shared/records';
import type { SourceFormat } from './formats/types';
import { newId, nowIso } from '../ids';
import { appendEvent } from '../audit/events';

/** How a new record relates to an existing one, when it is a duplicate. */
export interface DuplicateLink {
  of: string;
  reason: 'doi' | 'pmid' | 'fuzzy' | 'manual';
  score: number;
}

export interface ImportInput {
  projectId: string;
  userId: string;
  source: string;
  format: SourceFormat;
  filename: string | null;
  encoding: string | null;
  problems: ParseProblem[];
  /** records in file order, each with its duplicate link (if any) to an earlier record */
  records: { record: ParsedRecord; id?: string; duplicate: DuplicateLink | null }[];
}

/** Inserts an import and its records; call inside a transaction. Returns the import id and record ids. */
export function insertImport(db: DB, input: ImportInput): { importId: string; ids: string[]; added: number; duplicates: number } {
  const importId = newId();
  const at = nowIso();
  const duplicates = input.records.filter((r) => r.duplicate).length;
  db.prepare(
    `INSERT INTO imports (id, project_id, source, format, filename, encoding, parsed, added, duplicates, problems, created_by, created_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(importId, input.projectId, input.source, input.format, input.filename, input.encoding, input.records.length, input.records.length - duplicates, duplicates, JSON.stringify(input.problems), input.userId, at);
  let seq = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM records WHERE project_id = ?').get(input.projectId) as { s: number }).s;
  const stmt = db.prepare(
    `INSERT INTO records (id, project_id, import_id, seq, title, abstract, authors, year, journal, volume, issue, pages, doi, pmid,
      keywords, url, type, language, source_id, notes, prior_labels, duplicate_of, duplicate_reason, duplicate_score, created_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const ids: string[] = [];
  for (const { record: r, id, duplicate } of input.records) {
    const rid = id ?? newId();
    ids.push(rid);
    stmt.run(
      rid, input.projectId, importId, ++seq, r.title, r.abstract, JSON.stringify(r.authors), r.year, r.journal, r.volume, r.issue, r.pages,
      r.doi, r.pmid, JSON.stringify(r.keywords), r.url, r.type, r.language, r.sourceId, r.notes, JSON.stringify(r.priorLabels),
      duplicate?.of ?? null, duplicate?.reason ?? null, duplicate?.score ?? null, at,
    );
  }
  appendEvent(db, {
    projectId: input.projectId,
    actorId: input.userId,
    type: 'import.completed',
    entity: 'import',
    entityId: importId,
    after: { source: input.source, format: input.format, parsed: input.records.length, added: input.records.length - duplicates, duplicates },
  });
  return { importId, ids, added: input.records.length - duplicates, duplicates };
}

/** A ParsedRecord with every field empty but the title (tests and manual entry fill the rest). */
export function blankRecord(title: string, extra: Partial<ParsedRecord> = {}): ParsedRecord {
  return {
    title, abstract: '', authors: [], year: null, journal: '', volume: '', issue: '', pages: '', doi: null, pmid: null,
    keywords: [], url: '', type: 'JOUR', language: '', sourceId: '', notes: '', priorLabels: [], line: 1, ...extra,
  };
}
