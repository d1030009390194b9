//! Builds, the provisioner jobs behind them, the resources they produce and their timings.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::agents::WorkspaceAgent;

wire_enum! {
    /// What a build does to the workspace.
    pub enum WorkspaceTransition ("workspace transition", example = "start") {
        Start = "start",
        Stop = "stop",
        Delete = "delete",
    }
}

wire_enum! {
    /// Status of a workspace, derived from its latest build and job.
    pub enum WorkspaceStatus ("workspace status", example = "running") {
        Pending = "pending",
        Starting = "starting",
        Running = "running",
        Stopping = "stopping",
        Stopped = "stopped",
        Failed = "failed",
        Canceling = "canceling",
        Canceled = "canceled",
        Deleting = "deleting",
        Deleted = "deleted",
    }
}

impl WorkspaceStatus {
    /// Status of a build given its transition and the state of its job.
    pub fn from_job(transition: WorkspaceTransition, job: ProvisionerJobStatus) -> Self {
        use ProvisionerJobStatus as J;
        use WorkspaceTransition as T;
        match (job, transition) {
            (J::Pending, _) => Self::Pending,
            (J::Running, T::Start) => Self::Starting,
            (J::Running, T::Stop) => Self::Stopping,
            (J::Running, T::Delete) => Self::Deleting,
            (J::Succeeded, T::Start) => Self::Running,
            (J::Succeeded, T::Stop) => Self::Stopped,
            (J::Succeeded, T::Delete) => Self::Deleted,
            (J::Canceling, _) => Self::Canceling,
            (J::Canceled, _) => Self::Canceled,
            (J::Failed, _) | (J::Unknown, _) => Self::Failed,
        }
    }
}

wire_enum! {
    /// Why a build was started.
    pub enum BuildReason ("build reason", example = "initiator") {
        /// A user asked for it.
        Initiator = "initiator",
        Autostart = "autostart",
        Autostop = "autostop",
        Dormancy = "dormancy",
        /// The lifecycle executor deleted a dormant workspace (a value of Coder's database
        /// enum that its server writes as it is, though its swagger enum lacks it).
        Autodelete = "autodelete",
        Dashboard = "dashboard",
        Cli = "cli",
        SshConnection = "ssh_connection",
        VscodeConnection = "vscode_connection",
        JetbrainsConnection = "jetbrains_connection",
    }
}

wire_enum! {
    /// State of a provisioner job.
    pub enum ProvisionerJobStatus ("provisioner job status", example = "succeeded") {
        Pending = "pending",
        Running = "running",
        Succeeded = "succeeded",
        Canceling = "canceling",
        Canceled = "canceled",
        Failed = "failed",
        Unknown = "unknown",
    }
}

wire_enum! {
    /// Kind of work a provisioner job does.
    pub enum ProvisionerJobType ("provisioner job type", example = "workspace_build") {
        TemplateVersionImport = "template_version_import",
        WorkspaceBuild = "workspace_build",
        TemplateVersionDryRun = "template_version_dry_run",
    }
}

wire_enum! {
    /// Machine-readable reason of a failed job.
    pub enum JobErrorCode ("job error code", example = "REQUIRED_TEMPLATE_VARIABLES") {
        RequiredTemplateVariables = "REQUIRED_TEMPLATE_VARIABLES",
    }
}

wire_enum! {
    /// Phase a timing entry belongs to.
    pub enum TimingStage ("timing stage", example = "apply") {
        Init = "init",
        Plan = "plan",
        Graph = "graph",
        Apply = "apply",
        Start = "start",
        Stop = "stop",
        Cron = "cron",
        Connect = "connect",
    }
}

/// Value of one template parameter for a build.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceBuildParameter, examples(crate::examples::workspace_build_parameter))]
pub struct WorkspaceBuildParameter {
    pub name: String,
    pub value: String,
}

wire_type!(WorkspaceBuildParameter, response, r#"
    name always
    value always
"#);

/// What started a provisioner job.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ProvisionerJobInput, examples(crate::examples::provisioner_job_input))]
pub struct ProvisionerJobInput {
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub error: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub template_version_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub workspace_build_id: Option<Uuid>,
}

wire_type!(ProvisionerJobInput, response, r#"
    template_version_id omitted-when-empty
    workspace_build_id omitted-when-empty
    error omitted-when-empty
"#);

/// Names of the template and workspace a job works on.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ProvisionerJobMetadata, examples(crate::examples::provisioner_job_metadata))]
pub struct ProvisionerJobMetadata {
    pub template_display_name: String,
    pub template_icon: String,
    pub template_id: Uuid,
    pub template_name: String,
    pub template_version_name: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub workspace_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub workspace_name: String,
}

wire_type!(ProvisionerJobMetadata, response, r#"
    template_version_name always
    template_id always
    template_name always
    template_display_name always
    template_icon always
    workspace_id omitted-when-empty
    workspace_name omitted-when-empty
"#);

/// A unit of provisioning work (here: running a workspace build).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ProvisionerJob, examples(crate::examples::provisioner_job))]
pub struct ProvisionerJob {
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub available_workers: Vec<Uuid>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub canceled_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub completed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Why the job failed; left out unless it did.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub error: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub error_code: Option<JobErrorCode>,
    pub file_id: Uuid,
    pub id: Uuid,
    pub initiator_id: Uuid,
    pub input: ProvisionerJobInput,
    pub logs_overflowed: bool,
    pub metadata: ProvisionerJobMetadata,
    pub organization_id: Uuid,
    pub queue_position: i64,
    pub queue_size: i64,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub started_at: Option<DateTime<Utc>>,
    pub status: ProvisionerJobStatus,
    pub tags: BTreeMap<String, String>,
    #[serde(rename = "type")]
    pub r#type: ProvisionerJobType,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub worker_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub worker_name: String,
}

wire_type!(ProvisionerJob, response, r#"
    id always
    created_at always
    started_at omitted-when-empty
    completed_at omitted-when-empty
    canceled_at omitted-when-empty
    error omitted-when-empty
    error_code omitted-when-empty
    status always
    worker_id omitted-when-empty
    worker_name omitted-when-empty
    file_id always
    tags always  # uncertain: whether the stored map can be nil was not found; chosen always ({}).
    queue_position always
    queue_size always
    organization_id always
    initiator_id always
    input always
    type always
    available_workers omitted-when-empty
    metadata always
    logs_overflowed always
"#);

/// Provisioner daemons able to take a job.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::MatchedProvisioners, examples(crate::examples::matched_provisioners))]
pub struct MatchedProvisioners {
    /// Matching daemons currently free.
    pub available: i64,
    /// Daemons whose tags match the job.
    pub count: i64,
    /// Last time any matching daemon was seen; null when none matched.
    #[schema(required = true)]
    pub most_recently_seen: Option<DateTime<Utc>>,
}

wire_type!(MatchedProvisioners, response, r#"
    count always
    available always
    most_recently_seen null-when-unset
"#);

/// A key/value annotation on a resource.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceResourceMetadata, examples(crate::examples::workspace_resource_metadata))]
pub struct WorkspaceResourceMetadata {
    pub key: String,
    /// Whether clients should hide the value.
    pub sensitive: bool,
    pub value: String,
}

wire_type!(WorkspaceResourceMetadata, response, r#"
    key always
    value always
    sensitive always
"#);

/// Something a build created (a container, a VM, a volume, ...).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceResource, examples(crate::examples::workspace_resource))]
pub struct WorkspaceResource {
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub agents: Vec<WorkspaceAgent>,
    pub created_at: DateTime<Utc>,
    pub daily_cost: i32,
    pub hide: bool,
    pub icon: String,
    pub id: Uuid,
    pub job_id: Uuid,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub metadata: Vec<WorkspaceResourceMetadata>,
    pub name: String,
    /// Provider type, e.g. `docker_container`.
    #[serde(rename = "type")]
    pub r#type: String,
    pub workspace_transition: WorkspaceTransition,
}

wire_type!(WorkspaceResource, response, r#"
    id always
    created_at always
    job_id always
    workspace_transition always
    type always
    name always
    hide always
    icon always
    agents omitted-when-empty
    metadata omitted-when-empty
    daily_cost always
"#);

/// One build of a workspace: a transition run by a provisioner job.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceBuild, examples(crate::examples::workspace_build))]
pub struct WorkspaceBuild {
    /// Starts at 1 and grows by one per build of the workspace.
    pub build_number: i32,
    pub created_at: DateTime<Utc>,
    pub daily_cost: i32,
    /// When the workspace stops automatically; null when it does not.
    #[schema(required = true)]
    pub deadline: Option<DateTime<Utc>>,
    /// Deprecated upstream; left out when unknown.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub has_ai_task: Option<bool>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub has_external_agent: Option<bool>,
    pub id: Uuid,
    pub initiator_id: Uuid,
    /// Username of the initiator.
    pub initiator_name: String,
    pub job: ProvisionerJob,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub matched_provisioners: Option<MatchedProvisioners>,
    /// Latest the deadline may be extended to; null when unbounded.
    #[schema(required = true)]
    pub max_deadline: Option<DateTime<Utc>>,
    pub reason: BuildReason,
    pub resources: Vec<WorkspaceResource>,
    pub status: WorkspaceStatus,
    pub template_version_id: Uuid,
    pub template_version_name: String,
    #[schema(required = true)]
    pub template_version_preset_id: Option<Uuid>,
    pub transition: WorkspaceTransition,
    pub updated_at: DateTime<Utc>,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub workspace_owner_avatar_url: String,
    pub workspace_owner_id: Uuid,
    /// Username of the workspace owner.
    pub workspace_owner_name: String,
}

wire_type!(WorkspaceBuild, response, r#"
    id always
    created_at always
    updated_at always
    workspace_id always
    workspace_name always
    workspace_owner_id always
    workspace_owner_name always
    workspace_owner_avatar_url omitted-when-empty  # uncertain: an older Go struct had no omitempty; the contract-era generated TypeScript marks it optional. Chosen: omitted-when-empty, as the contract era.
    template_version_id always
    template_version_name always
    build_number always
    transition always
    initiator_id always
    initiator_name always
    job always
    reason always
    resources always
    deadline null-when-unset
    max_deadline null-when-unset
    status always
    daily_cost always
    matched_provisioners omitted-when-empty
    template_version_preset_id null-when-unset
    has_ai_task omitted-when-empty
    has_external_agent omitted-when-empty
"#);

/// Time spent by the provisioner on one resource action.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ProvisionerTiming, examples(crate::examples::provisioner_timing))]
pub struct ProvisionerTiming {
    pub action: String,
    pub ended_at: DateTime<Utc>,
    pub job_id: Uuid,
    pub resource: String,
    pub source: String,
    pub stage: TimingStage,
    pub started_at: DateTime<Utc>,
}

wire_type!(ProvisionerTiming, response, r#"
    job_id always
    started_at always
    ended_at always
    stage always
    source always
    action always
    resource always
"#);

/// Time one agent script ran.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::AgentScriptTiming, examples(crate::examples::agent_script_timing))]
pub struct AgentScriptTiming {
    pub display_name: String,
    pub ended_at: DateTime<Utc>,
    pub exit_code: i32,
    pub stage: TimingStage,
    pub started_at: DateTime<Utc>,
    /// `ok`, `exit_failure`, `timed_out` or `pipes_left_open`.
    pub status: String,
    pub workspace_agent_id: String,
    pub workspace_agent_name: String,
}

wire_type!(AgentScriptTiming, response, r#"
    started_at always
    ended_at always
    exit_code always
    stage always
    status always
    display_name always
    workspace_agent_id always
    workspace_agent_name always
"#);

/// Time an agent took to connect.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::AgentConnectionTiming, examples(crate::examples::agent_connection_timing))]
pub struct AgentConnectionTiming {
    pub ended_at: DateTime<Utc>,
    pub stage: TimingStage,
    pub started_at: DateTime<Utc>,
    pub workspace_agent_id: String,
    pub workspace_agent_name: String,
}

wire_type!(AgentConnectionTiming, response, r#"
    started_at always
    ended_at always
    stage always
    workspace_agent_id always
    workspace_agent_name always
"#);

/// All timings of a build.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceBuildTimings, examples(crate::examples::workspace_build_timings))]
pub struct WorkspaceBuildTimings {
    pub agent_connection_timings: Vec<AgentConnectionTiming>,
    pub agent_script_timings: Vec<AgentScriptTiming>,
    pub provisioner_timings: Vec<ProvisionerTiming>,
}

wire_type!(WorkspaceBuildTimings, response, r#"
    provisioner_timings always
    agent_script_timings always
    agent_connection_timings always
"#);

wire_enum! {
    /// Why a client asks for a build (`reason` of a build request).
    pub enum CreateWorkspaceBuildReason ("build request reason", example = "cli") {
        Dashboard = "dashboard",
        Cli = "cli",
        SshConnection = "ssh_connection",
        VscodeConnection = "vscode_connection",
        JetbrainsConnection = "jetbrains_connection",
    }
}

/// Body of `POST /workspaces/{workspace}/builds`: start, stop or delete the workspace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::CreateWorkspaceBuildRequest, examples(crate::examples::create_workspace_build_request))]
pub struct CreateWorkspaceBuildRequest {
    /// Parameter values to change; the others are carried over from the last build.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub rich_parameter_values: Option<Vec<WorkspaceBuildParameter>>,
    /// Why the build is asked for (start and stop only).
    #[serde(
        default,
        deserialize_with = "crate::wire::zero_is_absent::deserialize",
        skip_serializing_if = "crate::wire::is_empty"
    )]
    pub reason: Option<CreateWorkspaceBuildReason>,
    /// Build this version of the workspace's template (the nil UUID: the last build's).
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub template_version_id: Option<Uuid>,
    /// `start`, `stop` or `delete`. Read as text so that a bad value is answered with
    /// Coder's validation error rather than a JSON error.
    #[serde(default)]
    #[schema(value_type = WorkspaceTransition, required = true)]
    pub transition: String,
}

wire_type!(CreateWorkspaceBuildRequest, request, r#"
    template_version_id always  # uuid.UUID with omitempty: an array, so Go writes the nil UUID.
    transition always required
    rich_parameter_values omitted-when-empty
    reason omitted-when-empty
"#);
