/** PRISMA repository: identification counts from imports and records, the lead-entered numbers, record lists. */
import type { DB } from '../db/database';
import { DEFAULT_PRISMA_MANUAL, prismaManual, type PrismaManual } from '../../shared/prisma/report';

/** Records identified per import source (sum of `imports.parsed`), in order of each source's first import. */
export function identifiedBySource(db: DB, pid: string): { source: string; n: number }[] {
  return db
    .prepare('SELECT source, SUM(parsed) AS n FROM imports WHERE project_id = ? GROUP BY source ORDER BY MIN(created_at), MIN(rowid)')
    .all(pid) as { source: string; n: number }[];
}

/** Records linked as duplicates of another record (removed before screening). */
export function countDuplicates(db: DB, pid: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL').get(pid) as { n: number }).n;
}

/** The lead-entered numbers (defaults when none were entered; fields added later read as defaults). */
export function findManual(db: DB, pid: string): PrismaManual {
  const r = db.prepare('SELECT settings FROM prisma_settings WHERE project_id = ?').get(pid) as { settings: string } | undefined;
  if (!r) return { ...DEFAULT_PRISMA_MANUAL };
  const parsed = prismaManual.safeParse({ ...DEFAULT_PRISMA_MANUAL, ...(JSON.parse(r.settings) as object) });
  return parsed.success ? parsed.data : { ...DEFAULT_PRISMA_MANUAL };
}

/** Stores the lead-entered numbers. */
export function saveManual(db: DB, pid: string, manual: PrismaManual, userId: string, at: string): void {
  db.prepare(
    `INSERT INTO prisma_settings (project_id, settings, updated_by, updated_at) VALUES (?,?,?,?)
     ON CONFLICT (project_id) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(pid, JSON.stringify(manual), userId, at);
}

/** A record as a PRISMA list shows it. */
export interface ListedRecord {
  id: string;
  title: string;
  source: string;
}

const LIST = 'SELECT r.id, r.title, i.source FROM records r JOIN imports i ON i.id = r.import_id WHERE r.project_id = ?';

/** Records of the project in arrival order: all, or only those imported from `sources`. */
export function recordsFromSources(db: DB, pid: string, sources: readonly string[] | null): ListedRecord[] {
  const all = db.prepare(`${LIST} ORDER BY r.seq`).all(pid) as ListedRecord[];
  if (!sources) return all;
  const keep = new Set(sources);
  return all.filter((r) => keep.has(r.source));
}

/** Records linked as duplicates, in arrival order. */
export function duplicateRecords(db: DB, pid: string): ListedRecord[] {
  return db.prepare(`${LIST} AND r.duplicate_of IS NOT NULL ORDER BY r.seq`).all(pid) as ListedRecord[];
}

/** The given records of the project, in arrival order. */
export function recordsByIds(db: DB, pid: string, ids: readonly string[]): ListedRecord[] {
  const keep = new Set(ids);
  return (db.prepare(`${LIST} AND r.duplicate_of IS NULL ORDER BY r.seq`).all(pid) as ListedRecord[]).filter((r) => keep.has(r.id));
}
