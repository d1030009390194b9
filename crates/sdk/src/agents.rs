//! Agents running inside a workspace, their apps, scripts and health.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::workspaces::NullUUID;

wire_enum! {
    /// Connection state of an agent as seen by the server.
    pub enum WorkspaceAgentStatus ("agent status", example = "connected") {
        Connecting = "connecting",
        Connected = "connected",
        Disconnected = "disconnected",
        Timeout = "timeout",
    }
}

wire_enum! {
    /// Where an agent is in its start-up / shut-down sequence.
    pub enum WorkspaceAgentLifecycle ("agent lifecycle state", example = "ready") {
        Created = "created",
        Starting = "starting",
        StartTimeout = "start_timeout",
        StartError = "start_error",
        Ready = "ready",
        ShuttingDown = "shutting_down",
        ShutdownTimeout = "shutdown_timeout",
        ShutdownError = "shutdown_error",
        Off = "off",
    }
}

wire_enum! {
    /// Legacy switch telling old clients whether to wait for the startup script.
    pub enum WorkspaceAgentStartupScriptBehavior ("startup script behavior", example = "non-blocking") {
        Blocking = "blocking",
        NonBlocking = "non-blocking",
    }
}

wire_enum! {
    /// Extra machinery an agent runs inside.
    pub enum AgentSubsystem ("agent subsystem", example = "envbox") {
        Envbox = "envbox",
        Envbuilder = "envbuilder",
        Exectrace = "exectrace",
    }
}

wire_enum! {
    /// Built-in apps the dashboard offers for an agent.
    pub enum DisplayApp ("display app", example = "web_terminal") {
        Vscode = "vscode",
        VscodeInsiders = "vscode_insiders",
        WebTerminal = "web_terminal",
        PortForwardingHelper = "port_forwarding_helper",
        SshHelper = "ssh_helper",
    }
}

wire_enum! {
    /// Result of an app's health check.
    pub enum WorkspaceAppHealth ("app health", example = "healthy") {
        /// The app has no health check.
        Disabled = "disabled",
        Initializing = "initializing",
        Healthy = "healthy",
        Unhealthy = "unhealthy",
    }
}

wire_enum! {
    /// How the dashboard opens an app.
    pub enum WorkspaceAppOpenIn ("app open-in mode", example = "slim-window") {
        SlimWindow = "slim-window",
        Tab = "tab",
    }
}

wire_enum! {
    /// Who may open an app.
    pub enum WorkspaceAppSharingLevel ("app sharing level", example = "owner") {
        Owner = "owner",
        Authenticated = "authenticated",
        Organization = "organization",
        Public = "public",
    }
}

wire_enum! {
    /// State an app reports about the work it does.
    pub enum WorkspaceAppStatusState ("app status state", example = "working") {
        Working = "working",
        Idle = "idle",
        Complete = "complete",
        Failure = "failure",
    }
}

/// Latency from an agent to one relay region.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::DERPRegion, examples(crate::examples::derp_region))]
pub struct DERPRegion {
    /// Round trip in milliseconds.
    pub latency_ms: f64,
    /// Whether the agent prefers this region.
    pub preferred: bool,
}

wire_type!(DERPRegion, response, r#"
    preferred always
    latency_ms always
"#);

/// Rust-style alias of [`DERPRegion`].
pub type DerpRegion = DERPRegion;

/// How an app's health is probed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::Healthcheck, examples(crate::examples::healthcheck))]
pub struct Healthcheck {
    /// Seconds between two probes.
    pub interval: i32,
    /// Failed probes in a row before the app counts as unhealthy.
    pub threshold: i32,
    /// Address probed.
    pub url: String,
}

wire_type!(Healthcheck, response, r#"
    url always
    interval always
    threshold always
"#);

/// Health of one agent.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceAgentHealth, examples(crate::examples::workspace_agent_health))]
pub struct WorkspaceAgentHealth {
    pub healthy: bool,
    /// Why the agent is unhealthy; left out when healthy.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub reason: String,
}

wire_type!(WorkspaceAgentHealth, response, r#"
    healthy always
    reason omitted-when-empty
"#);

/// A source of agent logs (a script, the agent itself, ...).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceAgentLogSource, examples(crate::examples::workspace_agent_log_source))]
pub struct WorkspaceAgentLogSource {
    pub created_at: DateTime<Utc>,
    pub display_name: String,
    pub icon: String,
    pub id: Uuid,
    pub workspace_agent_id: Uuid,
}

wire_type!(WorkspaceAgentLogSource, response, r#"
    workspace_agent_id always
    id always
    created_at always
    display_name always
    icon always
"#);

/// A script the agent runs on start, on stop or on a schedule.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceAgentScript, examples(crate::examples::workspace_agent_script))]
pub struct WorkspaceAgentScript {
    pub cron: String,
    pub display_name: String,
    pub id: Uuid,
    pub log_path: String,
    pub log_source_id: Uuid,
    pub run_on_start: bool,
    pub run_on_stop: bool,
    pub script: String,
    pub start_blocks_login: bool,
    /// Time limit in nanoseconds (0: none).
    pub timeout: i64,
}

wire_type!(WorkspaceAgentScript, response, r#"
    id always
    log_source_id always
    log_path always
    script always
    cron always
    run_on_start always
    run_on_stop always
    start_blocks_login always
    timeout always
    display_name always
"#);

/// A status report an app posted (e.g. an AI agent describing its task).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceAppStatus, examples(crate::examples::workspace_app_status))]
pub struct WorkspaceAppStatus {
    pub agent_id: Uuid,
    pub app_id: Uuid,
    pub created_at: DateTime<Utc>,
    /// Unused; kept for older clients.
    pub icon: String,
    pub id: Uuid,
    pub message: String,
    /// Unused; kept for older clients.
    pub needs_user_attention: bool,
    pub state: WorkspaceAppStatusState,
    /// What the status is about (a pull request, a file, ...).
    pub uri: String,
    pub workspace_id: Uuid,
}

wire_type!(WorkspaceAppStatus, response, r#"
    id always
    created_at always
    workspace_id always
    agent_id always
    app_id always
    state always
    message always
    uri always
    icon always
    needs_user_attention always
"#);

/// An app served by an agent (web app, command, or external link).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceApp, examples(crate::examples::workspace_app))]
pub struct WorkspaceApp {
    /// Command run in a terminal for command apps.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub command: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub display_name: String,
    /// Whether the client opens `url` itself instead of going through the proxy.
    pub external: bool,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub group: String,
    pub health: WorkspaceAppHealth,
    pub healthcheck: Healthcheck,
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub icon: String,
    pub id: Uuid,
    pub open_in: WorkspaceAppOpenIn,
    pub sharing_level: WorkspaceAppSharingLevel,
    /// Unique name of the app within its agent.
    pub slug: String,
    pub statuses: Vec<WorkspaceAppStatus>,
    /// Whether the app is reached on its own host name rather than a path.
    pub subdomain: bool,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub subdomain_name: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub tooltip: String,
    /// Address proxied to inside the workspace.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub url: String,
}

wire_type!(WorkspaceApp, response, r#"
    id always
    url omitted-when-empty  # uncertain: as workspace_owner_avatar_url; chosen omitted-when-empty (contract era).
    external always
    slug always
    display_name omitted-when-empty  # uncertain: as url; chosen omitted-when-empty (contract era).
    command omitted-when-empty
    icon omitted-when-empty
    subdomain always
    subdomain_name omitted-when-empty
    sharing_level always
    healthcheck always  # omitempty on a struct value has no effect in Go: always an object.
    health always
    group omitted-when-empty
    hidden always
    open_in always
    tooltip omitted-when-empty
    statuses always
"#);

/// The agent process running in a workspace resource.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceAgent, examples(crate::examples::workspace_agent))]
pub struct WorkspaceAgent {
    pub api_version: String,
    pub apps: Vec<WorkspaceApp>,
    pub architecture: String,
    pub connection_timeout_seconds: i32,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub directory: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub disconnected_at: Option<DateTime<Utc>>,
    pub display_apps: Vec<DisplayApp>,
    #[schema(required = true)]
    pub environment_variables: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub expanded_directory: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub first_connected_at: Option<DateTime<Utc>>,
    pub health: WorkspaceAgentHealth,
    pub id: Uuid,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub instance_id: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub last_connected_at: Option<DateTime<Utc>>,
    /// Relay latency keyed by region name.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub latency: BTreeMap<String, DERPRegion>,
    pub lifecycle_state: WorkspaceAgentLifecycle,
    pub log_sources: Vec<WorkspaceAgentLogSource>,
    pub logs_length: i32,
    pub logs_overflowed: bool,
    pub name: String,
    pub operating_system: String,
    /// Parent agent of a sub-agent (dev container); null for top-level agents.
    pub parent_id: NullUUID,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub ready_at: Option<DateTime<Utc>>,
    pub resource_id: Uuid,
    pub scripts: Vec<WorkspaceAgentScript>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub started_at: Option<DateTime<Utc>>,
    /// Deprecated; kept for old clients.
    pub startup_script_behavior: WorkspaceAgentStartupScriptBehavior,
    pub status: WorkspaceAgentStatus,
    pub subsystems: Vec<AgentSubsystem>,
    pub troubleshooting_url: String,
    pub updated_at: DateTime<Utc>,
    pub version: String,
}

wire_type!(WorkspaceAgent, response, r#"
    id always
    parent_id null-when-unset  # uuid.NullUUID: a UUID string or null.
    created_at always
    updated_at always
    first_connected_at omitted-when-empty
    last_connected_at omitted-when-empty
    disconnected_at omitted-when-empty
    started_at omitted-when-empty
    ready_at omitted-when-empty
    status always
    lifecycle_state always
    name always
    resource_id always
    instance_id omitted-when-empty
    architecture always
    environment_variables null-when-unset
    operating_system always
    logs_length always
    logs_overflowed always
    directory omitted-when-empty
    expanded_directory omitted-when-empty
    version always
    api_version always
    apps always
    latency omitted-when-empty
    connection_timeout_seconds always
    troubleshooting_url always
    subsystems always
    health always
    display_apps always
    log_sources always
    scripts always
    startup_script_behavior always
"#);
