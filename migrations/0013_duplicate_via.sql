-- A duplicate that joined its group because the record it duplicates was merged in (or moved) by a
-- lead keeps its own link (reason, score, confirmation) and names that record here, so splitting
-- that record out again takes its own duplicates back with it.
ALTER TABLE records ADD COLUMN duplicate_via TEXT;
