-- The SHA-256 of each imported file, so importing the same export twice into a project is noticed
-- (it would otherwise pad PRISMA's "records identified"). NULL for imports made before this column.
ALTER TABLE imports ADD COLUMN sha256 TEXT;
CREATE INDEX imports_project_sha256 ON imports(project_id, sha256) WHERE sha256 IS NOT NULL;
