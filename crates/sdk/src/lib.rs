//! Wire types of the Workspaces and Port Sharing REST API, shaped like Coder's `codersdk`.
//!
//! Every type serialises exactly as a Coder client expects and derives
//! [`utoipa::ToSchema`] under Coder's component name (`codersdk.Workspace`,
//! `uuid.NullUUID`, ...). Realistic sample values live in [`examples`] and are attached to
//! each struct's schema as its OpenAPI `examples`.
//!
//! Conventions:
//! * Every key is written as Coder's Go server writes it: [`shapes`] holds, for every
//!   schema and property, one of the rules **always**, **null-when-unset**,
//!   **omitted-when-empty** or **never**, and each field carries the one [`wire`] helper of
//!   its rule (`Option<T>` for a nullable key, `skip_serializing_if =
//!   "crate::wire::is_empty"` for a key Go drops when empty). The schemas say the same:
//!   **always** is required and not nullable, **null-when-unset** required and nullable,
//!   **omitted-when-empty** optional and not nullable. Tests walk every type against the
//!   table.
//! * `uuid.NullUUID` is [`NullUUID`]: a UUID string or `null`, as Go's marshaller writes it.
//! * Request bodies accept missing members (`#[serde(default)]`) except the ones the server
//!   needs; an optional request member Go always sends (a `uuid.UUID`, a string enum) is an
//!   `Option` that reads Go's zero value (the nil UUID, `""`) as `None` and writes `None`
//!   that way ([`wire::zero_is_absent`]).
//! * Every string enum has `ALL`, `as_str`, [`std::fmt::Display`] and [`std::str::FromStr`]
//!   (failing with [`UnknownVariant`]).

/// Declares a string enum of the wire format with its helpers.
///
/// Produces the enum (unit variants renamed to their exact wire strings), `ALL`, `as_str`,
/// `Display`, `FromStr` with [`UnknownVariant`] as the error, and a hand-written
/// [`utoipa::ToSchema`] named `codersdk.<Name>` (written by hand because utoipa's derive
/// drops empty renames such as `WorkspaceRole::Deleted = ""`).
macro_rules! wire_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident ($label:tt, example = $example:tt) {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:tt ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $wire)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in the order Coder documents them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The exact string used on the wire.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::UnknownVariant;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok(Self::$variant),)+
                    other => Err($crate::error::UnknownVariant::new($label, other)),
                }
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let doc: &[&str] = &[$($doc),*];
                let description = doc.iter().map(|line| line.trim()).collect::<Vec<_>>().join("\n");
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description((!description.is_empty()).then_some(description))
                    .enum_values(Some([$($wire),+]))
                    .examples([$example])
                    .into()
            }
        }

        impl $crate::wire::GoZero for $name {
            fn serialize_zero<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str("")
            }

            fn is_zero(value: &serde_json::Value) -> bool {
                value.as_str() == Some("")
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(concat!("codersdk.", stringify!($name)))
            }
        }
    };
}

/// Every wire type, once: the one list that the sdk's tests, the shape tests and the
/// document's tests read, so that a new type is registered by adding it here. Calls
/// `$callback!` with three groups of paths: `objects: [..]` (the structs, JSON objects),
/// `enums: [..]` (the string enums of `wire_enum!`) and `values: [..]` (`uuid.NullUUID`).
///
/// ```
/// macro_rules! names {
///     ($($group:ident: [$($t:path),* $(,)?]),* $(,)?) => {
///         vec![$($(<$t as utoipa::ToSchema>::name()),*),*]
///     };
/// }
/// let names = workspaced_sdk::wire_types!(names);
/// assert!(names.iter().any(|n| n == "codersdk.Workspace"));
/// ```
#[macro_export]
macro_rules! wire_types {
    ($callback:ident) => {
        $callback! {
            objects: [
                $crate::AgentConnectionTiming,
                $crate::AgentScriptTiming,
                $crate::BuildInfoResponse,
                $crate::CreateWorkspaceBuildRequest,
                $crate::CreateWorkspaceRequest,
                $crate::DERPRegion,
                $crate::DeleteWorkspaceAgentPortShareRequest,
                $crate::Healthcheck,
                $crate::MatchedProvisioners,
                $crate::MinimalUser,
                $crate::PostWorkspaceUsageRequest,
                $crate::ProvisionerJob,
                $crate::ProvisionerJobInput,
                $crate::ProvisionerJobMetadata,
                $crate::ProvisionerTiming,
                $crate::PutExtendWorkspaceRequest,
                $crate::ReducedUser,
                $crate::ResolveAutostartResponse,
                $crate::Response,
                $crate::ServerSentEvent,
                $crate::SharedWorkspaceActor,
                $crate::SlimRole,
                $crate::Template,
                $crate::TemplateAutostartRequirement,
                $crate::TransitionStats,
                $crate::UpdateWorkspaceACL,
                $crate::UpdateWorkspaceAutomaticUpdatesRequest,
                $crate::UpdateWorkspaceAutostartRequest,
                $crate::UpdateWorkspaceDormancy,
                $crate::UpdateWorkspaceRequest,
                $crate::UpdateWorkspaceTTLRequest,
                $crate::UpsertWorkspaceAgentPortShareRequest,
                $crate::User,
                $crate::ValidationError,
                $crate::Workspace,
                $crate::WorkspaceACL,
                $crate::WorkspaceAgent,
                $crate::WorkspaceAgentHealth,
                $crate::WorkspaceAgentLogSource,
                $crate::WorkspaceAgentPortShare,
                $crate::WorkspaceAgentPortShares,
                $crate::WorkspaceAgentScript,
                $crate::WorkspaceApp,
                $crate::WorkspaceAppStatus,
                $crate::WorkspaceBuild,
                $crate::WorkspaceBuildParameter,
                $crate::WorkspaceBuildTimings,
                $crate::WorkspaceGroup,
                $crate::WorkspaceHealth,
                $crate::WorkspaceResource,
                $crate::WorkspaceResourceMetadata,
                $crate::WorkspaceUser,
                $crate::WorkspacesResponse,
            ],
            enums: [
                $crate::AgentSubsystem,
                $crate::AutomaticUpdates,
                $crate::BuildReason,
                $crate::CreateWorkspaceBuildReason,
                $crate::DisplayApp,
                $crate::GroupSource,
                $crate::JobErrorCode,
                $crate::LoginType,
                $crate::ProvisionerJobStatus,
                $crate::ProvisionerJobType,
                $crate::ServerSentEventType,
                $crate::SharedWorkspaceActorType,
                $crate::TimingStage,
                $crate::UsageAppName,
                $crate::UserStatus,
                $crate::WorkspaceAgentLifecycle,
                $crate::WorkspaceAgentPortShareLevel,
                $crate::WorkspaceAgentPortShareProtocol,
                $crate::WorkspaceAgentStartupScriptBehavior,
                $crate::WorkspaceAgentStatus,
                $crate::WorkspaceAppHealth,
                $crate::WorkspaceAppOpenIn,
                $crate::WorkspaceAppSharingLevel,
                $crate::WorkspaceAppStatusState,
                $crate::WorkspaceRole,
                $crate::WorkspaceStatus,
                $crate::WorkspaceTransition,
            ],
            values: [
                $crate::NullUUID,
            ],
        }
    };
}

pub mod acl;
pub mod agents;
pub mod builds;
pub mod error;
pub mod examples;
pub mod go;
pub mod portshare;
pub mod shapes;
pub mod templates;
pub mod users;
pub mod wire;
pub mod workspaces;

#[cfg(test)]
mod shape_tests;
#[cfg(test)]
mod tests;

pub use acl::*;
pub use agents::*;
pub use builds::*;
pub use error::*;
pub use portshare::*;
pub use templates::*;
pub use users::*;
pub use workspaces::*;
