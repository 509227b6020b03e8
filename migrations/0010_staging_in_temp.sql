-- Import staging moves to a TEMP table of the server's connection (server/records/store.ts):
-- staged rows then skip the WAL and the checkpoint that copied every staged record into the
-- database file only for it to be deleted again, and an interrupted import leaves nothing
-- behind to clear at start-up.
DROP TABLE import_staging;
