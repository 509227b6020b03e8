-- Records imported from search exports, their imports, duplicate links, and full-text search.

CREATE TABLE imports (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source      TEXT NOT NULL,   -- database name as the lead gave it, e.g. 'MEDLINE via Ovid'
  format      TEXT NOT NULL,
  filename    TEXT,
  encoding    TEXT,
  parsed      INTEGER NOT NULL,
  added       INTEGER NOT NULL,
  duplicates  INTEGER NOT NULL,
  problems    TEXT NOT NULL,   -- JSON [{line, message}]
  created_by  TEXT NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX imports_project ON imports(project_id);

CREATE TABLE records (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  import_id     TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,          -- order of arrival in the project: stable paging and screening order
  title         TEXT NOT NULL,
  abstract      TEXT NOT NULL,
  authors       TEXT NOT NULL,             -- JSON string[]
  year          INTEGER,
  journal       TEXT NOT NULL,
  volume        TEXT NOT NULL,
  issue         TEXT NOT NULL,
  pages         TEXT NOT NULL,
  doi           TEXT,
  pmid          TEXT,
  keywords      TEXT NOT NULL,             -- JSON string[]
  url           TEXT NOT NULL,
  type          TEXT NOT NULL,
  language      TEXT NOT NULL,
  source_id     TEXT NOT NULL,
  notes         TEXT NOT NULL,
  prior_labels  TEXT NOT NULL,             -- JSON PriorLabel[]
  -- Duplicates are linked, never deleted: a duplicate points at its group's primary record.
  duplicate_of     TEXT REFERENCES records(id),
  duplicate_reason TEXT,                   -- 'doi' | 'pmid' | 'fuzzy' | 'manual'
  duplicate_score  REAL,
  created_at    TEXT NOT NULL,
  UNIQUE (project_id, seq)
);
CREATE INDEX records_doi ON records(project_id, doi) WHERE doi IS NOT NULL;
CREATE INDEX records_pmid ON records(project_id, pmid) WHERE pmid IS NOT NULL;
CREATE INDEX records_dup ON records(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX records_import ON records(import_id);

CREATE VIRTUAL TABLE records_fts USING fts5(title, abstract, content='records', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
-- New records are indexed in batches after their import commits (server/records/fts.ts), so a
-- 100,000-record import is not held up by indexing; searches first catch the index up.
-- `indexed_upto` is the highest records.rowid in the index.
CREATE TABLE records_fts_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_upto INTEGER NOT NULL
);
INSERT INTO records_fts_state (id, indexed_upto) VALUES (1, 0);
CREATE TRIGGER records_fts_ad AFTER DELETE ON records
WHEN old.rowid <= (SELECT indexed_upto FROM records_fts_state WHERE id = 1) BEGIN
  INSERT INTO records_fts(records_fts, rowid, title, abstract) VALUES ('delete', old.rowid, old.title, old.abstract);
END;
CREATE TRIGGER records_fts_au AFTER UPDATE OF title, abstract ON records
WHEN old.rowid <= (SELECT indexed_upto FROM records_fts_state WHERE id = 1) BEGIN
  INSERT INTO records_fts(records_fts, rowid, title, abstract) VALUES ('delete', old.rowid, old.title, old.abstract);
  INSERT INTO records_fts(rowid, title, abstract) VALUES (new.rowid, new.title, new.abstract);
END;
