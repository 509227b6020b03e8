/** Users repository: the only place that reads and writes the users table. */
import type { DB } from '../db/database';
import { stmt } from '../db/statements';
import type { User } from '../../shared/api';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
}

/** Inserts a user; throws SQLITE_CONSTRAINT_UNIQUE when the email is taken. */
export function insertUser(db: DB, u: User & { passwordHash: string; createdAt: string }): void {
  db.prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?,?,?,?,?)').run(
    u.id,
    u.email,
    u.name,
    u.passwordHash,
    u.createdAt,
  );
}

/** A user with their password hash, by email (case-insensitive). */
export function findUserByEmail(db: DB, email: string): (User & { passwordHash: string }) | null {
  const r = db.prepare('SELECT id, email, name, password_hash FROM users WHERE email = ?').get(email) as
    | UserRow
    | undefined;
  return r ? { id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash } : null;
}

/** A user's password hash by id. */
export function findPasswordHash(db: DB, userId: string): string | null {
  const r = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as { password_hash: string } | undefined;
  return r?.password_hash ?? null;
}

/** Replaces a user's password hash. */
export function updatePasswordHash(db: DB, userId: string, passwordHash: string): void {
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
}

/** A user's display name; "former member" when the account no longer exists. */
export function userDisplayName(db: DB, userId: string): string {
  return (stmt(db, 'SELECT name FROM users WHERE id = ?').get(userId) as { name: string } | undefined)?.name ?? 'former member';
}

/**
 * Whether `name` is one the user signs with: their display name now, or one they had before a
 * rename (PATCH /api/me). A comment written offline before the rename still carries the old name.
 */
export function signsAs(db: DB, userId: string, name: unknown): boolean {
  if (typeof name !== 'string') return false;
  if (name === userDisplayName(db, userId)) return true;
  const former = stmt(db, "SELECT before FROM events WHERE project_id IS NULL AND type = 'user.renamed' AND entity_id = ?").pluck().all(userId) as string[];
  return former.some((b) => (JSON.parse(b) as { name?: string }).name === name);
}

/** Display names of users by id (for awareness identity and member lists). */
export function findUserById(db: DB, userId: string): User | null {
  const r = db.prepare('SELECT id, email, name FROM users WHERE id = ?').get(userId) as User | undefined;
  return r ?? null;
}

/** Replaces a user's display name. */
export function updateUserName(db: DB, userId: string, name: string): void {
  db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name, userId);
}
