-- A duplicate that joined its group because the record it duplicates was merged in (or moved) by a
-- lead keeps its own link (reason, score, confirmation) and names that record here, so splitting
-- that record out again takes its own duplicates back with it.
ALTER TABLE records ADD COLUMN duplicate_via TEXT;

-- A record's history reads its own events (and its group members'): by entity, not the project's whole log.
CREATE INDEX events_entity ON events(project_id, entity, entity_id, id);
