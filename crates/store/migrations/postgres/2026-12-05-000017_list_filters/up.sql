-- The inputs of `GET /workspaces`'s filters kept on the workspace row (issue 17), so that
-- `q=outdated:` and `q=has-agent:` read the row instead of walking each workspace's latest
-- build, its resources and agents:
-- * `latest_job_id`, `latest_template_version_id`: the latest build's job and version;
--   `outdated` compares the version with the template's active one (a primary-key lookup in
--   a small table);
-- * `agents_*`: the agents of the latest build summed up (store::agents has the rule):
--   some agent connected, some disconnected; of those that never connected, the latest
--   connection deadline (far future for an agent without one: connecting while it is
--   >= now) and the earliest (timed out once it is < now). The deadlines stay on the row and
--   are compared with now in SQL.
-- Written by triggers in the transaction that inserts a build or changes an agent. They are
-- filter inputs only, not shown by a response: they never move `version`.
ALTER TABLE workspaces ADD COLUMN latest_job_id TEXT;
ALTER TABLE workspaces ADD COLUMN latest_template_version_id TEXT;
ALTER TABLE workspaces ADD COLUMN agents_connected BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE workspaces ADD COLUMN agents_disconnected BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE workspaces ADD COLUMN agents_connecting_until TIMESTAMP;
ALTER TABLE workspaces ADD COLUMN agents_timeout_after TIMESTAMP;
-- The subqueries name the job directly (the rows updated are those whose latest_job_id is
-- `job`): correlated through workspaces.latest_job_id, PostgreSQL planned them as hashed
-- subplans over the whole agents and resources tables, once per call, and creates slowed
-- down with the table (140/s falling to 20/s over 10,000 workspaces; 240/s and flat so).
CREATE FUNCTION refresh_workspace_agent_filters(job TEXT) RETURNS void LANGUAGE sql AS $$
    UPDATE workspaces SET
    agents_connected = EXISTS (SELECT 1 FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = job AND NOT (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at)) AND wa.first_connected_at IS NOT NULL),
    agents_disconnected = EXISTS (SELECT 1 FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = job AND (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at))),
    agents_connecting_until = (SELECT MAX(COALESCE(wa.connection_timeout_at, TIMESTAMP '9999-12-31 00:00:00')) FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = job AND NOT (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at)) AND wa.first_connected_at IS NULL),
    agents_timeout_after = (SELECT MIN(wa.connection_timeout_at) FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = job AND NOT (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at)) AND wa.first_connected_at IS NULL)
    WHERE latest_job_id = job;
$$;
UPDATE workspaces SET
    latest_job_id = (SELECT b.job_id FROM workspace_builds b WHERE b.workspace_id = workspaces.id ORDER BY b.build_number DESC LIMIT 1),
    latest_template_version_id = (SELECT b.template_version_id FROM workspace_builds b WHERE b.workspace_id = workspaces.id ORDER BY b.build_number DESC LIMIT 1);
UPDATE workspaces SET
    agents_connected = EXISTS (SELECT 1 FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = workspaces.latest_job_id AND NOT (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at)) AND wa.first_connected_at IS NOT NULL),
    agents_disconnected = EXISTS (SELECT 1 FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = workspaces.latest_job_id AND (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at))),
    agents_connecting_until = (SELECT MAX(COALESCE(wa.connection_timeout_at, TIMESTAMP '9999-12-31 00:00:00')) FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = workspaces.latest_job_id AND NOT (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at)) AND wa.first_connected_at IS NULL),
    agents_timeout_after = (SELECT MIN(wa.connection_timeout_at) FROM workspace_resources wr JOIN workspace_agents wa ON wa.resource_id = wr.id WHERE wr.job_id = workspaces.latest_job_id AND NOT (wa.disconnected_at IS NOT NULL AND (wa.last_connected_at IS NULL OR wa.disconnected_at >= wa.last_connected_at)) AND wa.first_connected_at IS NULL);
CREATE INDEX workspaces_latest_job_idx ON workspaces (latest_job_id);
CREATE FUNCTION workspace_builds_filters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM workspace_builds b WHERE b.workspace_id = NEW.workspace_id AND b.build_number > NEW.build_number) THEN
        UPDATE workspaces SET latest_job_id = NEW.job_id, latest_template_version_id = NEW.template_version_id
        WHERE id = NEW.workspace_id;
        PERFORM refresh_workspace_agent_filters(NEW.job_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER workspace_builds_filters AFTER INSERT ON workspace_builds
FOR EACH ROW EXECUTE FUNCTION workspace_builds_filters();
CREATE FUNCTION workspace_agents_filters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM refresh_workspace_agent_filters((SELECT r.job_id FROM workspace_resources r WHERE r.id = OLD.resource_id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM refresh_workspace_agent_filters((SELECT r.job_id FROM workspace_resources r WHERE r.id = NEW.resource_id));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER workspace_agents_filters AFTER INSERT OR UPDATE OR DELETE ON workspace_agents
FOR EACH ROW EXECUTE FUNCTION workspace_agents_filters();
-- Indexes that serve a filter and the list order together (`workspaces_list_order_idx`'s
-- columns after the filter's), on live workspaces as the list's literal `NOT deleted`:
-- `owner:`, `status:` and `dormant:true` pages cost the rows they show, and their counts
-- walk only the matches.
CREATE INDEX workspaces_owner_order_idx ON workspaces (owner_id, status_rank, owner_name_key, name_key, id) WHERE NOT deleted;
CREATE INDEX workspaces_status_order_idx ON workspaces (latest_build_status, status_rank, owner_name_key, name_key, id) WHERE NOT deleted;
CREATE INDEX workspaces_dormant_order_idx ON workspaces (status_rank, owner_name_key, name_key, id) WHERE dormant_at IS NOT NULL AND NOT deleted;
