-- Screening: who screens, assignments, current decisions, the append-only decision events,
-- unblinding events, rejected entries, and final decisions set by resolution.

-- Leads and co-researchers a lead added as screeners of a stage (reviewers screen by default).
CREATE TABLE stage_screeners (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  stage      TEXT NOT NULL CHECK (stage IN ('ta', 'ft')),
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, stage, user_id)
);

-- With assignment 'balanced', which screener has which record; with 'all', no rows (everyone has everything).
CREATE TABLE assignments (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  stage      TEXT NOT NULL,
  record_id  TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, stage, record_id, user_id)
);
CREATE INDEX assignments_user ON assignments(project_id, stage, user_id);

-- Current decision of each screener (projected from their private Yjs document).
CREATE TABLE decisions (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  stage      TEXT NOT NULL,
  record_id  TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users(id),
  decision   TEXT NOT NULL CHECK (decision IN ('include', 'exclude', 'maybe')),
  reasons    TEXT NOT NULL,  -- JSON string[]
  note       TEXT NOT NULL,
  client_at  TEXT NOT NULL,  -- the reviewer's clock ('at' in the document)
  updated_at TEXT NOT NULL,  -- the server's clock
  PRIMARY KEY (project_id, stage, record_id, user_id)
);
CREATE INDEX decisions_stage ON decisions(project_id, stage, record_id);

-- Append-only history of every decision change: replaying it yields the decisions table.
CREATE TABLE decision_events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT NOT NULL,
  stage      TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  before     TEXT,           -- JSON decision or NULL
  after      TEXT,           -- JSON decision or NULL (withdrawn)
  at         TEXT NOT NULL
);
CREATE INDEX decision_events_stage ON decision_events(project_id, stage, id);
CREATE TRIGGER decision_events_no_update BEFORE UPDATE ON decision_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER decision_events_no_delete BEFORE DELETE ON decision_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;

-- A lead unblinding a stage; last_decision_event marks the independent judgements.
CREATE TABLE unblindings (
  project_id          TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  stage               TEXT NOT NULL,
  scope               TEXT NOT NULL DEFAULT 'stage', -- 'stage' or 'pilot'
  by_user             TEXT NOT NULL REFERENCES users(id),
  at                  TEXT NOT NULL,
  last_decision_event INTEGER NOT NULL,
  PRIMARY KEY (project_id, stage, scope)
);

-- Entries from private documents the server refused to project (kept for the reviewer and the lead).
CREATE TABLE rejected_entries (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  doc_key    TEXT NOT NULL,
  value      TEXT,
  reason     TEXT NOT NULL,
  at         TEXT NOT NULL
);

-- Final decisions settled after unblinding (by a lead or by quorum); agreed records need no row.
CREATE TABLE resolutions (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  stage      TEXT NOT NULL,
  record_id  TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  decision   TEXT NOT NULL CHECK (decision IN ('include', 'exclude')),
  reason     TEXT NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('lead', 'quorum')),
  by_user    TEXT REFERENCES users(id),
  at         TEXT NOT NULL,
  PRIMARY KEY (project_id, stage, record_id)
);
