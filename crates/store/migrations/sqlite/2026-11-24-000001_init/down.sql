DROP TABLE workspace_port_shares; DROP TABLE workspace_group_acl; DROP TABLE workspace_user_acl;
DROP TABLE workspace_apps; DROP TABLE workspace_agents; DROP TABLE workspace_resources;
DROP TABLE workspace_build_parameters; DROP TABLE workspace_builds; DROP TABLE provisioner_jobs;
DROP TABLE workspaces; DROP TABLE template_versions; DROP TABLE templates; DROP TABLE api_keys;
DROP TABLE group_members; DROP TABLE groups; DROP TABLE organization_members; DROP TABLE users;
DROP TABLE organizations;
