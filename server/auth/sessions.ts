/**
 * Sessions in the Lucia model (lucia-auth.com): a random token lives only in the cookie; SQLite keeps
 * its SHA-256. Expiry slides: a session used in its second half is extended to a full 30 days.
 */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import { newToken, nowIso, sha256Hex } from '../ids';
import type { User } from '../../shared/api';

export const SESSION_COOKIE = 'coreview_session';
export const SESSION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const LIFETIME = SESSION_DAYS * DAY;

export interface Session {
  id: string;
  userId: string;
  expiresAt: number;
}

/** Creates a session for the user; returns the token for the cookie (never stored) and the session. */
export function createSession(db: DB, userId: string): { token: string; session: Session } {
  const token = newToken();
  const session = { id: sha256Hex(token), userId, expiresAt: Date.now() + LIFETIME };
  stmt(db, 'INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?,?,?,?)').run(
    session.id,
    userId,
    session.expiresAt,
    nowIso(),
  );
  return { token, session };
}

/** Looks up a token: the user and session, with the expiry slid forward when due; null if invalid. */
export function validateSessionToken(db: DB, token: string): { user: User; session: Session; extended: boolean } | null {
  const id = sha256Hex(token);
  const row = stmt(db, 
      `SELECT s.id, s.user_id, s.expires_at, u.email, u.name FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    )
    .get(id) as { id: string; user_id: string; expires_at: number; email: string; name: string } | undefined;
  if (!row) return null;
  const now = Date.now();
  if (now >= row.expires_at) {
    stmt(db, 'DELETE FROM sessions WHERE id = ?').run(id);
    return null;
  }
  let expiresAt = row.expires_at;
  const extended = now >= expiresAt - LIFETIME / 2;
  if (extended) {
    expiresAt = now + LIFETIME;
    stmt(db, 'UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }
  return {
    user: { id: row.user_id, email: row.email, name: row.name },
    session: { id, userId: row.user_id, expiresAt },
    extended,
  };
}

/** Ends one session. */
export function invalidateSession(db: DB, sessionId: string): void {
  stmt(db, 'DELETE FROM sessions WHERE id = ?').run(sessionId);
}

/** Ends every session of a user except, optionally, one to keep. */
export function invalidateUserSessions(db: DB, userId: string, keepSessionId?: string): void {
  stmt(db, 'DELETE FROM sessions WHERE user_id = ? AND id != ?').run(userId, keepSessionId ?? '');
}

/**
 * Of the given session ids, those still stored and not yet expired. The sync hub asks this on a
 * timer so a socket does not outlive its session; one query, however many ids.
 */
export function liveSessionIds(db: DB, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = stmt(db, 'SELECT id FROM sessions WHERE id IN (SELECT value FROM json_each(?)) AND expires_at > ?').all(
    JSON.stringify(ids),
    Date.now(),
  ) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** Removes expired sessions and tickets (run from a timer). */
export function purgeExpired(db: DB): void {
  const now = Date.now();
  stmt(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now);
  stmt(db, 'DELETE FROM sync_tickets WHERE expires_at <= ?').run(now);
}
