/** Short-lived sync tickets for non-browser clients; reusable until expiry so reconnects work. */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import { newToken, sha256Hex } from '../ids';

export const TICKET_LIFETIME_MS = 5 * 60 * 1000;

/** Issues a ticket for a user; only its hash is stored. */
export function createTicket(db: DB, userId: string): { ticket: string; expiresAt: string } {
  const ticket = newToken();
  const expiresAt = Date.now() + TICKET_LIFETIME_MS;
  stmt(db, 'INSERT INTO sync_tickets (id, user_id, expires_at) VALUES (?,?,?)').run(sha256Hex(ticket), userId, expiresAt);
  return { ticket, expiresAt: new Date(expiresAt).toISOString() };
}

/** The user a live ticket belongs to, or null. */
export function userForTicket(db: DB, ticket: string): string | null {
  const r = stmt(db, 'SELECT user_id, expires_at FROM sync_tickets WHERE id = ?').get(sha256Hex(ticket)) as
    | { user_id: string; expires_at: number }
    | undefined;
  return r && r.expires_at > Date.now() ? r.user_id : null;
}
