-- Every list shape of `GET /workspaces` fast (issue 17), on top of `000017_list_filters`.
-- Keep in step with ../../postgres/2026-12-06-000172_list_shapes/up.sql.
--
-- * `shared`, `outdated`: filter inputs kept on the row in the transaction that changes them
--   (an ACL row; the latest build's version or the template's active one). Like 000017's
--   columns they are not shown by a response and are not in 000018's list of shown columns:
--   they never move `version`.
-- * `list_generation`: moves in every transaction that writes a `workspaces` row or a group
--   membership, which is every write that can change which workspaces match a filter or who
--   sees them (builds, agents, ACL, templates, users and organizations shown all reach the
--   row through 000018's stamp triggers). A count of a filtered list read in a snapshot at
--   generation N is exact for every snapshot at N: the list keeps such counts
--   (store::workspaces::list). Here one row (SQLite has one writer at a time).
-- * Indexes that serve a filter and the list order together.
ALTER TABLE workspaces ADD COLUMN shared BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN outdated BOOLEAN NOT NULL DEFAULT 0;
-- The backfill moves no `version` (neither column is shown), but an UPDATE of `workspaces`
-- compiles 000018's triggers, whose feed calls `workspace_changed`, a function the
-- migrating connection does not have: that trigger is set aside for the backfill, as is.
DROP TRIGGER workspaces_changed_update;
UPDATE workspaces SET
    shared = (EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id)
              OR EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = workspaces.id)),
    outdated = COALESCE(latest_template_version_id IS NOT NULL AND latest_template_version_id <>
              (SELECT t.active_version_id FROM templates t WHERE t.id = workspaces.template_id), 0);
CREATE TRIGGER workspaces_changed_update AFTER UPDATE OF version ON workspaces
WHEN NEW.version IS NOT OLD.version
BEGIN SELECT workspace_changed(NEW.id); END;

CREATE TRIGGER workspace_user_acl_shared_insert AFTER INSERT ON workspace_user_acl
BEGIN UPDATE workspaces SET shared = 1 WHERE id = NEW.workspace_id AND NOT shared; END;
CREATE TRIGGER workspace_group_acl_shared_insert AFTER INSERT ON workspace_group_acl
BEGIN UPDATE workspaces SET shared = 1 WHERE id = NEW.workspace_id AND NOT shared; END;
CREATE TRIGGER workspace_user_acl_shared_delete AFTER DELETE ON workspace_user_acl
BEGIN
    UPDATE workspaces SET shared = (EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = OLD.workspace_id)
                                    OR EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = OLD.workspace_id))
    WHERE id = OLD.workspace_id;
END;
CREATE TRIGGER workspace_group_acl_shared_delete AFTER DELETE ON workspace_group_acl
BEGIN
    UPDATE workspaces SET shared = (EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = OLD.workspace_id)
                                    OR EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = OLD.workspace_id))
    WHERE id = OLD.workspace_id;
END;
CREATE TRIGGER workspace_user_acl_shared_update AFTER UPDATE OF workspace_id ON workspace_user_acl
BEGIN
    UPDATE workspaces SET shared = (EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id)
                                    OR EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = workspaces.id))
    WHERE id IN (OLD.workspace_id, NEW.workspace_id);
END;
CREATE TRIGGER workspace_group_acl_shared_update AFTER UPDATE OF workspace_id ON workspace_group_acl
BEGIN
    UPDATE workspaces SET shared = (EXISTS (SELECT 1 FROM workspace_user_acl a WHERE a.workspace_id = workspaces.id)
                                    OR EXISTS (SELECT 1 FROM workspace_group_acl g WHERE g.workspace_id = workspaces.id))
    WHERE id IN (OLD.workspace_id, NEW.workspace_id);
END;

-- Outdated: the latest build's version is not the template's active one.
CREATE TRIGGER workspaces_outdated AFTER UPDATE OF latest_template_version_id, template_id ON workspaces
BEGIN
    UPDATE workspaces SET outdated = COALESCE(NEW.latest_template_version_id IS NOT NULL AND NEW.latest_template_version_id <>
        (SELECT t.active_version_id FROM templates t WHERE t.id = NEW.template_id), 0)
    WHERE id = NEW.id;
END;
CREATE TRIGGER templates_outdated AFTER UPDATE OF active_version_id ON templates
WHEN OLD.active_version_id IS NOT NEW.active_version_id
BEGIN
    UPDATE workspaces SET outdated = COALESCE(latest_template_version_id IS NOT NULL AND latest_template_version_id <> NEW.active_version_id, 0)
    WHERE template_id = NEW.id
      AND outdated <> COALESCE(latest_template_version_id IS NOT NULL AND latest_template_version_id <> NEW.active_version_id, 0);
END;

CREATE TABLE list_generation (
    shard INTEGER PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO list_generation (shard, value) VALUES (0, 1);
CREATE TRIGGER workspaces_list_generation_insert AFTER INSERT ON workspaces
BEGIN UPDATE list_generation SET value = value + 1; END;
CREATE TRIGGER workspaces_list_generation_update AFTER UPDATE ON workspaces
BEGIN UPDATE list_generation SET value = value + 1; END;
CREATE TRIGGER workspaces_list_generation_delete AFTER DELETE ON workspaces
BEGIN UPDATE list_generation SET value = value + 1; END;
CREATE TRIGGER group_members_list_generation_insert AFTER INSERT ON group_members
BEGIN UPDATE list_generation SET value = value + 1; END;
CREATE TRIGGER group_members_list_generation_update AFTER UPDATE ON group_members
BEGIN UPDATE list_generation SET value = value + 1; END;
CREATE TRIGGER group_members_list_generation_delete AFTER DELETE ON group_members
BEGIN UPDATE list_generation SET value = value + 1; END;

CREATE INDEX workspaces_template_order_idx ON workspaces (template_id, status_rank, owner_name_key, name_key, id) WHERE NOT deleted;
CREATE INDEX workspaces_shared_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE shared AND NOT deleted;
CREATE INDEX workspaces_outdated_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE outdated AND NOT deleted;
CREATE INDEX workspaces_connected_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE agents_connected AND NOT deleted;
