/**
 * The full-text index of titles and abstracts, kept up to date in batches: after each import
 * commits (in the background, a batch per event-loop turn) and, synchronously, before any search,
 * so a search never misses a record.
 */
import type { DB } from '../db/database';
import { stmt } from '../db/statements';

/** Records indexed per background step: about 25 ms each, so sync and HTTP get a turn between them (5000 took 250 ms). */
const STEP = 500;
/** Records per transaction when a search must wait for the index anyway: larger batches finish sooner. */
const BATCH = 5000;
const pending = new WeakSet<DB>();

/** Indexes up to `max` records not yet in the index; returns how many it indexed. */
export function indexBatch(db: DB, max = BATCH): number {
  return db.transaction(() => {
    const upto = (stmt(db, 'SELECT indexed_upto AS u FROM records_fts_state WHERE id = 1').get() as { u: number }).u;
    const last = stmt(db, 'SELECT MAX(rowid) AS m FROM (SELECT rowid FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?)').get(upto, max) as { m: number | null };
    if (last.m === null) return 0;
    const n = stmt(db, 'INSERT INTO records_fts (rowid, title, abstract) SELECT rowid, title, abstract FROM records WHERE rowid > ? AND rowid <= ?').run(upto, last.m).changes;
    stmt(db, 'UPDATE records_fts_state SET indexed_upto = ? WHERE id = 1').run(last.m);
    return n;
  })();
}

/** Brings the index fully up to date now (before a search). */
export function catchUpIndex(db: DB): void {
  while (indexBatch(db) > 0);
}

/**
 * Brings the index up to date a step at a time, letting other work run between steps: a search
 * right after a large import waits for it here (seconds at 100,000 records), the server does not.
 */
export async function indexUpToDate(db: DB): Promise<void> {
  while (indexBatch(db, STEP) > 0) await new Promise((resolve) => setImmediate(resolve));
}

/** Indexes new records in the background, one batch per turn of the event loop. */
export function scheduleIndexing(db: DB): void {
  if (pending.has(db)) return;
  pending.add(db);
  const step = () => {
    let more = false;
    try {
      more = db.open && indexBatch(db, STEP) > 0;
    } catch (e) {
      console.error('full-text indexing failed', e);
    }
    if (more) setImmediate(step).unref();
    else pending.delete(db);
  };
  setImmediate(step).unref();
}
