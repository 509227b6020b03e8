/** Seeds records through the records store's write path (the import route adds parsing on top). */
import type { DB } from '../../server/db/database';
import { blankRecord, insertImport } from '../../server/records/store';

/** Inserts `n` distinct records into a project as one import; returns their ids in order. */
export function seedRecords(db: DB, projectId: string, userId: string, n: number, prefix = 'Record'): string[] {
  return db.transaction(() =>
    insertImport(db, {
      projectId,
      userId,
      source: 'Test source',
      format: 'ris',
      filename: null,
      encoding: 'utf-8',
      problems: [],
      records: Array.from({ length: n }, (_, i) => ({
        record: blankRecord(`${prefix} ${i + 1}: experiences of peer support`, { abstract: `Abstract ${i + 1}`, year: 2000 + (i % 20) }),
        duplicate: null,
      })),
    }),
  )().ids;
}
