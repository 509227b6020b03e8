-- Thematic synthesis: the server's record of each theme in a project's workspace document (name
-- and version, so feedback can be validated and tied to versions without loading the document),
-- sense-check feedback projected from private documents, and its append-only history.

-- One row per theme the server has seen in `p/<pid>/workspace`; deleted themes stay (deleted = 1)
-- so feedback given on them keeps its context.
CREATE TABLE themes (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  theme_id   TEXT NOT NULL,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('analytical', 'descriptive')),
  parent_id  TEXT,
  position   INTEGER NOT NULL,           -- depth-first order in the resolved tree
  version    TEXT NOT NULL,              -- shared/workspace themeVersion (hash of name, description, children)
  revision   INTEGER NOT NULL DEFAULT 1, -- how many versions the server has seen
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  changed_at TEXT NOT NULL,
  PRIMARY KEY (project_id, theme_id)
);

-- Current sense-check feedback per person and theme. A skip ("no answer") has no resonance.
CREATE TABLE theme_feedback (
  project_id    TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  theme_id      TEXT NOT NULL,
  user_id       TEXT NOT NULL REFERENCES users(id),
  resonance     TEXT CHECK (resonance IN ('resonates', 'partly', 'not')),
  skipped       INTEGER NOT NULL CHECK (skipped IN (0, 1)),
  comment       TEXT NOT NULL,
  theme_version TEXT NOT NULL,           -- the version the person saw
  client_at     TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (project_id, theme_id, user_id),
  CHECK ((skipped = 1 AND resonance IS NULL) OR (skipped = 0 AND resonance IS NOT NULL))
);

-- Append-only history of every feedback change: replaying it yields theme_feedback.
CREATE TABLE theme_feedback_events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT NOT NULL,
  theme_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  before     TEXT,                       -- JSON feedback or NULL
  after      TEXT,                       -- JSON feedback or NULL (withdrawn)
  at         TEXT NOT NULL
);
CREATE INDEX theme_feedback_events_theme ON theme_feedback_events(project_id, theme_id, id);
CREATE TRIGGER theme_feedback_events_no_update BEFORE UPDATE ON theme_feedback_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER theme_feedback_events_no_delete BEFORE DELETE ON theme_feedback_events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
