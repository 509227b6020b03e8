/** Seeds records through the records store's write path (the import route adds parsing on top). */
import type { DB } from '../../server/db/database';
import { blankRecord, insertImport } from '../../server/records/store';
import { writeDecision } from '../../server/screening/repo';
import type { Stage } from '../../shared/api';
import type { Decision } from '../../shared/screening';
import type { Client } from './http';
import { dataFile } from './data';

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

/** Imports a file of ../shared/data as the Import page does (multipart, so the import keeps its file name); expects 201. */
export async function importDataFile(who: Client, pid: string, path: string, source: string): Promise<{ importId: string; parsed: number; added: number; duplicates: number }> {
  const form = new FormData();
  form.append('file', new Blob([dataFile(path)]), path.split('/').pop()!);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const r = await who.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, new Uint8Array(await req.arrayBuffer()), { 'content-type': req.headers.get('content-type')! });
  if (r.status !== 201) throw new Error(`import of ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}
