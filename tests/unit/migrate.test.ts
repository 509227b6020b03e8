/** The migration runner: applies once, in order, in transactions; refuses edited files. */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/database';
import { MigrationError, runMigrations } from '../../server/db/migrate';

const real = join(import.meta.dirname, '../../migrations');
const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'coreview-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('migrations', () => {
  it('applies every migration on an empty database, then nothing on a second start', () => {
    const dir = temp();
    const db = openDatabase(join(dir, 'db.sqlite'));
    const files = readdirSync(real).filter((f) => f.endsWith('.sql')).sort();
    expect(runMigrations(db, real)).toEqual(files);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'projects', 'project_members', 'events', 'ydoc_updates']));
    db.close();
    const again = openDatabase(join(dir, 'db.sqlite'));
    expect(runMigrations(again, real)).toEqual([]);
    again.close();
  });

  it('refuses to start when an applied migration was edited', () => {
    const dir = temp();
    const migs = join(dir, 'migrations');
    cpSync(real, migs, { recursive: true });
    const db = openDatabase(join(dir, 'db.sqlite'));
    runMigrations(db, migs);
    appendFileSync(join(migs, '0001_foundation.sql'), '\n-- sneaky edit\n');
    expect(() => runMigrations(db, migs)).toThrow(MigrationError);
    expect(() => runMigrations(db, migs)).toThrow(/edited/);
    db.close();
  });

  it('rolls back a failing migration entirely and records nothing for it', () => {
    const dir = temp();
    writeFileSync(join(dir, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '0002_bad.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nope VALUES (1);');
    const db = openDatabase(join(dir, 'db.sqlite'));
    expect(() => runMigrations(db, dir)).toThrow();
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toContain('a');
    expect(tables).not.toContain('b');
    const applied = (db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name);
    expect(applied).toEqual(['0001_ok.sql']);
    db.close();
  });

  it('applies in numeric order', () => {
    const dir = temp();
    writeFileSync(join(dir, '0002_second.sql'), 'INSERT INTO log VALUES (2);');
    writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE log (n INTEGER); INSERT INTO log VALUES (1);');
    const db = openDatabase(join(dir, 'db.sqlite'));
    expect(runMigrations(db, dir)).toEqual(['0001_first.sql', '0002_second.sql']);
    expect(db.prepare('SELECT n FROM log ORDER BY rowid').all()).toEqual([{ n: 1 }, { n: 2 }]);
    db.close();
  });
});
