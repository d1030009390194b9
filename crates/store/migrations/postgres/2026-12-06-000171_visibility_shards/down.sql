CREATE OR REPLACE FUNCTION bump_visibility_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE visibility_generation SET value = value + 1;
    RETURN NULL;
END $$;
DROP VIEW visibility_generation;
UPDATE visibility_generation_shards SET value = (SELECT SUM(value) FROM visibility_generation_shards) WHERE id = 1;
DELETE FROM visibility_generation_shards WHERE id <> 1;
ALTER TABLE visibility_generation_shards DROP CONSTRAINT visibility_generation_shards_id_check;
ALTER TABLE visibility_generation_shards ADD CONSTRAINT visibility_generation_id_check CHECK (id = 1);
ALTER TABLE visibility_generation_shards RENAME TO visibility_generation;
