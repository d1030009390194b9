//! Workspace sharing: who besides the owner may use or administer a workspace.

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::users::ReducedUser;
use crate::wire::Lenient;

wire_enum! {
    /// Role granted on one workspace to a user or group.
    pub enum WorkspaceRole ("workspace role", example = "use") {
        /// May manage the workspace and its sharing.
        Admin = "admin",
        /// May read, start, stop and connect to the workspace.
        Use = "use",
        /// Removes the grant (only meaningful in an ACL update).
        Deleted = "",
    }
}

wire_enum! {
    /// Whether a sharing entry names a user or a group.
    pub enum SharedWorkspaceActorType ("shared workspace actor type", example = "user") {
        Group = "group",
        User = "user",
    }
}

wire_enum! {
    /// Where a group's membership comes from.
    pub enum GroupSource ("group source", example = "user") {
        User = "user",
        Oidc = "oidc",
    }
}

/// One user or group a workspace is shared with, as listed on the workspace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::SharedWorkspaceActor, examples(crate::examples::shared_workspace_actor))]
pub struct SharedWorkspaceActor {
    pub actor_type: SharedWorkspaceActorType,
    #[schema(format = "uri")]
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub avatar_url: String,
    pub id: Uuid,
    pub name: String,
    pub roles: Vec<WorkspaceRole>,
}

wire_type!(SharedWorkspaceActor, response, r#"
    id always
    actor_type always
    name always
    avatar_url omitted-when-empty
    roles always
"#);

/// A user holding a role on a workspace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceUser, examples(crate::examples::workspace_user))]
pub struct WorkspaceUser {
    #[schema(format = "uri")]
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub avatar_url: String,
    pub id: Uuid,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub name: String,
    pub role: WorkspaceRole,
    pub username: String,
}

wire_type!(WorkspaceUser, response, r#"
    id always
    username always
    name omitted-when-empty
    avatar_url omitted-when-empty
    role always
"#);

/// A group holding a role on a workspace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceGroup, examples(crate::examples::workspace_group))]
pub struct WorkspaceGroup {
    /// Picture of the group; Coder writes it even when empty (`""`), so it is a string
    /// rather than a URI here.
    pub avatar_url: String,
    pub display_name: String,
    pub id: Uuid,
    pub members: Vec<ReducedUser>,
    pub name: String,
    pub organization_display_name: String,
    pub organization_id: Uuid,
    pub organization_name: String,
    pub quota_allowance: i64,
    pub role: WorkspaceRole,
    pub source: GroupSource,
    /// Size of the group, even when `members` is trimmed for the caller.
    pub total_member_count: i64,
}

wire_type!(WorkspaceGroup, response, r#"
    id always
    name always
    display_name always
    organization_id always
    members always
    total_member_count always
    avatar_url always
    quota_allowance always
    source always
    organization_name always
    organization_display_name always
    role always
"#);

/// Users and groups a workspace is shared with (note: the groups key is `group`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::WorkspaceACL, examples(crate::examples::workspace_acl))]
pub struct WorkspaceACL {
    pub group: Vec<WorkspaceGroup>,
    pub users: Vec<WorkspaceUser>,
}

wire_type!(WorkspaceACL, response, r#"
    users always
    group always
"#);

/// Changes to a workspace's sharing: ids mapped to a role, `""` to drop the entry.
// Go reads the keys and roles as any strings (a `null` role as `""`); the server checks each
// entry afterwards and reports every bad one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::UpdateWorkspaceACL, examples(crate::examples::update_workspace_acl))]
pub struct UpdateWorkspaceACL {
    /// Group id → role.
    #[serde(default, deserialize_with = "crate::wire::null_is_default", skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable, value_type = BTreeMap<String, WorkspaceRole>)]
    pub group_roles: BTreeMap<String, Lenient<WorkspaceRole>>,
    /// User id → role.
    #[serde(default, deserialize_with = "crate::wire::null_is_default", skip_serializing_if = "crate::wire::is_empty")]
    #[schema(nullable, value_type = BTreeMap<String, WorkspaceRole>)]
    pub user_roles: BTreeMap<String, Lenient<WorkspaceRole>>,
}

wire_type!(UpdateWorkspaceACL, request, r#"
    user_roles omitted-when-empty
    group_roles omitted-when-empty
"#);

/// Rust-style alias of [`WorkspaceACL`].
pub type WorkspaceAcl = WorkspaceACL;
/// Rust-style alias of [`UpdateWorkspaceACL`].
pub type UpdateWorkspaceAcl = UpdateWorkspaceACL;
