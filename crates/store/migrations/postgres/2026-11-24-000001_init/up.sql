-- workspaced schema, PostgreSQL flavour. Keep in step with ../../sqlite/*/up.sql:
-- ids are TEXT (UUID strings), times are TIMESTAMP in UTC, JSON is TEXT.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    icon TEXT NOT NULL DEFAULT '',
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX organizations_name_idx ON organizations (LOWER(name));

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    avatar_url TEXT NOT NULL DEFAULT '',
    site_role TEXT NOT NULL DEFAULT 'member',
    status TEXT NOT NULL DEFAULT 'active',
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_username_idx ON users (LOWER(username)) WHERE NOT deleted;
CREATE UNIQUE INDEX users_email_idx ON users (LOWER(email)) WHERE NOT deleted;

CREATE TABLE organization_members (
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    avatar_url TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX groups_org_name_idx ON groups (organization_id, LOWER(name));

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    hashed_secret TEXT NOT NULL,
    token_name TEXT NOT NULL DEFAULT '',
    lifetime_seconds BIGINT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    last_used TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

CREATE TABLE templates (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    icon TEXT NOT NULL DEFAULT '',
    active_version_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    default_ttl_ms BIGINT NOT NULL DEFAULT 0,
    max_ttl_ms BIGINT NOT NULL DEFAULT 0,
    activity_bump_ms BIGINT NOT NULL DEFAULT 3600000,
    allow_user_autostart BOOLEAN NOT NULL DEFAULT TRUE,
    allow_user_autostop BOOLEAN NOT NULL DEFAULT TRUE,
    allow_user_cancel_workspace_jobs BOOLEAN NOT NULL DEFAULT TRUE,
    time_til_dormant_ms BIGINT NOT NULL DEFAULT 0,
    time_til_dormant_autodelete_ms BIGINT NOT NULL DEFAULT 0,
    require_active_version BOOLEAN NOT NULL DEFAULT FALSE,
    use_classic_parameter_flow BOOLEAN NOT NULL DEFAULT FALSE,
    max_port_share_level TEXT NOT NULL DEFAULT 'public',
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX templates_org_name_idx ON templates (organization_id, LOWER(name)) WHERE NOT deleted;

-- A template version declares its rich parameters and the resources (with agents and apps)
-- that the echo provisioner materialises, both as JSON documents.
CREATE TABLE template_versions (
    id TEXT PRIMARY KEY,
    template_id TEXT REFERENCES templates(id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    parameters TEXT NOT NULL DEFAULT '[]',
    resources TEXT NOT NULL DEFAULT '[]',
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX template_versions_template_idx ON template_versions (template_id);

CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    owner_id TEXT NOT NULL REFERENCES users(id),
    template_id TEXT NOT NULL REFERENCES templates(id),
    name TEXT NOT NULL,
    autostart_schedule TEXT,
    ttl_ms BIGINT,
    automatic_updates TEXT NOT NULL DEFAULT 'never',
    favorite BOOLEAN NOT NULL DEFAULT FALSE,
    last_used_at TIMESTAMP NOT NULL,
    dormant_at TIMESTAMP,
    deleting_at TIMESTAMP,
    next_start_at TIMESTAMP,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- Names are unique per owner among live workspaces, whatever their case.
CREATE UNIQUE INDEX workspaces_owner_name_idx ON workspaces (owner_id, LOWER(name)) WHERE NOT deleted;
CREATE INDEX workspaces_template_idx ON workspaces (template_id);

CREATE TABLE provisioner_jobs (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    initiator_id TEXT NOT NULL REFERENCES users(id),
    job_type TEXT NOT NULL,
    job_status TEXT NOT NULL DEFAULT 'pending',
    input TEXT NOT NULL DEFAULT '{}',
    error TEXT,
    worker_id TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    canceled_at TIMESTAMP,
    heartbeat_at TIMESTAMP
);
CREATE INDEX provisioner_jobs_status_idx ON provisioner_jobs (job_status, created_at);

CREATE TABLE workspace_builds (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    template_version_id TEXT NOT NULL REFERENCES template_versions(id),
    build_number INTEGER NOT NULL,
    transition TEXT NOT NULL,
    reason TEXT NOT NULL,
    initiator_id TEXT NOT NULL REFERENCES users(id),
    job_id TEXT NOT NULL REFERENCES provisioner_jobs(id),
    deadline TIMESTAMP,
    max_deadline TIMESTAMP,
    daily_cost INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX workspace_builds_number_idx ON workspace_builds (workspace_id, build_number);
CREATE UNIQUE INDEX workspace_builds_job_idx ON workspace_builds (job_id);

CREATE TABLE workspace_build_parameters (
    build_id TEXT NOT NULL REFERENCES workspace_builds(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (build_id, name)
);

CREATE TABLE workspace_resources (
    id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL REFERENCES provisioner_jobs(id) ON DELETE CASCADE,
    transition TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    name TEXT NOT NULL,
    hide BOOLEAN NOT NULL DEFAULT FALSE,
    icon TEXT NOT NULL DEFAULT '',
    daily_cost INTEGER NOT NULL DEFAULT 0,
    metadata TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX workspace_resources_job_idx ON workspace_resources (job_id);

CREATE TABLE workspace_agents (
    id TEXT PRIMARY KEY,
    resource_id TEXT NOT NULL REFERENCES workspace_resources(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    operating_system TEXT NOT NULL,
    architecture TEXT NOT NULL,
    directory TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT '',
    api_version TEXT NOT NULL DEFAULT '',
    instance_id TEXT NOT NULL DEFAULT '',
    lifecycle_state TEXT NOT NULL DEFAULT 'created',
    connection_timeout_seconds INTEGER NOT NULL DEFAULT 120,
    troubleshooting_url TEXT NOT NULL DEFAULT '',
    environment_variables TEXT NOT NULL DEFAULT '{}',
    display_apps TEXT NOT NULL DEFAULT '[]',
    first_connected_at TIMESTAMP,
    last_connected_at TIMESTAMP,
    disconnected_at TIMESTAMP,
    started_at TIMESTAMP,
    ready_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX workspace_agents_resource_idx ON workspace_agents (resource_id);

CREATE TABLE workspace_apps (
    id TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES workspace_agents(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    icon TEXT NOT NULL DEFAULT '',
    command TEXT,
    url TEXT,
    external BOOLEAN NOT NULL DEFAULT FALSE,
    subdomain BOOLEAN NOT NULL DEFAULT FALSE,
    sharing_level TEXT NOT NULL DEFAULT 'owner',
    health TEXT NOT NULL DEFAULT 'disabled',
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    open_in TEXT NOT NULL DEFAULT 'slim-window',
    group_name TEXT,
    tooltip TEXT NOT NULL DEFAULT '',
    healthcheck_url TEXT NOT NULL DEFAULT '',
    healthcheck_interval INTEGER NOT NULL DEFAULT 0,
    healthcheck_threshold INTEGER NOT NULL DEFAULT 0,
    display_order INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX workspace_apps_agent_idx ON workspace_apps (agent_id);

-- Sharing (later issues): per-user and per-group roles on a workspace, and port shares.
CREATE TABLE workspace_user_acl (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE TABLE workspace_group_acl (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (workspace_id, group_id)
);
CREATE TABLE workspace_port_shares (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    agent_name TEXT NOT NULL,
    port INTEGER NOT NULL,
    share_level TEXT NOT NULL,
    protocol TEXT NOT NULL DEFAULT 'http',
    PRIMARY KEY (workspace_id, agent_name, port)
);
