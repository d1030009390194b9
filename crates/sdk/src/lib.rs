//! Wire types of the Workspaces and Port Sharing REST API, shaped like Coder's `codersdk`.
//!
//! Every type serialises exactly as a Coder client expects and derives
//! [`utoipa::ToSchema`] under Coder's component name (`codersdk.Workspace`,
//! `uuid.NullUUID`, ...), with a realistic sample value attached to its schema as its
//! OpenAPI `examples` (the existing ones in [`examples`], one consistent world; a new type's
//! may be written beside it). Each type registers itself, beside its definition, in the one
//! list of wire types, [`registry`]: `wire_type!` for a struct, `wire_enum!` for a string
//! enum. A new wire type is then one file's change.
//!
//! Conventions:
//! * Every key is written as Coder's Go server writes it: each struct's `wire_type!` gives,
//!   for every property, one of the rules **always**, **null-when-unset**,
//!   **omitted-when-empty** or **never** ([`shapes`]), and each field carries the one
//!   [`wire`] helper of its rule (`Option<T>` for a nullable key, `skip_serializing_if =
//!   "crate::wire::is_empty"` for a key Go drops when empty). The schemas say the same:
//!   **always** is required and not nullable, **null-when-unset** required and nullable,
//!   **omitted-when-empty** optional and not nullable. Tests walk every type against its
//!   rules.
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

        ::inventory::submit! {
            $crate::registry::WireType {
                name: <$name as utoipa::ToSchema>::name,
                kind: $crate::shapes::Kind::Enum,
                keys: "",
                schemas: $crate::registry::collect::<$name>,
                round_trip: $crate::registry::round_trip::<$name>,
                variants: Some({
                    fn variants() -> Vec<&'static str> {
                        $name::ALL.iter().map(|v| v.as_str()).collect()
                    }
                    variants
                }),
                parse: Some($crate::registry::parse::<$name>),
            }
        }
    };
}

/// Registers a wire type (a struct, or `uuid.NullUUID`) in the one list of wire types
/// ([`registry`]), with how Coder's Go server writes each of its keys ([`shapes`]): `response`
/// for an object the server writes, `request` for a request body, then one
/// `<property> <rule> [required]` a line, in Go's order (`#` starts a comment). Written
/// beside the type's definition: the type, its example (`#[schema(examples(..))]`) and its
/// rules are then in one file, and nothing else names it.
macro_rules! wire_type {
    ($name:ident, response, $keys:literal) => {
        wire_type!(@ $name, Response, $keys);
    };
    ($name:ident, request, $keys:literal) => {
        wire_type!(@ $name, Request, $keys);
    };
    (@ $name:ident, $kind:ident, $keys:literal) => {
        ::inventory::submit! {
            $crate::registry::WireType {
                name: <$name as utoipa::ToSchema>::name,
                kind: $crate::shapes::Kind::$kind,
                keys: $keys,
                schemas: $crate::registry::collect::<$name>,
                round_trip: $crate::registry::round_trip::<$name>,
                variants: None,
                parse: None,
            }
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
pub mod registry;
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
