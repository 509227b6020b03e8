-- Duplicate review: a lead confirms a duplicate link (or makes one by hand); who and when are kept
-- beside the link so the duplicates page can show what is still to check.
ALTER TABLE records ADD COLUMN duplicate_confirmed_at TEXT;
ALTER TABLE records ADD COLUMN duplicate_confirmed_by TEXT REFERENCES users(id);

-- The records list filters by import source; duplicate groups are listed by their primary's order.
CREATE INDEX imports_project_source ON imports(project_id, source);
CREATE INDEX records_dup_seq ON records(project_id, duplicate_of, seq);
