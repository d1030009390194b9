-- The visibility generation (migration `list_counts`) kept in 64 shards instead of one row
-- (issue 17: writes stay flat). Every create moved the one row, and its row lock was held
-- to COMMIT: creates ran one at a time, each waiting for the whole transaction (and the
-- WAL flush) of the one before it; any slow statement in one create stalled all of them
-- (`auto_explain`: `UPDATE visibility_generation` among the slowest statements of a seeding).
--
-- A transaction now moves the shard of its transaction id (always the same one, so two
-- transactions cannot take two shards in opposite orders), and the generation is the sum
-- of the shards, read through the view that keeps the old name (store::workspaces::list
-- reads it unchanged). The sum stays exact for the kept counts: each change moves a
-- shard by one in its transaction, and on one server every snapshot sees the transactions
-- committed before it was taken, so two snapshots with the same sum saw the same changes.
ALTER TABLE visibility_generation RENAME TO visibility_generation_shards;
ALTER TABLE visibility_generation_shards DROP CONSTRAINT visibility_generation_id_check;
ALTER TABLE visibility_generation_shards ADD CONSTRAINT visibility_generation_shards_id_check CHECK (id >= 0 AND id < 64);
INSERT INTO visibility_generation_shards (id, value) SELECT g, 0 FROM generate_series(0, 63) AS g WHERE g <> 1;
CREATE VIEW visibility_generation AS
    SELECT 1 AS id, SUM(value)::BIGINT AS value FROM visibility_generation_shards;
CREATE OR REPLACE FUNCTION bump_visibility_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE visibility_generation_shards SET value = value + 1 WHERE id = (txid_current() % 64)::INTEGER;
    RETURN NULL;
END $$;
