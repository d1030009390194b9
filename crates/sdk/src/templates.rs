//! Templates as `GET /templates` shows them, and the server's build information.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::portshare::WorkspaceAgentPortShareLevel;

/// Days of the week on which workspaces of a template may start automatically.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::TemplateAutostartRequirement, examples(crate::examples::template_autostart_requirement))]
pub struct TemplateAutostartRequirement {
    /// Lowercase English day names, Monday first; no days: autostart is not allowed.
    pub days_of_week: Vec<String>,
}

wire_type!(TemplateAutostartRequirement, response, r#"
    days_of_week always
"#);

/// Build time percentiles of one transition, in milliseconds; null when unknown.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::TransitionStats, examples(crate::examples::transition_stats))]
pub struct TransitionStats {
    #[schema(required = true)]
    pub p50: Option<i64>,
    #[schema(required = true)]
    pub p95: Option<i64>,
}

wire_type!(TransitionStats, response, r#"
    p50 null-when-unset
    p95 null-when-unset
"#);

/// A template: what workspaces are built from, and the policy they inherit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::Template, examples(crate::examples::template))]
pub struct Template {
    /// Users with a workspace built from the template and used lately (-1: not counted).
    pub active_user_count: i64,
    pub active_version_id: Uuid,
    /// How far activity pushes a running workspace's deadline, in milliseconds.
    pub activity_bump_ms: i64,
    pub allow_user_autostart: bool,
    pub allow_user_autostop: bool,
    pub allow_user_cancel_workspace_jobs: bool,
    pub autostart_requirement: TemplateAutostartRequirement,
    /// Build time percentiles by transition (`start`, `stop`, `delete`).
    pub build_time_stats: BTreeMap<String, TransitionStats>,
    pub created_at: DateTime<Utc>,
    pub created_by_id: Uuid,
    pub created_by_name: String,
    /// Default auto-stop delay of new workspaces, in milliseconds (0: none).
    pub default_ttl_ms: i64,
    pub deprecated: bool,
    pub deprecation_message: String,
    pub description: String,
    pub display_name: String,
    pub failure_ttl_ms: i64,
    pub icon: String,
    pub id: Uuid,
    pub max_port_share_level: WorkspaceAgentPortShareLevel,
    pub name: String,
    pub organization_display_name: String,
    pub organization_icon: String,
    pub organization_id: Uuid,
    pub organization_name: String,
    /// Always `terraform`.
    pub provisioner: String,
    pub require_active_version: bool,
    pub time_til_dormant_autodelete_ms: i64,
    pub time_til_dormant_ms: i64,
    pub updated_at: DateTime<Utc>,
    pub use_classic_parameter_flow: bool,
}

wire_type!(Template, response, r#"
    id always
    created_at always
    updated_at always
    organization_id always
    organization_name always
    organization_display_name always
    organization_icon always
    name always
    display_name always
    provisioner always
    active_version_id always
    active_user_count always
    build_time_stats always
    description always
    deprecated always
    deprecation_message always
    icon always
    default_ttl_ms always
    activity_bump_ms always
    autostart_requirement always
    created_by_id always
    created_by_name always
    allow_user_autostart always
    allow_user_autostop always
    allow_user_cancel_workspace_jobs always
    failure_ttl_ms always
    time_til_dormant_ms always
    time_til_dormant_autodelete_ms always
    require_active_version always
    max_port_share_level always
    use_classic_parameter_flow always
"#);

/// What `GET /buildinfo` tells a client about the server.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::BuildInfoResponse, examples(crate::examples::build_info_response))]
pub struct BuildInfoResponse {
    pub agent_api_version: String,
    pub dashboard_url: String,
    pub deployment_id: String,
    /// Where the source of this version can be found.
    pub external_url: String,
    pub provisioner_api_version: String,
    pub telemetry: bool,
    pub upgrade_message: String,
    /// Semantic version of the server.
    pub version: String,
    pub workspace_proxy: bool,
}

wire_type!(BuildInfoResponse, response, r#"
    external_url always
    version always
    agent_api_version always
    provisioner_api_version always
    upgrade_message always
    dashboard_url always
    telemetry always
    workspace_proxy always
    deployment_id always
"#);
