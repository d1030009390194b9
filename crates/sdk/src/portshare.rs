//! Port sharing: exposing an agent's port to more people than the workspace owner.

use uuid::Uuid;

use crate::wire::Lenient;

wire_enum! {
    /// Who may reach a shared port.
    pub enum WorkspaceAgentPortShareLevel ("port share level", example = "authenticated") {
        /// Only the owner: the port is not shared.
        Owner = "owner",
        /// Any signed-in user.
        Authenticated = "authenticated",
        /// Members of the workspace's organisation.
        Organization = "organization",
        /// Anyone, without signing in.
        Public = "public",
    }
}

impl WorkspaceAgentPortShareLevel {
    /// Openness of the level: owner (0) < organization (1) < authenticated (2) < public (3).
    pub fn rank(&self) -> u8 {
        match self {
            Self::Owner => 0,
            Self::Organization => 1,
            Self::Authenticated => 2,
            Self::Public => 3,
        }
    }

    /// Whether this level is no more open than `max`.
    pub fn is_within(&self, max: Self) -> bool {
        self.rank() <= max.rank()
    }
}

wire_enum! {
    /// Scheme the shared port speaks.
    pub enum WorkspaceAgentPortShareProtocol ("port share protocol", example = "http") {
        Http = "http",
        Https = "https",
    }
}

/// A port of an agent shared at some level.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceAgentPortShare, examples(crate::examples::workspace_agent_port_share))]
pub struct WorkspaceAgentPortShare {
    pub agent_name: String,
    pub port: i32,
    pub protocol: WorkspaceAgentPortShareProtocol,
    pub share_level: WorkspaceAgentPortShareLevel,
    pub workspace_id: Uuid,
}

wire_type!(WorkspaceAgentPortShare, response, r#"
    workspace_id always
    agent_name always
    port always
    share_level always
    protocol always
"#);

/// All port shares of a workspace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceAgentPortShares, examples(crate::examples::workspace_agent_port_shares))]
pub struct WorkspaceAgentPortShares {
    pub shares: Vec<WorkspaceAgentPortShare>,
}

wire_type!(WorkspaceAgentPortShares, response, r#"
    shares always  # uncertain: one converter wrote null for no shares, a later one []; chosen always ([]), the later form.
"#);

/// Creates or changes the share of one agent port.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(
    as = codersdk::UpsertWorkspaceAgentPortShareRequest,
    examples(crate::examples::upsert_workspace_agent_port_share_request)
)]
pub struct UpsertWorkspaceAgentPortShareRequest {
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub agent_name: Option<String>,
    #[serde(default, with = "crate::wire::zero_is_absent")]
    #[schema(minimum = 9, maximum = 65535)]
    pub port: Option<i32>,
    /// Defaults to `http` when left out.
    // Read from any string, as Go reads it (the server refuses an unknown one afterwards).
    #[serde(default, with = "crate::wire::zero_is_absent")]
    #[schema(value_type = Option<WorkspaceAgentPortShareProtocol>)]
    pub protocol: Option<Lenient<WorkspaceAgentPortShareProtocol>>,
    // Read from any string, as Go reads it (the server refuses an unknown one afterwards).
    #[serde(default, with = "crate::wire::zero_is_absent")]
    #[schema(value_type = Option<WorkspaceAgentPortShareLevel>)]
    pub share_level: Option<Lenient<WorkspaceAgentPortShareLevel>>,
}

wire_type!(UpsertWorkspaceAgentPortShareRequest, request, r#"
    agent_name always
    port always
    share_level always
    protocol always
"#);

/// Names the agent port whose share is removed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(
    as = codersdk::DeleteWorkspaceAgentPortShareRequest,
    examples(crate::examples::delete_workspace_agent_port_share_request)
)]
pub struct DeleteWorkspaceAgentPortShareRequest {
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub agent_name: Option<String>,
    #[serde(default, with = "crate::wire::zero_is_absent")]
    pub port: Option<i32>,
}

wire_type!(DeleteWorkspaceAgentPortShareRequest, request, r#"
    agent_name always
    port always
"#);
