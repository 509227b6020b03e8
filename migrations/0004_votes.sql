-- Votes on disputed records (projected from private documents' `votes` maps) and their history.

CREATE TABLE votes (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  stage      TEXT NOT NULL,
  record_id  TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users(id),
  vote       TEXT NOT NULL CHECK (vote IN ('include', 'exclude')),
  comment    TEXT NOT NULL,
  client_at  TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (project_id, stage, record_id, user_id)
);

CREATE TABLE vote_events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT NOT NULL,
  stage      TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  before     TEXT,
  after      TEXT,
  at         TEXT NOT NULL
);
CREATE INDEX vote_events_record ON vote_events(project_id, stage, record_id, id);
CREATE TRIGGER vote_events_no_update BEFORE UPDATE ON vote_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER vote_events_no_delete BEFORE DELETE ON vote_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
