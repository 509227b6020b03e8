-- Full texts of records at the full-text stage: an uploaded PDF (stored on disk under
-- DATA_DIR/fulltext/<project>/<record>.pdf) or a link to where the full text can be read.
CREATE TABLE fulltexts (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  record_id  TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('file', 'link')),
  url        TEXT,             -- kind 'link': an http(s) address
  size       INTEGER,          -- kind 'file': bytes
  sha256     TEXT,             -- kind 'file': hex digest, also the ETag
  by_user    TEXT REFERENCES users(id),
  at         TEXT NOT NULL,
  PRIMARY KEY (project_id, record_id)
);
