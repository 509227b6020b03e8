/**
 * Forward-only migrations: numbered SQL files applied once each, in order, each in a transaction.
 * A checksum per applied file makes an edited migration a start-up error, not silent drift.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from './database';

const FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export class MigrationError extends Error {}

/** Applies pending migrations from `dir`; returns the names it applied. Throws on an edited file. */
export function runMigrations(db: DB, dir: string): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT name, checksum FROM schema_migrations').all() as { name: string; checksum: string }[]).map(
      (r) => [r.name, r.checksum],
    ),
  );
  const files = readdirSync(dir).filter((f) => FILE.test(f)).sort();
  const known = new Set(files);
  for (const name of applied.keys()) {
    if (!known.has(name)) throw new MigrationError(`Applied migration ${name} is missing from ${dir}.`);
  }
  const ran: string[] = [];
  for (const name of files) {
    const sql = readFileSync(join(dir, name), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const previous = applied.get(name);
    if (previous !== undefined) {
      if (previous !== checksum) {
        throw new MigrationError(`Migration ${name} was edited after it was applied; add a new migration instead.`);
      }
      continue;
    }
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)').run(
        name,
        checksum,
        new Date().toISOString(),
      );
    })();
    ran.push(name);
  }
  return ran;
}
