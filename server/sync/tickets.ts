/** Short-lived sync tickets for non-browser clients; reusable until expiry so reconnects work. */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import { newToken, sha256Hex } from '../ids';

export const TICKET_LIFETIME_MS = 5 * 60 * 1000;

/** Issues a ticket for a user's session; only its hash is stored, and it ends with the session. */
export function createTicket(db: DB, userId: string, sessionId: string): { ticket: string; expiresAt: string } {
  const ticket = newToken();
  const expiresAt = Date.now() + TICKET_LIFETIME_MS;
  stmt(db, 'INSERT INTO sync_tickets (id, user_id, session_id, expires_at) VALUES (?,?,?,?)').run(sha256Hex(ticket), userId, sessionId, expiresAt);
  return { ticket, expiresAt: new Date(expiresAt).toISOString() };
}

/** Who a live ticket speaks for: its user and the session that issued it (which must be live too), or null. */
export function ticketHolder(db: DB, ticket: string): { userId: string; sessionId: string | null } | null {
  const now = Date.now();
  const r = stmt(
    db,
    `SELECT t.user_id, t.session_id, t.expires_at, s.expires_at AS session_expires
     FROM sync_tickets t LEFT JOIN sessions s ON s.id = t.session_id WHERE t.id = ?`,
  ).get(sha256Hex(ticket)) as { user_id: string; session_id: string | null; expires_at: number; session_expires: number | null } | undefined;
  if (!r || r.expires_at <= now) return null;
  // a ticket from before tickets had sessions has none; otherwise the session must still be live
  if (r.session_id !== null && !(r.session_expires !== null && r.session_expires > now)) return null;
  return { userId: r.user_id, sessionId: r.session_id };
}
