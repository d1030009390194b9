-- PostgreSQL keeps the visibility generation in 64 shards from this migration on (issue 17:
-- its one row's lock, held to COMMIT by every create, made creates run one at a time).
-- SQLite keeps the one row: its writers take turns anyway (`BEGIN IMMEDIATE`), so the row's
-- update costs a create nothing but the update itself, and the list reads it as before.
SELECT 1;
