-- The stamp of a workspace's response, kept by the database: `workspaces.version` moves in
-- the transaction of every write that changes what the response shows, whoever writes
-- (this server, another replica, an admin command), and nothing in Rust moves it by hand.
-- Keep in step with ../../sqlite/2026-12-05-000018_stamp_triggers/up.sql, which says what
-- moves it and why; here:
-- * the workspace's own row: a BEFORE UPDATE trigger sets NEW.version when a column the
--   response shows changed (the list in `workspaces_shown_update`; the list's derived
--   filter and order columns are not in it) and the write did not move `version` itself;
-- * every other table: AFTER triggers move the version of the workspaces concerned;
-- * the change feed: every move of `version` and every new workspace NOTIFYs its id on
--   `workspace_changed` (replacing the `live` migration's trigger on UPDATE OF version,
--   which a BEFORE trigger's assignment does not fire).

CREATE FUNCTION workspaces_shown_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version = OLD.version AND (
        NEW.organization_id, NEW.owner_id, NEW.template_id, NEW.name, NEW.autostart_schedule,
        NEW.ttl_ms, NEW.automatic_updates, NEW.favorite, NEW.last_used_at, NEW.dormant_at,
        NEW.deleting_at, NEW.next_start_at, NEW.deleted, NEW.created_at, NEW.updated_at,
        NEW.latest_build_status
    ) IS DISTINCT FROM (
        OLD.organization_id, OLD.owner_id, OLD.template_id, OLD.name, OLD.autostart_schedule,
        OLD.ttl_ms, OLD.automatic_updates, OLD.favorite, OLD.last_used_at, OLD.dormant_at,
        OLD.deleting_at, OLD.next_start_at, OLD.deleted, OLD.created_at, OLD.updated_at,
        OLD.latest_build_status
    ) THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER workspaces_shown_update BEFORE UPDATE ON workspaces
    FOR EACH ROW EXECUTE FUNCTION workspaces_shown_update();

-- The feed's function also lists the id in the transaction-local setting
-- `workspaced.changed`, which the store reads before COMMIT and publishes after, in process
-- (store::changes).
CREATE OR REPLACE FUNCTION notify_workspace_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('workspace_changed', NEW.id);
    PERFORM set_config('workspaced.changed', COALESCE(current_setting('workspaced.changed', true), '') || NEW.id || ',', true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER workspace_changed ON workspaces;
CREATE TRIGGER workspace_changed_insert AFTER INSERT ON workspaces
    FOR EACH ROW EXECUTE FUNCTION notify_workspace_changed();
CREATE TRIGGER workspace_changed AFTER UPDATE ON workspaces
    FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version) EXECUTE FUNCTION notify_workspace_changed();

-- Moves the version of the workspaces whose id is in `ids`.
CREATE FUNCTION move_workspace_versions(ids TEXT[]) RETURNS void LANGUAGE sql AS $$
    UPDATE workspaces SET version = version + 1 WHERE id = ANY(ids);
$$;

-- Rows that name their workspace.
CREATE FUNCTION stamp_by_workspace_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM move_workspace_versions(ARRAY[NEW.workspace_id]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM move_workspace_versions(ARRAY[OLD.workspace_id]);
    ELSE
        PERFORM move_workspace_versions(ARRAY[OLD.workspace_id, NEW.workspace_id]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER workspace_builds_stamp AFTER INSERT OR UPDATE OR DELETE ON workspace_builds
    FOR EACH ROW EXECUTE FUNCTION stamp_by_workspace_id();
CREATE TRIGGER workspace_user_acl_stamp AFTER INSERT OR UPDATE OR DELETE ON workspace_user_acl
    FOR EACH ROW EXECUTE FUNCTION stamp_by_workspace_id();
CREATE TRIGGER workspace_group_acl_stamp AFTER INSERT OR UPDATE OR DELETE ON workspace_group_acl
    FOR EACH ROW EXECUTE FUNCTION stamp_by_workspace_id();
CREATE TRIGGER workspace_port_shares_stamp AFTER INSERT OR UPDATE OR DELETE ON workspace_port_shares
    FOR EACH ROW EXECUTE FUNCTION stamp_by_workspace_id();

-- A build's job (not its heartbeats, which show nowhere).
CREATE FUNCTION provisioner_jobs_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_workspace_versions(ARRAY(SELECT workspace_id FROM workspace_builds WHERE job_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER provisioner_jobs_stamp AFTER UPDATE ON provisioner_jobs
    FOR EACH ROW WHEN ((OLD.job_status, OLD.error, OLD.worker_id, OLD.started_at, OLD.completed_at,
                        OLD.canceled_at, OLD.updated_at, OLD.initiator_id, OLD.created_at)
        IS DISTINCT FROM (NEW.job_status, NEW.error, NEW.worker_id, NEW.started_at, NEW.completed_at,
                          NEW.canceled_at, NEW.updated_at, NEW.initiator_id, NEW.created_at))
    EXECUTE FUNCTION provisioner_jobs_stamp();

-- Resources, agents and apps, through the build whose job materialised them.
CREATE FUNCTION workspace_resources_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE jobs TEXT[];
BEGIN
    IF TG_OP = 'INSERT' THEN jobs := ARRAY[NEW.job_id];
    ELSIF TG_OP = 'DELETE' THEN jobs := ARRAY[OLD.job_id];
    ELSE jobs := ARRAY[OLD.job_id, NEW.job_id];
    END IF;
    PERFORM move_workspace_versions(ARRAY(SELECT workspace_id FROM workspace_builds WHERE job_id = ANY(jobs)));
    RETURN NULL;
END $$;
CREATE TRIGGER workspace_resources_stamp AFTER INSERT OR UPDATE OR DELETE ON workspace_resources
    FOR EACH ROW EXECUTE FUNCTION workspace_resources_stamp();

CREATE FUNCTION workspace_agents_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE resources TEXT[];
BEGIN
    IF TG_OP = 'INSERT' THEN resources := ARRAY[NEW.resource_id];
    ELSIF TG_OP = 'DELETE' THEN resources := ARRAY[OLD.resource_id];
    ELSE resources := ARRAY[OLD.resource_id, NEW.resource_id];
    END IF;
    PERFORM move_workspace_versions(ARRAY(
        SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
        WHERE r.id = ANY(resources)));
    RETURN NULL;
END $$;
CREATE TRIGGER workspace_agents_stamp AFTER INSERT OR UPDATE OR DELETE ON workspace_agents
    FOR EACH ROW EXECUTE FUNCTION workspace_agents_stamp();

CREATE FUNCTION workspace_apps_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE agents TEXT[];
BEGIN
    IF TG_OP = 'INSERT' THEN agents := ARRAY[NEW.agent_id];
    ELSIF TG_OP = 'DELETE' THEN agents := ARRAY[OLD.agent_id];
    ELSE agents := ARRAY[OLD.agent_id, NEW.agent_id];
    END IF;
    PERFORM move_workspace_versions(ARRAY(
        SELECT b.workspace_id FROM workspace_builds b JOIN workspace_resources r ON r.job_id = b.job_id
        JOIN workspace_agents a ON a.resource_id = r.id WHERE a.id = ANY(agents)));
    RETURN NULL;
END $$;
CREATE TRIGGER workspace_apps_stamp AFTER INSERT OR UPDATE OR DELETE ON workspace_apps
    FOR EACH ROW EXECUTE FUNCTION workspace_apps_stamp();

-- Shared rows: users (owner, builds' initiators, users shared with), groups shared with,
-- templates, template versions, organizations. Rare admin writes.
CREATE FUNCTION users_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workspaces SET version = version + 1
    WHERE owner_id = NEW.id
       OR id IN (SELECT workspace_id FROM workspace_user_acl WHERE user_id = NEW.id)
       OR id IN (SELECT workspace_id FROM workspace_builds WHERE initiator_id = NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER users_stamp AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_stamp();

CREATE FUNCTION groups_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_workspace_versions(ARRAY(SELECT workspace_id FROM workspace_group_acl WHERE group_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER groups_stamp AFTER UPDATE ON groups FOR EACH ROW EXECUTE FUNCTION groups_stamp();

CREATE FUNCTION templates_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workspaces SET version = version + 1 WHERE template_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER templates_stamp AFTER UPDATE ON templates FOR EACH ROW EXECUTE FUNCTION templates_stamp();

CREATE FUNCTION template_versions_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_workspace_versions(ARRAY(SELECT workspace_id FROM workspace_builds WHERE template_version_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER template_versions_stamp AFTER UPDATE ON template_versions
    FOR EACH ROW EXECUTE FUNCTION template_versions_stamp();

CREATE FUNCTION organizations_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workspaces SET version = version + 1 WHERE organization_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER organizations_stamp AFTER UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION organizations_stamp();
