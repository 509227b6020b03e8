/** Seeds records through the records store's write path (the import route adds parsing on top). */
import type { DB } from '../../server/db/database';
import { blankRecord, insertImport } from '../../server/records/store';
import { writeDecision } from '../../server/screening/repo';
import type { Stage } from '../../shared/api';
import type { Decision } from '../../shared/screening';

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

/**
 * Writes decisions straight into SQLite (with their events), in one transaction. Only where no one
 * opens the deciders' private documents: the server would project those over these.
 */
export function seedDecisions(db: DB, projectId: string, decisions: { recordId: string; userId: string; decision: Decision }[], stage: Stage = 'ta'): void {
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const d of decisions) writeDecision(db, projectId, stage, d.recordId, d.userId, null, { decision: d.decision, reasons: [], note: '', at });
  })();
}
