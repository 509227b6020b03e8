-- Records of an import in progress, written in batches while the file streams in and moved into
-- `records` in one transaction once the whole file parsed: memory stays bounded for large files,
-- and a file that fails half-way adds nothing. Rows left by a crash are cleared at start-up.
-- Columns mirror `records` so the final move is a plain copy.
CREATE TABLE import_staging (
  import_id        TEXT NOT NULL,
  n                INTEGER NOT NULL,  -- position in the file
  id               TEXT NOT NULL,     -- the record id it will have
  title            TEXT NOT NULL,
  abstract         TEXT NOT NULL,
  authors          TEXT NOT NULL,
  year             INTEGER,
  journal          TEXT NOT NULL,
  volume           TEXT NOT NULL,
  issue            TEXT NOT NULL,
  pages            TEXT NOT NULL,
  doi              TEXT,
  pmid             TEXT,
  keywords         TEXT NOT NULL,
  url              TEXT NOT NULL,
  type             TEXT NOT NULL,
  language         TEXT NOT NULL,
  source_id        TEXT NOT NULL,
  notes            TEXT NOT NULL,
  prior_labels     TEXT NOT NULL,
  duplicate_of     TEXT,
  duplicate_reason TEXT,
  duplicate_score  REAL,
  PRIMARY KEY (import_id, n)
);
