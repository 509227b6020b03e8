-- Foundation: people, sessions, projects, membership, invitations, sync tickets,
-- the append-only event log, and persisted Yjs updates.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

-- Lucia model: the id is the SHA-256 (hex) of the random token in the cookie; the token itself is never stored.
CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE projects (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  settings   TEXT NOT NULL, -- JSON, validated by shared/api.ts projectSettings
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE project_members (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('lead', 'reviewer', 'co_researcher', 'observer')),
  joined_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members(user_id);

CREATE TABLE invitations (
  token_hash  TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('lead', 'reviewer', 'co_researcher', 'observer')),
  email       TEXT,
  created_by  TEXT NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL,
  expires_at  INTEGER NOT NULL,
  accepted_by TEXT REFERENCES users(id),
  accepted_at TEXT
);

CREATE TABLE sync_tickets (
  id         TEXT PRIMARY KEY, -- SHA-256 (hex) of the ticket
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
);

-- Append-only: the audit log and the feed the board is rebuilt from.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT,
  actor_id   TEXT,
  type       TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT,
  before     TEXT,
  after      TEXT,
  at         TEXT NOT NULL
);
CREATE INDEX events_project ON events(project_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE ydoc_updates (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  doc    TEXT NOT NULL,
  data   BLOB NOT NULL,
  at     TEXT NOT NULL
);
CREATE INDEX ydoc_updates_doc ON ydoc_updates(doc, id);
