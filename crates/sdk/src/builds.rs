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

/// A key/value annotation on a resource.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceResourceMetadata, examples(crate::examples::workspace_resource_metadata))]
pub struct WorkspaceResourceMetadata {
    pub key: String,
    /// Whether clients should hide the value.
    pub sensitive: bool,
    pub value: String,
}

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

/// All timings of a build.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceBuildTimings, examples(crate::examples::workspace_build_timings))]
pub struct WorkspaceBuildTimings {
    pub agent_connection_timings: Vec<AgentConnectionTiming>,
    pub agent_script_timings: Vec<AgentScriptTiming>,
    pub provisioner_timings: Vec<ProvisionerTiming>,
}

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
