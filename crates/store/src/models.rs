//! Row types, one per table, read with `Selectable` and written with `Insertable`.
//! Ids are UUID strings and times are UTC `NaiveDateTime`s (see the crate docs).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::*;

/// A row of `organizations`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organizations)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub display_name: String,
    pub icon: String,
    pub is_default: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub username: String,
    pub email: String,
    pub name: String,
    pub avatar_url: String,
    pub site_role: String,
    pub status: String,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `organization_members`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organization_members)]
pub struct OrganizationMember {
    pub organization_id: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
}

/// A row of `groups`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = groups)]
pub struct Group {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub display_name: String,
    pub avatar_url: String,
    pub created_at: NaiveDateTime,
}

/// A row of `group_members`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = group_members)]
pub struct GroupMember {
    pub group_id: String,
    pub user_id: String,
}

/// A row of `api_keys`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_keys)]
pub struct ApiKey {
    pub id: String,
    pub user_id: String,
    pub hashed_secret: String,
    pub token_name: String,
    pub lifetime_seconds: i64,
    pub expires_at: NaiveDateTime,
    pub last_used: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

/// A row of `templates`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = templates)]
pub struct Template {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub display_name: String,
    pub description: String,
    pub icon: String,
    pub active_version_id: String,
    pub created_by: String,
    pub default_ttl_ms: i64,
    pub max_ttl_ms: i64,
    pub activity_bump_ms: i64,
    pub allow_user_autostart: bool,
    pub allow_user_autostop: bool,
    pub allow_user_cancel_workspace_jobs: bool,
    pub time_til_dormant_ms: i64,
    pub time_til_dormant_autodelete_ms: i64,
    pub require_active_version: bool,
    pub use_classic_parameter_flow: bool,
    pub max_port_share_level: String,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `template_versions`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = template_versions)]
pub struct TemplateVersion {
    pub id: String,
    pub template_id: Option<String>,
    pub organization_id: String,
    pub name: String,
    pub message: String,
    pub parameters: String,
    pub resources: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `workspaces`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspaces)]
pub struct Workspace {
    pub id: String,
    pub organization_id: String,
    pub owner_id: String,
    pub template_id: String,
    pub name: String,
    pub autostart_schedule: Option<String>,
    pub ttl_ms: Option<i64>,
    pub automatic_updates: String,
    pub favorite: bool,
    pub last_used_at: NaiveDateTime,
    pub dormant_at: Option<NaiveDateTime>,
    pub deleting_at: Option<NaiveDateTime>,
    pub next_start_at: Option<NaiveDateTime>,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `provisioner_jobs`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = provisioner_jobs)]
pub struct ProvisionerJob {
    pub id: String,
    pub organization_id: String,
    pub initiator_id: String,
    pub job_type: String,
    pub job_status: String,
    pub input: String,
    pub error: Option<String>,
    pub worker_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub started_at: Option<NaiveDateTime>,
    pub completed_at: Option<NaiveDateTime>,
    pub canceled_at: Option<NaiveDateTime>,
    pub heartbeat_at: Option<NaiveDateTime>,
}

/// A row of `workspace_builds`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_builds)]
pub struct WorkspaceBuild {
    pub id: String,
    pub workspace_id: String,
    pub template_version_id: String,
    pub build_number: i32,
    pub transition: String,
    pub reason: String,
    pub initiator_id: String,
    pub job_id: String,
    pub deadline: Option<NaiveDateTime>,
    pub max_deadline: Option<NaiveDateTime>,
    pub daily_cost: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `workspace_build_parameters`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_build_parameters)]
pub struct WorkspaceBuildParameter {
    pub build_id: String,
    pub name: String,
    pub value: String,
}

/// A row of `workspace_resources`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_resources)]
pub struct WorkspaceResource {
    pub id: String,
    pub job_id: String,
    pub transition: String,
    pub resource_type: String,
    pub name: String,
    pub hide: bool,
    pub icon: String,
    pub daily_cost: i32,
    pub metadata: String,
    pub created_at: NaiveDateTime,
}

/// A row of `workspace_agents`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_agents)]
pub struct WorkspaceAgent {
    pub id: String,
    pub resource_id: String,
    pub name: String,
    pub operating_system: String,
    pub architecture: String,
    pub directory: String,
    pub version: String,
    pub api_version: String,
    pub instance_id: String,
    pub lifecycle_state: String,
    pub connection_timeout_seconds: i32,
    pub troubleshooting_url: String,
    pub environment_variables: String,
    pub display_apps: String,
    pub first_connected_at: Option<NaiveDateTime>,
    pub last_connected_at: Option<NaiveDateTime>,
    pub disconnected_at: Option<NaiveDateTime>,
    pub started_at: Option<NaiveDateTime>,
    pub ready_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `workspace_apps`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_apps)]
pub struct WorkspaceApp {
    pub id: String,
    pub agent_id: String,
    pub slug: String,
    pub display_name: String,
    pub icon: String,
    pub command: Option<String>,
    pub url: Option<String>,
    pub external: bool,
    pub subdomain: bool,
    pub sharing_level: String,
    pub health: String,
    pub hidden: bool,
    pub open_in: String,
    pub group_name: Option<String>,
    pub tooltip: String,
    pub healthcheck_url: String,
    pub healthcheck_interval: i32,
    pub healthcheck_threshold: i32,
    pub display_order: i32,
    pub created_at: NaiveDateTime,
}

/// A row of `workspace_user_acl`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_user_acl)]
pub struct WorkspaceUserAcl {
    pub workspace_id: String,
    pub user_id: String,
    pub role: String,
}

/// A row of `workspace_group_acl`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_group_acl)]
pub struct WorkspaceGroupAcl {
    pub workspace_id: String,
    pub group_id: String,
    pub role: String,
}

/// A row of `workspace_port_shares`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_port_shares)]
pub struct WorkspacePortShare {
    pub workspace_id: String,
    pub agent_name: String,
    pub port: i32,
    pub share_level: String,
    pub protocol: String,
}
