-- A sync ticket belongs to the session that asked for it: sockets opened with it close when that
-- session ends (logout, expiry), and the ticket stops working with it. Tickets issued before this
-- migration have none and simply run out within minutes.
ALTER TABLE sync_tickets ADD COLUMN session_id TEXT REFERENCES sessions(id) ON DELETE CASCADE;
CREATE INDEX sync_tickets_session ON sync_tickets(session_id);
