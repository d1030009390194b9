DROP TRIGGER organizations_stamp ON organizations;
DROP FUNCTION organizations_stamp();
DROP TRIGGER template_versions_stamp ON template_versions;
DROP FUNCTION template_versions_stamp();
DROP TRIGGER templates_stamp ON templates;
DROP FUNCTION templates_stamp();
DROP TRIGGER groups_stamp ON groups;
DROP FUNCTION groups_stamp();
DROP TRIGGER users_stamp ON users;
DROP FUNCTION users_stamp();
DROP TRIGGER workspace_apps_stamp ON workspace_apps;
DROP FUNCTION workspace_apps_stamp();
DROP TRIGGER workspace_agents_stamp ON workspace_agents;
DROP FUNCTION workspace_agents_stamp();
DROP TRIGGER workspace_resources_stamp ON workspace_resources;
DROP FUNCTION workspace_resources_stamp();
DROP TRIGGER provisioner_jobs_stamp ON provisioner_jobs;
DROP FUNCTION provisioner_jobs_stamp();
DROP TRIGGER workspace_port_shares_stamp ON workspace_port_shares;
DROP TRIGGER workspace_group_acl_stamp ON workspace_group_acl;
DROP TRIGGER workspace_user_acl_stamp ON workspace_user_acl;
DROP TRIGGER workspace_builds_stamp ON workspace_builds;
DROP FUNCTION stamp_by_workspace_id();
DROP FUNCTION move_workspace_versions(TEXT[]);
DROP TRIGGER workspace_changed ON workspaces;
DROP TRIGGER workspace_changed_insert ON workspaces;
CREATE TRIGGER workspace_changed AFTER UPDATE OF version ON workspaces
    FOR EACH ROW EXECUTE FUNCTION notify_workspace_changed();
DROP TRIGGER workspaces_shown_update ON workspaces;
DROP FUNCTION workspaces_shown_update();
CREATE OR REPLACE FUNCTION notify_workspace_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('workspace_changed', NEW.id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
