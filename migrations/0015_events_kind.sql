-- The Activity page filters the audit log by kind, newest first. A kind is a set of type prefixes;
-- filtering those on events_project would walk every older event of a large project to fill a page
-- of a rare kind (settings among 100,000 duplicate links). A virtual column costs no storage, and
-- its index seeks straight to a page of one kind. Keep in step with AUDIT_KINDS in shared/audit.ts.
ALTER TABLE events ADD COLUMN kind TEXT GENERATED ALWAYS AS (CASE
  WHEN type GLOB 'record.duplicate_*' THEN 'duplicates'
  WHEN type IN ('record.resolved', 'record.quorum_withdrawn') OR type GLOB 'stage.*' THEN 'screening'
  WHEN type GLOB 'import.*' OR type GLOB 'record.*' THEN 'records'
  WHEN type GLOB 'member.*' OR type GLOB 'invitation.*' THEN 'members'
  WHEN type GLOB 'project.*' OR type GLOB 'prisma.*' THEN 'settings'
  WHEN type GLOB 'theme.*' THEN 'synthesis'
  ELSE 'other'
END) VIRTUAL;
CREATE INDEX events_kind ON events(project_id, kind, id);
