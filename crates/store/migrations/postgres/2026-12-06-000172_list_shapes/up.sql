-- Every list shape of `GET /workspaces` fast (issue 17), on top of `000017_list_filters`.
-- Keep in step with ../../sqlite/2026-12-06-000172_list_shapes/up.sql, which says why; here:
-- * `shared`, `outdated`: filter inputs kept on the row; not shown, never move `version`
--   (not in `workspaces_shown_update`'s list). `outdated` is set by a BEFORE trigger when the
--   latest build's version is written, and by the template's when its active version moves.
-- * `list_generation`: 64 shards, so that concurrent writers do not queue on one row. Each
--   writing transaction moves one shard (its transaction id's) once, at COMMIT (a deferred
--   constraint trigger: the row lock is taken last and held only while committing, so it can
--   neither deadlock with the workspace rows nor serialise whole transactions). Readers sum
--   the shards in their snapshot: every shard only grows, so equal sums are equal states.
-- * `name:` through a trigram index (pg_trgm, from contrib) when the extension is available.
ALTER TABLE workspaces ADD COLUMN shared BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE workspaces ADD COLUMN outdated BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE workspaces SET shared = TRUE
WHERE EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id)
   OR EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = workspaces.id);
UPDATE workspaces SET outdated = TRUE
WHERE latest_template_version_id IS NOT NULL
  AND latest_template_version_id <> (SELECT t.active_version_id FROM templates t WHERE t.id = workspaces.template_id);

CREATE FUNCTION workspace_acl_shared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE workspaces SET shared = (EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = OLD.workspace_id)
                                        OR EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = OLD.workspace_id))
        WHERE id = OLD.workspace_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE workspaces SET shared = TRUE WHERE id = NEW.workspace_id AND NOT shared;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER workspace_user_acl_shared AFTER INSERT OR DELETE OR UPDATE OF workspace_id ON workspace_user_acl
    FOR EACH ROW EXECUTE FUNCTION workspace_acl_shared();
CREATE TRIGGER workspace_group_acl_shared AFTER INSERT OR DELETE OR UPDATE OF workspace_id ON workspace_group_acl
    FOR EACH ROW EXECUTE FUNCTION workspace_acl_shared();

CREATE FUNCTION workspaces_outdated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.outdated := COALESCE(NEW.latest_template_version_id IS NOT NULL AND NEW.latest_template_version_id <>
        (SELECT t.active_version_id FROM templates t WHERE t.id = NEW.template_id), FALSE);
    RETURN NEW;
END $$;
CREATE TRIGGER workspaces_outdated BEFORE INSERT OR UPDATE OF latest_template_version_id, template_id ON workspaces
    FOR EACH ROW EXECUTE FUNCTION workspaces_outdated();
CREATE FUNCTION templates_outdated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workspaces SET outdated = COALESCE(latest_template_version_id IS NOT NULL AND latest_template_version_id <> NEW.active_version_id, FALSE)
    WHERE template_id = NEW.id
      AND outdated IS DISTINCT FROM COALESCE(latest_template_version_id IS NOT NULL AND latest_template_version_id <> NEW.active_version_id, FALSE);
    RETURN NULL;
END $$;
CREATE TRIGGER templates_outdated AFTER UPDATE OF active_version_id ON templates
    FOR EACH ROW WHEN (OLD.active_version_id IS DISTINCT FROM NEW.active_version_id)
    EXECUTE FUNCTION templates_outdated();

CREATE TABLE list_generation (
    shard INTEGER PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO list_generation (shard, value) SELECT s, CASE WHEN s = 0 THEN 1 ELSE 0 END FROM generate_series(0, 63) s;
CREATE FUNCTION list_generation_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('workspaced.list_generation_moved', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('workspaced.list_generation_moved', 'yes', true);
        UPDATE list_generation SET value = value + 1 WHERE shard = (txid_current() % 64)::INTEGER;
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER workspaces_list_generation AFTER INSERT OR UPDATE OR DELETE ON workspaces
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION list_generation_move();
CREATE CONSTRAINT TRIGGER group_members_list_generation AFTER INSERT OR UPDATE OR DELETE ON group_members
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION list_generation_move();

CREATE INDEX workspaces_template_order_idx ON workspaces (template_id, status_rank, owner_name_key, name_key, id) WHERE NOT deleted;
CREATE INDEX workspaces_shared_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE shared AND NOT deleted;
CREATE INDEX workspaces_outdated_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE outdated AND NOT deleted;
CREATE INDEX workspaces_connected_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE agents_connected AND NOT deleted;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX workspaces_name_trgm_idx ON workspaces USING gin (name_key gin_trgm_ops) WHERE NOT deleted;
    END IF;
END $$;
