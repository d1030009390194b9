//! Row types, one per table, read with `Selectable` and written with `Insertable`.
//! Ids are [`Uuid`]s and enums are typed (stored as TEXT, see [`crate::types`]); times are
//! UTC `NaiveDateTime`s.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use uuid::Uuid;

use crate::types::*;

use crate::schema::*;

/// A row of `organizations`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organizations)]
pub struct Organization {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
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
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    pub username: String,
    pub email: String,
    pub name: String,
    pub avatar_url: String,
    #[diesel(serialize_as = Txt)]
    pub site_role: SiteRole,
    #[diesel(serialize_as = Txt)]
    pub status: UserStatus,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `organization_members`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organization_members)]
pub struct OrganizationMember {
    #[diesel(serialize_as = Txt)]
    pub organization_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub user_id: Uuid,
    pub created_at: NaiveDateTime,
}

/// A row of `groups`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = groups)]
pub struct Group {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub organization_id: Uuid,
    pub name: String,
    pub display_name: String,
    pub avatar_url: String,
    pub created_at: NaiveDateTime,
}

/// A row of `group_members`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = group_members)]
pub struct GroupMember {
    #[diesel(serialize_as = Txt)]
    pub group_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub user_id: Uuid,
}

/// A row of `api_keys`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_keys)]
pub struct ApiKey {
    pub id: String,
    #[diesel(serialize_as = Txt)]
    pub user_id: Uuid,
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
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub organization_id: Uuid,
    pub name: String,
    pub display_name: String,
    pub description: String,
    pub icon: String,
    #[diesel(serialize_as = Txt)]
    pub active_version_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub created_by: Uuid,
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
    #[diesel(serialize_as = Txt)]
    pub max_port_share_level: PortShareLevel,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Days on which autostart may happen: a bitmap, Monday bit 0 … Sunday bit 6.
    pub autostart_allowed_days: i32,
}

/// A row of `template_versions`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = template_versions)]
pub struct TemplateVersion {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = OptTxt)]
    pub template_id: Option<Uuid>,
    #[diesel(serialize_as = Txt)]
    pub organization_id: Uuid,
    pub name: String,
    pub message: String,
    pub parameters: String,
    pub resources: String,
    #[diesel(serialize_as = Txt)]
    pub created_by: Uuid,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A row of `workspaces`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspaces)]
pub struct Workspace {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub organization_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub owner_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub template_id: Uuid,
    pub name: String,
    pub autostart_schedule: Option<String>,
    pub ttl_ms: Option<i64>,
    #[diesel(serialize_as = Txt)]
    pub automatic_updates: AutomaticUpdates,
    pub favorite: bool,
    pub last_used_at: NaiveDateTime,
    pub dormant_at: Option<NaiveDateTime>,
    pub deleting_at: Option<NaiveDateTime>,
    pub next_start_at: Option<NaiveDateTime>,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The status of the latest build, kept in step by the store (see
    /// `WorkspaceStatus::from_job`).
    #[diesel(serialize_as = Txt)]
    pub latest_build_status: WorkspaceStatus,
    /// 0 while the latest build is running, else 1: the list's second ordering key.
    pub status_rank: i32,
    /// The owner's username and the workspace's name, lowercased: the list's next keys.
    pub owner_name_key: String,
    pub name_key: String,
    /// Grows with every change to what the workspace's response shows.
    pub version: i64,
}

/// A row of `provisioner_jobs`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = provisioner_jobs)]
pub struct ProvisionerJob {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub organization_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub initiator_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub job_type: JobType,
    #[diesel(serialize_as = Txt)]
    pub job_status: JobStatus,
    pub input: String,
    pub error: Option<String>,
    #[diesel(serialize_as = OptTxt)]
    pub worker_id: Option<Uuid>,
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
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub workspace_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub template_version_id: Uuid,
    pub build_number: i32,
    #[diesel(serialize_as = Txt)]
    pub transition: WorkspaceTransition,
    #[diesel(serialize_as = Txt)]
    pub reason: BuildReason,
    #[diesel(serialize_as = Txt)]
    pub initiator_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub job_id: Uuid,
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
    #[diesel(serialize_as = Txt)]
    pub build_id: Uuid,
    pub name: String,
    pub value: String,
}

/// A row of `workspace_resources`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_resources)]
pub struct WorkspaceResource {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub job_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub transition: WorkspaceTransition,
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
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub resource_id: Uuid,
    pub name: String,
    pub operating_system: String,
    pub architecture: String,
    pub directory: String,
    pub version: String,
    pub api_version: String,
    pub instance_id: String,
    #[diesel(serialize_as = Txt)]
    pub lifecycle_state: AgentLifecycle,
    pub connection_timeout_seconds: i32,
    pub troubleshooting_url: String,
    #[diesel(serialize_as = Txt, deserialize_as = JsonText<EnvironmentVariables>)]
    pub environment_variables: EnvironmentVariables,
    #[diesel(serialize_as = Txt, deserialize_as = JsonText<DisplayApps>)]
    pub display_apps: DisplayApps,
    pub first_connected_at: Option<NaiveDateTime>,
    pub last_connected_at: Option<NaiveDateTime>,
    pub disconnected_at: Option<NaiveDateTime>,
    pub started_at: Option<NaiveDateTime>,
    pub ready_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When an agent that never connected times out (`created_at` plus its connection
    /// timeout; none when the timeout is 0).
    pub connection_timeout_at: Option<NaiveDateTime>,
}

/// A row of `workspace_apps`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_apps)]
pub struct WorkspaceApp {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub agent_id: Uuid,
    pub slug: String,
    pub display_name: String,
    pub icon: String,
    pub command: Option<String>,
    pub url: Option<String>,
    pub external: bool,
    pub subdomain: bool,
    #[diesel(serialize_as = Txt)]
    pub sharing_level: AppSharingLevel,
    #[diesel(serialize_as = Txt)]
    pub health: AppHealth,
    pub hidden: bool,
    #[diesel(serialize_as = Txt)]
    pub open_in: AppOpenIn,
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
    #[diesel(serialize_as = Txt)]
    pub workspace_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub user_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub role: AclRole,
}

/// A row of `workspace_group_acl`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_group_acl)]
pub struct WorkspaceGroupAcl {
    #[diesel(serialize_as = Txt)]
    pub workspace_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub group_id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub role: AclRole,
}

/// A row of `workspace_port_shares`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_port_shares)]
pub struct WorkspacePortShare {
    #[diesel(serialize_as = Txt)]
    pub workspace_id: Uuid,
    pub agent_name: String,
    pub port: i32,
    #[diesel(serialize_as = Txt)]
    pub share_level: PortShareLevel,
    #[diesel(serialize_as = Txt)]
    pub protocol: PortShareProtocol,
}

/// A row of `provisioner_job_timings`: one stage of a job, as the provisioner ran it.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = provisioner_job_timings)]
pub struct ProvisionerJobTiming {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub job_id: Uuid,
    /// The order the provisioner ran the stages in.
    pub position: i32,
    pub started_at: NaiveDateTime,
    pub ended_at: NaiveDateTime,
    #[diesel(serialize_as = Txt)]
    pub stage: TimingStage,
    pub source: String,
    pub action: String,
    pub resource: String,
}

/// A row of `workspace_agent_script_timings`: one run of an agent's script.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = workspace_agent_script_timings)]
pub struct AgentScriptTiming {
    #[diesel(serialize_as = Txt)]
    pub id: Uuid,
    #[diesel(serialize_as = Txt)]
    pub agent_id: Uuid,
    pub display_name: String,
    pub started_at: NaiveDateTime,
    pub ended_at: NaiveDateTime,
    pub exit_code: i32,
    #[diesel(serialize_as = Txt)]
    pub stage: TimingStage,
    pub status: String,
}
