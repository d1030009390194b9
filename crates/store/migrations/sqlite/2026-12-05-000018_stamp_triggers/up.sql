-- The stamp of a workspace's response, kept by the database: `workspaces.version` moves in
-- the transaction of every write that changes what the response shows, whoever writes
-- (this server, another replica, an admin command), and nothing in Rust moves it by hand.
-- Keep in step with ../../postgres/2026-12-05-000018_stamp_triggers/up.sql.
--
-- * The workspace's own row: a change of a column the response shows moves `version`. The
--   columns watched are listed in `workspaces_shown_update` below; columns kept on the row
--   only to serve the list's filters and order (status_rank, owner_name_key, name_key, and
--   whatever derived filter columns later migrations add) are not watched. A column that the
--   response shows must be added to that list.
-- * Rows the response shows through the workspace (its builds, their jobs, resources, agents
--   and apps; its ACL rows; its port shares) move the version of their workspace.
-- * Rows shared by many workspaces (users, groups, templates, template versions,
--   organizations) move the version of every workspace that shows them: these are rare
--   admin writes. A provisioner job's heartbeat shows nowhere and moves nothing.
-- * Every move of `version` (and every new workspace) calls `workspace_changed(id)`, a
--   function each connection of the store registers (store::changes): it records the
--   workspace for the change feed, published after COMMIT.
--
-- SQLite's triggers cannot modify NEW: the row's own trigger is an AFTER trigger that
-- updates `version` only, guarded by `NEW.version = OLD.version` so that it cannot recurse
-- (and a write that moves `version` itself is not moved twice).

CREATE TRIGGER workspaces_shown_update AFTER UPDATE ON workspaces
WHEN NEW.version = OLD.version AND (
       OLD.organization_id IS NOT NEW.organization_id OR OLD.owner_id IS NOT NEW.owner_id
    OR OLD.template_id IS NOT NEW.template_id OR OLD.name IS NOT NEW.name
    OR OLD.autostart_schedule IS NOT NEW.autostart_schedule OR OLD.ttl_ms IS NOT NEW.ttl_ms
    OR OLD.automatic_updates IS NOT NEW.automatic_updates OR OLD.favorite IS NOT NEW.favorite
    OR OLD.last_used_at IS NOT NEW.last_used_at OR OLD.dormant_at IS NOT NEW.dormant_at
    OR OLD.deleting_at IS NOT NEW.deleting_at OR OLD.next_start_at IS NOT NEW.next_start_at
    OR OLD.deleted IS NOT NEW.deleted OR OLD.created_at IS NOT NEW.created_at
    OR OLD.updated_at IS NOT NEW.updated_at OR OLD.latest_build_status IS NOT NEW.latest_build_status)
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = NEW.id; END;

-- The change feed.
CREATE TRIGGER workspaces_changed_insert AFTER INSERT ON workspaces
BEGIN SELECT workspace_changed(NEW.id); END;
CREATE TRIGGER workspaces_changed_update AFTER UPDATE OF version ON workspaces
WHEN NEW.version IS NOT OLD.version
BEGIN SELECT workspace_changed(NEW.id); END;

-- Builds.
CREATE TRIGGER workspace_builds_stamp_insert AFTER INSERT ON workspace_builds
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = NEW.workspace_id; END;
CREATE TRIGGER workspace_builds_stamp_update AFTER UPDATE ON workspace_builds
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (OLD.workspace_id, NEW.workspace_id); END;
CREATE TRIGGER workspace_builds_stamp_delete AFTER DELETE ON workspace_builds
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = OLD.workspace_id; END;

-- Provisioner jobs (of builds), except heartbeats.
CREATE TRIGGER provisioner_jobs_stamp_update AFTER UPDATE ON provisioner_jobs
WHEN OLD.job_status IS NOT NEW.job_status OR OLD.error IS NOT NEW.error
    OR OLD.worker_id IS NOT NEW.worker_id OR OLD.started_at IS NOT NEW.started_at
    OR OLD.completed_at IS NOT NEW.completed_at OR OLD.canceled_at IS NOT NEW.canceled_at
    OR OLD.updated_at IS NOT NEW.updated_at OR OLD.initiator_id IS NOT NEW.initiator_id
    OR OLD.created_at IS NOT NEW.created_at
BEGIN UPDATE workspaces SET version = version + 1
    WHERE id IN (SELECT workspace_id FROM workspace_builds WHERE job_id = NEW.id); END;

-- Resources, agents and apps (materialised by a build's job).
CREATE TRIGGER workspace_resources_stamp_insert AFTER INSERT ON workspace_resources
BEGIN UPDATE workspaces SET version = version + 1
    WHERE id IN (SELECT workspace_id FROM workspace_builds WHERE job_id = NEW.job_id); END;
CREATE TRIGGER workspace_resources_stamp_update AFTER UPDATE ON workspace_resources
BEGIN UPDATE workspaces SET version = version + 1
    WHERE id IN (SELECT workspace_id FROM workspace_builds WHERE job_id IN (OLD.job_id, NEW.job_id)); END;
CREATE TRIGGER workspace_resources_stamp_delete AFTER DELETE ON workspace_resources
BEGIN UPDATE workspaces SET version = version + 1
    WHERE id IN (SELECT workspace_id FROM workspace_builds WHERE job_id = OLD.job_id); END;

CREATE TRIGGER workspace_agents_stamp_insert AFTER INSERT ON workspace_agents
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (
    SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
    WHERE r.id = NEW.resource_id); END;
CREATE TRIGGER workspace_agents_stamp_update AFTER UPDATE ON workspace_agents
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (
    SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
    WHERE r.id IN (OLD.resource_id, NEW.resource_id)); END;
CREATE TRIGGER workspace_agents_stamp_delete AFTER DELETE ON workspace_agents
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (
    SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
    WHERE r.id = OLD.resource_id); END;

CREATE TRIGGER workspace_apps_stamp_insert AFTER INSERT ON workspace_apps
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (
    SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
    JOIN workspace_agents a ON a.resource_id = r.id WHERE a.id = NEW.agent_id); END;
CREATE TRIGGER workspace_apps_stamp_update AFTER UPDATE ON workspace_apps
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (
    SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
    JOIN workspace_agents a ON a.resource_id = r.id WHERE a.id IN (OLD.agent_id, NEW.agent_id)); END;
CREATE TRIGGER workspace_apps_stamp_delete AFTER DELETE ON workspace_apps
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (
    SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
    JOIN workspace_agents a ON a.resource_id = r.id WHERE a.id = OLD.agent_id); END;

-- ACL rows and port shares.
CREATE TRIGGER workspace_user_acl_stamp_insert AFTER INSERT ON workspace_user_acl
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = NEW.workspace_id; END;
CREATE TRIGGER workspace_user_acl_stamp_update AFTER UPDATE ON workspace_user_acl
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (OLD.workspace_id, NEW.workspace_id); END;
CREATE TRIGGER workspace_user_acl_stamp_delete AFTER DELETE ON workspace_user_acl
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = OLD.workspace_id; END;
CREATE TRIGGER workspace_group_acl_stamp_insert AFTER INSERT ON workspace_group_acl
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = NEW.workspace_id; END;
CREATE TRIGGER workspace_group_acl_stamp_update AFTER UPDATE ON workspace_group_acl
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (OLD.workspace_id, NEW.workspace_id); END;
CREATE TRIGGER workspace_group_acl_stamp_delete AFTER DELETE ON workspace_group_acl
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = OLD.workspace_id; END;
CREATE TRIGGER workspace_port_shares_stamp_insert AFTER INSERT ON workspace_port_shares
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = NEW.workspace_id; END;
CREATE TRIGGER workspace_port_shares_stamp_update AFTER UPDATE ON workspace_port_shares
BEGIN UPDATE workspaces SET version = version + 1 WHERE id IN (OLD.workspace_id, NEW.workspace_id); END;
CREATE TRIGGER workspace_port_shares_stamp_delete AFTER DELETE ON workspace_port_shares
BEGIN UPDATE workspaces SET version = version + 1 WHERE id = OLD.workspace_id; END;

-- Shared rows: the users a workspace shows (its owner, its builds' initiators, the users
-- it is shared with), the groups it is shared with, its template, its builds' template
-- versions and its organization.
CREATE TRIGGER users_stamp_update AFTER UPDATE ON users
BEGIN UPDATE workspaces SET version = version + 1
    WHERE owner_id = NEW.id
       OR id IN (SELECT workspace_id FROM workspace_user_acl WHERE user_id = NEW.id)
       OR id IN (SELECT workspace_id FROM workspace_builds WHERE initiator_id = NEW.id); END;
CREATE TRIGGER groups_stamp_update AFTER UPDATE ON groups
BEGIN UPDATE workspaces SET version = version + 1
    WHERE id IN (SELECT workspace_id FROM workspace_group_acl WHERE group_id = NEW.id); END;
CREATE TRIGGER templates_stamp_update AFTER UPDATE ON templates
BEGIN UPDATE workspaces SET version = version + 1 WHERE template_id = NEW.id; END;
CREATE TRIGGER template_versions_stamp_update AFTER UPDATE ON template_versions
BEGIN UPDATE workspaces SET version = version + 1
    WHERE id IN (SELECT workspace_id FROM workspace_builds WHERE template_version_id = NEW.id); END;
CREATE TRIGGER organizations_stamp_update AFTER UPDATE ON organizations
BEGIN UPDATE workspaces SET version = version + 1 WHERE organization_id = NEW.id; END;
