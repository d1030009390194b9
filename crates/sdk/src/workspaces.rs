//! The workspace itself, its list and watch answers, and the request bodies of the
//! workspace endpoints.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::acl::SharedWorkspaceActor;
use crate::agents::WorkspaceAppStatus;
use crate::builds::{WorkspaceBuild, WorkspaceBuildParameter};
use crate::wire::Lenient;

wire_enum! {
    /// Whether new builds move to the template's active version on their own.
    pub enum AutomaticUpdates ("automatic updates setting", example = "never") {
        Always = "always",
        Never = "never",
    }
}

wire_enum! {
    /// Client that reports workspace usage.
    pub enum UsageAppName ("usage app name", example = "vscode") {
        Vscode = "vscode",
        Jetbrains = "jetbrains",
        ReconnectingPty = "reconnecting-pty",
        Ssh = "ssh",
    }
}

wire_enum! {
    /// Kind of event on the watch streams.
    pub enum ServerSentEventType ("server-sent event type", example = "data") {
        /// Keep-alive, no data.
        Ping = "ping",
        /// A new state of the watched object.
        Data = "data",
        /// Something went wrong; data is a `codersdk.Response`.
        Error = "error",
    }
}

/// A UUID that may be absent, as Go's `uuid.NullUUID`: written as the UUID string, or
/// `null` when absent (Go's own marshaller; never the `{uuid, valid}` object its struct
/// suggests).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct NullUUID(pub Option<Uuid>);

impl NullUUID {
    /// The absent value.
    pub const NONE: Self = Self(None);

    /// A present value.
    pub fn some(uuid: Uuid) -> Self {
        Self(Some(uuid))
    }

    /// The id when present.
    pub fn get(&self) -> Option<Uuid> {
        self.0
    }
}

impl From<Option<Uuid>> for NullUUID {
    fn from(value: Option<Uuid>) -> Self {
        Self(value)
    }
}

impl From<NullUUID> for Option<Uuid> {
    fn from(value: NullUUID) -> Self {
        value.0
    }
}

impl utoipa::PartialSchema for NullUUID {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, SchemaType, Type};
        ObjectBuilder::new()
            .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
            .description(Some("A UUID, or null when absent (Go's `uuid.NullUUID`)."))
            .examples([
                serde_json::to_value(crate::examples::null_uuid()).expect("example serialises")
            ])
            .into()
    }
}

impl utoipa::ToSchema for NullUUID {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("uuid.NullUUID")
    }
}

wire_type!(NullUUID, response, r#"
    uuid never
    valid never
"#);

/// Rust-style alias of [`NullUUID`].
pub type NullUuid = NullUUID;

/// Whether a workspace's agents are all healthy.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceHealth, examples(crate::examples::workspace_health))]
pub struct WorkspaceHealth {
    /// Ids of the agents that are not healthy.
    pub failing_agents: Vec<Uuid>,
    pub healthy: bool,
}

wire_type!(WorkspaceHealth, response, r#"
    healthy always
    failing_agents always
"#);

/// A workspace: a deployment of a template version owned by a user.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::Workspace, examples(crate::examples::workspace))]
pub struct Workspace {
    pub allow_renames: bool,
    pub automatic_updates: AutomaticUpdates,
    /// Weekly start schedule (`CRON_TZ=<tz> <min> <hour> * * <dow>`); left out when off.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub autostart_schedule: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When a dormant workspace will be deleted; null when it will not.
    #[schema(required = true)]
    pub deleting_at: Option<DateTime<Utc>>,
    /// When the workspace became dormant; null when it is not dormant.
    #[schema(required = true)]
    pub dormant_at: Option<DateTime<Utc>>,
    /// Whether the caller marked the workspace as a favorite.
    pub favorite: bool,
    pub health: WorkspaceHealth,
    pub id: Uuid,
    /// Whether this is an unclaimed prebuilt workspace.
    pub is_prebuild: bool,
    pub last_used_at: DateTime<Utc>,
    /// Newest status posted by one of its apps; null when none.
    #[schema(required = true)]
    pub latest_app_status: Option<WorkspaceAppStatus>,
    pub latest_build: WorkspaceBuild,
    pub name: String,
    /// Next automatic start; null when none is planned.
    #[schema(required = true)]
    pub next_start_at: Option<DateTime<Utc>>,
    pub organization_id: Uuid,
    pub organization_name: String,
    /// Whether the latest build uses an older version than the template's active one.
    pub outdated: bool,
    pub owner_avatar_url: String,
    pub owner_id: Uuid,
    /// Username of the owner.
    pub owner_name: String,
    /// Users and groups the workspace is shared with.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub shared_with: Vec<SharedWorkspaceActor>,
    /// Task this workspace belongs to, if any.
    pub task_id: NullUUID,
    pub template_active_version_id: Uuid,
    pub template_allow_user_cancel_workspace_jobs: bool,
    pub template_display_name: String,
    pub template_icon: String,
    pub template_id: Uuid,
    pub template_name: String,
    pub template_require_active_version: bool,
    pub template_use_classic_parameter_flow: bool,
    /// Auto-stop delay after start, in milliseconds; left out when off.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable = false)]
    pub ttl_ms: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

wire_type!(Workspace, response, r#"
    id always
    created_at always
    updated_at always
    owner_id always
    owner_name always
    owner_avatar_url always
    organization_id always
    organization_name always
    template_id always
    template_name always
    template_display_name always
    template_icon always
    template_allow_user_cancel_workspace_jobs always
    template_active_version_id always
    template_require_active_version always
    template_use_classic_parameter_flow always
    latest_build always
    latest_app_status null-when-unset
    outdated always
    name always
    autostart_schedule omitted-when-empty
    ttl_ms omitted-when-empty
    last_used_at always
    deleting_at null-when-unset
    dormant_at null-when-unset
    health always
    automatic_updates always
    allow_renames always
    favorite always
    next_start_at null-when-unset
    is_prebuild always
    task_id null-when-unset  # uuid.NullUUID has its own marshaller: a UUID string or null.
    shared_with omitted-when-empty
"#);

/// A page of workspaces and the total number matching the query.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspacesResponse, examples(crate::examples::workspaces_response))]
pub struct WorkspacesResponse {
    /// Total matches, regardless of limit and offset.
    pub count: i64,
    pub workspaces: Vec<Workspace>,
}

wire_type!(WorkspacesResponse, response, r#"
    workspaces always
    count always
"#);

/// One event of the watch streams (`data` is a Workspace, a Response or null).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ServerSentEvent, examples(crate::examples::server_sent_event))]
pub struct ServerSentEvent {
    pub data: serde_json::Value,
    #[serde(rename = "type")]
    pub r#type: ServerSentEventType,
}

wire_type!(ServerSentEvent, response, r#"
    type always
    data null-when-unset
"#);

impl ServerSentEvent {
    /// A keep-alive event.
    pub fn ping() -> Self {
        Self {
            data: serde_json::Value::Null,
            r#type: ServerSentEventType::Ping,
        }
    }

    /// A `data` event carrying `value`.
    pub fn data<T: serde::Serialize>(value: &T) -> Result<Self, serde_json::Error> {
        Ok(Self {
            data: serde_json::to_value(value)?,
            r#type: ServerSentEventType::Data,
        })
    }

    /// An `error` event carrying `response`.
    pub fn error(response: &crate::error::Response) -> Self {
        Self {
            data: serde_json::to_value(response).unwrap_or(serde_json::Value::Null),
            r#type: ServerSentEventType::Error,
        }
    }
}

/// Whether the workspace can autostart on the template's active version.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ResolveAutostartResponse, examples(crate::examples::resolve_autostart_response))]
pub struct ResolveAutostartResponse {
    /// True when the active version needs parameters the last build lacks.
    pub parameter_mismatch: bool,
}

wire_type!(ResolveAutostartResponse, response, r#"
    parameter_mismatch always
"#);

/// Body of the create-workspace endpoints; give a template or a template version, not both.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::CreateWorkspaceRequest, examples(crate::examples::create_workspace_request))]
pub struct CreateWorkspaceRequest {
    /// `never` when left out (or `""`, which Coder reads as unset).
    #[serde(
        default,
        deserialize_with = "crate::wire::zero_is_absent::deserialize",
        skip_serializing_if = "crate::wire::is_empty"
    )]
    pub automatic_updates: Option<AutomaticUpdates>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub autostart_schedule: Option<String>,
    /// 1–32 letters, digits and single hyphens; unique among the owner's workspaces.
    #[schema(pattern = "^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$", min_length = 1, max_length = 32)]
    pub name: String,
    /// Parameter values for the first build.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub rich_parameter_values: Option<Vec<WorkspaceBuildParameter>>,
    /// Use the active version of this template (the nil UUID, as Coder's Go SDK sends
    /// for an unset id, means not given).
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub template_id: Option<Uuid>,
    /// Use exactly this template version (the nil UUID means not given).
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub template_version_id: Option<Uuid>,
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub template_version_preset_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub ttl_ms: Option<i64>,
}

wire_type!(CreateWorkspaceRequest, request, r#"
    template_id always  # uuid.UUID is an array: Go writes the nil UUID when unset.
    template_version_id always  # nil UUID when unset.
    name always required
    autostart_schedule omitted-when-empty
    ttl_ms omitted-when-empty
    rich_parameter_values omitted-when-empty
    automatic_updates omitted-when-empty
    template_version_preset_id always  # nil UUID when unset.
"#);

/// Body of the rename endpoint.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::UpdateWorkspaceRequest, examples(crate::examples::update_workspace_request))]
pub struct UpdateWorkspaceRequest {
    /// The new name (the rules of create); empty or left out changes nothing.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    #[schema(pattern = "^(?:[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*)?$", max_length = 32)]
    pub name: Option<String>,
}

wire_type!(UpdateWorkspaceRequest, request, r#"
    name omitted-when-empty
"#);

/// Body of the TTL endpoint; null turns auto-stop off.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::UpdateWorkspaceTTLRequest, examples(crate::examples::update_workspace_ttl_request))]
pub struct UpdateWorkspaceTTLRequest {
    #[serde(default)]
    pub ttl_ms: Option<i64>,
}

wire_type!(UpdateWorkspaceTTLRequest, request, r#"
    ttl_ms null-when-unset
"#);

/// Rust-style alias of [`UpdateWorkspaceTTLRequest`].
pub type UpdateWorkspaceTtlRequest = UpdateWorkspaceTTLRequest;

/// Body of the autostart endpoint; null or empty turns autostart off.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(
    as = codersdk::UpdateWorkspaceAutostartRequest,
    examples(crate::examples::update_workspace_autostart_request)
)]
pub struct UpdateWorkspaceAutostartRequest {
    /// `CRON_TZ=<IANA zone> <min> <hour> * * <dow>`; UTC when no zone is given.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub schedule: Option<String>,
}

wire_type!(UpdateWorkspaceAutostartRequest, request, r#"
    schedule omitted-when-empty
"#);

/// Body of the extend endpoint: the new deadline of the running build.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::PutExtendWorkspaceRequest, examples(crate::examples::put_extend_workspace_request))]
pub struct PutExtendWorkspaceRequest {
    pub deadline: DateTime<Utc>,
}

wire_type!(PutExtendWorkspaceRequest, request, r#"
    deadline always required
"#);

/// Optional body of the usage endpoint, naming the agent and client used.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::PostWorkspaceUsageRequest, examples(crate::examples::post_workspace_usage_request))]
pub struct PostWorkspaceUsageRequest {
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub agent_id: Option<Uuid>,
    // Read from any string, as Go reads it (the server refuses an unknown one afterwards).
    #[serde(default, with = "crate::wire::zero_is_absent")]
    #[schema(value_type = Option<UsageAppName>)]
    pub app_name: Option<Lenient<UsageAppName>>,
}

wire_type!(PostWorkspaceUsageRequest, request, r#"
    agent_id always  # nil UUID when unset.
    app_name always
"#);

/// Body of the dormancy endpoint; false wakes the workspace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::UpdateWorkspaceDormancy, examples(crate::examples::update_workspace_dormancy))]
pub struct UpdateWorkspaceDormancy {
    #[serde(default)]
    pub dormant: bool,
}

wire_type!(UpdateWorkspaceDormancy, request, r#"
    dormant always
"#);

/// Body of the automatic-updates endpoint.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(
    as = codersdk::UpdateWorkspaceAutomaticUpdatesRequest,
    examples(crate::examples::update_workspace_automatic_updates_request)
)]
pub struct UpdateWorkspaceAutomaticUpdatesRequest {
    // Read from any string, as Go reads it (the server refuses an unknown one, and `""`,
    // afterwards).
    #[serde(default, with = "crate::wire::zero_is_absent")]
    #[schema(value_type = AutomaticUpdates, nullable = false, required = true)]
    pub automatic_updates: Option<Lenient<AutomaticUpdates>>,
}

wire_type!(UpdateWorkspaceAutomaticUpdatesRequest, request, r#"
    automatic_updates always required  # "", null or left out: 400 (must be always or never).
"#);
