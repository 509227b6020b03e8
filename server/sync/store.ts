/** Persistence of Yjs documents: updates appended per document, merged into one snapshot in the background. */
import * as Y from 'yjs';
import type { DB } from '../db/database';
import { nowIso } from '../ids';

/** Reads and writes ydoc_updates; the only SQL the sync server runs for documents. */
export class DocStore {
  private readonly insert;
  private readonly select;
  private readonly count;

  constructor(private readonly db: DB) {
    this.insert = db.prepare('INSERT INTO ydoc_updates (doc, data, at) VALUES (?, ?, ?)');
    this.select = db.prepare('SELECT id, data FROM ydoc_updates WHERE doc = ? ORDER BY id');
    this.count = db.prepare('SELECT COUNT(*) AS n FROM ydoc_updates WHERE doc = ?');
  }

  /** Applies every stored update of `name` to `doc` (origin: this store, so it is not persisted again). */
  loadInto(name: string, doc: Y.Doc): number {
    const rows = this.select.all(name) as { data: Buffer }[];
    if (rows.length > 0) {
      const merged = rows.length === 1 ? rows[0]!.data : Y.mergeUpdates(rows.map((r) => r.data));
      Y.applyUpdate(doc, merged, this);
    }
    return rows.length;
  }

  /** Appends one update; returns how many rows the document now has. */
  append(name: string, update: Uint8Array): void {
    this.insert.run(name, Buffer.from(update), nowIso());
  }

  /** Stored row count for a document. */
  rows(name: string): number {
    return (this.count.get(name) as { n: number }).n;
  }

  /** Replaces a document's rows with one merged snapshot, atomically. */
  compact(name: string): void {
    this.db.transaction(() => {
      const rows = this.select.all(name) as { id: number; data: Buffer }[];
      if (rows.length < 2) return;
      const merged = Y.mergeUpdates(rows.map((r) => r.data));
      const lastId = rows[rows.length - 1]!.id;
      this.db.prepare('DELETE FROM ydoc_updates WHERE doc = ? AND id <= ?').run(name, lastId);
      this.insert.run(name, Buffer.from(merged), nowIso());
    })();
  }
}
