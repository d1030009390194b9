//! User shapes embedded in workspace answers (owners, sharees, group members).

use chrono::{DateTime, Utc};
use uuid::Uuid;

wire_enum! {
    /// How a user signs in.
    pub enum LoginType ("login type", example = "password") {
        /// Not known (empty string on the wire).
        Unknown = "",
        Password = "password",
        Github = "github",
        Oidc = "oidc",
        Token = "token",
        /// The user cannot sign in at all (service accounts).
        None = "none",
    }
}

wire_enum! {
    /// Whether a user account may be used.
    pub enum UserStatus ("user status", example = "active") {
        Active = "active",
        Dormant = "dormant",
        Suspended = "suspended",
    }
}

/// The least needed to name and show a user.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::MinimalUser, examples(crate::examples::minimal_user))]
pub struct MinimalUser {
    /// Picture of the user; empty when none.
    #[schema(format = "uri")]
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub avatar_url: String,
    pub id: Uuid,
    /// Display name; empty when not set.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub name: String,
    pub username: String,
}

wire_type!(MinimalUser, response, r#"
    id always
    username always
    name omitted-when-empty
    avatar_url omitted-when-empty
"#);

/// A user without roles or organisation memberships.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ReducedUser, examples(crate::examples::reduced_user))]
pub struct ReducedUser {
    #[schema(format = "uri")]
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub avatar_url: String,
    pub created_at: DateTime<Utc>,
    #[schema(format = Email)]
    pub email: String,
    pub id: Uuid,
    pub last_seen_at: DateTime<Utc>,
    pub login_type: LoginType,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub name: String,
    pub status: UserStatus,
    /// Old place of the UI theme; kept for older clients.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub theme_preference: String,
    pub updated_at: DateTime<Utc>,
    pub username: String,
}

wire_type!(ReducedUser, response, r#"
    id always
    username always
    name omitted-when-empty
    avatar_url omitted-when-empty
    email always
    created_at always
    updated_at always
    last_seen_at always  # omitempty on time.Time has no effect in Go.
    status always
    login_type always
    theme_preference omitted-when-empty
"#);

/// A role as shown on a user.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::SlimRole, examples(crate::examples::slim_role))]
pub struct SlimRole {
    pub display_name: String,
    pub name: String,
    /// Set for organization roles; left out for site roles.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub organization_id: String,
}

wire_type!(SlimRole, response, r#"
    name always
    display_name always
    organization_id omitted-when-empty
"#);

/// A user with its site roles and organization memberships.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::User, examples(crate::examples::user))]
pub struct User {
    #[schema(format = "uri")]
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub avatar_url: String,
    pub created_at: DateTime<Utc>,
    #[schema(format = Email)]
    pub email: String,
    pub id: Uuid,
    pub last_seen_at: DateTime<Utc>,
    pub login_type: LoginType,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub name: String,
    pub organization_ids: Vec<Uuid>,
    pub roles: Vec<SlimRole>,
    pub status: UserStatus,
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub theme_preference: String,
    pub updated_at: DateTime<Utc>,
    pub username: String,
}

wire_type!(User, response, r#"
    id always
    username always
    name omitted-when-empty
    avatar_url omitted-when-empty
    email always
    created_at always
    updated_at always
    last_seen_at always
    status always
    login_type always
    theme_preference omitted-when-empty
    organization_ids always
    roles always
"#);
