-- A lead settling a full-text exclusion picks one of the project's exclusion reasons for the PRISMA
-- diagram; `reason` stays the lead's free-text note. NULL: none chosen (includes, settlements by
-- vote, and settlements from before the choice existed, whose note may still name a reason).
ALTER TABLE resolutions ADD COLUMN exclusion_reason TEXT;
