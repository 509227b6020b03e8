-- Every stage's state starts from the project's primary record ids in arrival order. With the id
-- in the index that list is read from the index alone: about 25 ms instead of 170 ms for 90,000
-- records, since each row no longer needs a lookup in the table. Same columns first, so the
-- queries that used records_dup_seq use this one.
CREATE INDEX records_dup_seq_id ON records(project_id, duplicate_of, seq, id);
DROP INDEX records_dup_seq;

-- The records list's prior-label menu reads only records that carry labels (from Rayyan or
-- ASReview); without this index it reads every record of the project (about 110 ms at 100,000).
CREATE INDEX records_labelled ON records(project_id) WHERE prior_labels != '[]';
