/** Prepared-statement cache: hot paths (projection, authorization per message) reuse compiled SQL. */
import type { Statement } from 'better-sqlite3';
import type { DB } from './database';

const caches = new WeakMap<DB, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, compiled once. */
export function stmt(db: DB, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
