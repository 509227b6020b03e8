/** WAL checkpoints run on a worker thread's connection: the server's connection only appends to the WAL. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../server/db/checkpointer';
import { openDatabase } from '../../server/db/database';

const dir = mkdtempSync(join(tmpdir(), 'coreview-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes about 4 MB in one transaction (a thousand WAL pages and more). */
function writeRows(db: ReturnType<typeof openDatabase>): void {
  db.exec('CREATE TABLE IF NOT EXISTS t (x TEXT)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`${i}`.padEnd(2000, 'x'));
  })();
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

describe('checkpointer', () => {
  it('copies committed pages into the database file from its own thread, and stops cleanly', async () => {
    const file = join(dir, 'with.sqlite');
    const db = openDatabase(file);
    const checkpointer = startCheckpointer(db, file, 50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    writeRows(db);
    // the commit left the pages in the WAL; the worker moves them into the file
    expect(await until(() => statSync(file).size > before + 3_000_000, 10_000)).toBe(true);
    await checkpointer.stop();
    expect((db.prepare('SELECT COUNT(*) n FROM t').get() as { n: number }).n).toBe(2000);
    db.close();
  });

  it('hands checkpoints back to the server connection when the worker cannot run', async () => {
    const file = join(dir, 'fallback.sqlite');
    const db = openDatabase(file);
    const checkpointer = startCheckpointer(db, join(dir, 'no such folder', 'x.sqlite'), 50);
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('without it, the same commit leaves the file as it was (the server thread no longer checkpoints)', async () => {
    const file = join(dir, 'without.sqlite');
    const db = openDatabase(file);
    db.pragma('wal_autocheckpoint = 0');
    const before = statSync(file).size;
    writeRows(db);
    await new Promise((r) => setTimeout(r, 300));
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(3_000_000);
    db.close();
  });
});
