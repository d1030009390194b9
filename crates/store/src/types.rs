//! The typed domain at the store's boundary: ids are [`Uuid`]s, and every stored enum is
//! read and written through one mapping to its database text.
//!
//! Stored ids and enums are TEXT on both engines. Reading a value that does not decode (a
//! corrupt id, an enum text this build does not know) is a deserialization error, which
//! [`crate::StoreError`] reports as `Corrupt`: never a nil UUID, a default variant or a
//! silently dropped row.
//!
//! The enums are the API's own vocabularies (`workspaced_sdk`), whose wire strings are the
//! strings Coder stores too; the few that exist only in the database (site roles, ACL roles)
//! are declared here. Writes go through [`Txt`], since the orphan rule forbids teaching
//! diesel to bind a foreign type directly.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::expression::AsExpression;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Nullable, Text};
use uuid::Uuid;

use crate::MultiBackend;

/// Text bound into a statement: an id or an enum on its way into the database.
#[derive(Debug, Clone, PartialEq, Eq, AsExpression)]
#[diesel(sql_type = Text)]
pub struct Txt(pub String);

impl<DB: Backend> ToSql<Text, DB> for Txt
where
    String: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        <String as ToSql<Text, DB>>::to_sql(&self.0, out)
    }
}

impl From<Uuid> for Txt {
    fn from(id: Uuid) -> Txt {
        Txt(id.to_string())
    }
}

impl From<&Uuid> for Txt {
    fn from(id: &Uuid) -> Txt {
        Txt(id.to_string())
    }
}

/// Nullable text bound into a statement (an optional id).
#[derive(Debug, Clone, PartialEq, Eq, AsExpression)]
#[diesel(sql_type = Nullable<Text>)]
pub struct OptTxt(pub Option<String>);

impl<DB: Backend> ToSql<Nullable<Text>, DB> for OptTxt
where
    String: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        match &self.0 {
            Some(s) => <String as ToSql<Text, DB>>::to_sql(s, out),
            None => Ok(IsNull::Yes),
        }
    }
}

impl From<Option<Uuid>> for OptTxt {
    fn from(id: Option<Uuid>) -> OptTxt {
        OptTxt(id.map(|u| u.to_string()))
    }
}

impl FromSql<Text, MultiBackend> for Uuid {
    fn from_sql(bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, MultiBackend>>::from_sql(bytes)?;
        Uuid::parse_str(&text).map_err(|e| format!("stored id {text:?} is not a UUID: {e}").into())
    }
}

impl diesel::Queryable<Text, MultiBackend> for Uuid {
    type Row = Uuid;
    fn build(row: Uuid) -> deserialize::Result<Uuid> {
        Ok(row)
    }
}

/// A JSON document stored as TEXT, decoded when the row is read: a document that does not
/// decode is a deserialization error, reported as [`crate::StoreError::Corrupt`] (a logged
/// 500), never a default. Model fields hold the decoded value
/// (`#[diesel(deserialize_as = JsonText<T>, serialize_as = Txt)]`).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonText<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromSql<Text, MultiBackend> for JsonText<T> {
    fn from_sql(bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, MultiBackend>>::from_sql(bytes)?;
        serde_json::from_str(&text)
            .map(JsonText)
            .map_err(|e| format!("stored JSON {text:?} does not decode as {}: {e}", std::any::type_name::<T>()).into())
    }
}

impl<T: serde::de::DeserializeOwned> diesel::Queryable<Text, MultiBackend> for JsonText<T> {
    type Row = JsonText<T>;
    fn build(row: JsonText<T>) -> deserialize::Result<JsonText<T>> {
        Ok(row)
    }
}

/// The JSON documents of the store's rows, each read through [`JsonText`] and written as
/// its text. (Their serialisation cannot fail: unit variants and string keys only.)
macro_rules! json_text {
    ($($ty:ty),+ $(,)?) => {$(
        impl From<JsonText<$ty>> for $ty {
            fn from(v: JsonText<$ty>) -> $ty {
                v.0
            }
        }

        impl From<$ty> for Txt {
            fn from(v: $ty) -> Txt {
                Txt(serde_json::to_string(&v).unwrap_or_else(|e| unreachable!("{e}")))
            }
        }
    )+};
}

/// An agent's environment variables.
pub type EnvironmentVariables = std::collections::BTreeMap<String, String>;
/// An agent's built-in apps.
pub type DisplayApps = Vec<workspaced_sdk::DisplayApp>;

json_text!(EnvironmentVariables, DisplayApps);

/// Teaches the store to read and write an enum as its text (`as_str` / `FromStr`).
macro_rules! text_enum {
    ($($ty:ty),+ $(,)?) => {$(
        impl FromSql<Text, MultiBackend> for $ty {
            fn from_sql(bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, MultiBackend>>::from_sql(bytes)?;
                text.parse::<$ty>().map_err(|e| format!("stored {}: {e}", stringify!($ty)).into())
            }
        }

        impl diesel::Queryable<Text, MultiBackend> for $ty {
            type Row = $ty;
            fn build(row: $ty) -> deserialize::Result<$ty> {
                Ok(row)
            }
        }

        impl From<$ty> for Txt {
            fn from(v: $ty) -> Txt {
                Txt(v.as_str().to_owned())
            }
        }

        impl From<&$ty> for Txt {
            fn from(v: &$ty) -> Txt {
                Txt(v.as_str().to_owned())
            }
        }
    )+};
}

pub use workspaced_sdk::{
    AutomaticUpdates, BuildReason, ProvisionerJobStatus as JobStatus, ProvisionerJobType as JobType, UserStatus,
    WorkspaceAgentLifecycle as AgentLifecycle, WorkspaceAgentPortShareLevel as PortShareLevel,
    WorkspaceAgentPortShareProtocol as PortShareProtocol, WorkspaceAppHealth as AppHealth,
    WorkspaceAppOpenIn as AppOpenIn, WorkspaceAppSharingLevel as AppSharingLevel, WorkspaceStatus, WorkspaceTransition,
    TimingStage,
};

/// A database-only enum: variants, their stored text, `as_str` and `FromStr`.
macro_rules! db_enum {
    ($(#[doc = $doc:literal])* pub enum $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!("unknown {} {other:?}", stringify!($name))),
                }
            }
        }
    };
}

db_enum! {
    /// A user's site-wide role: site owners may see and act on everything.
    pub enum SiteRole { Owner = "owner", Member = "member" }
}

db_enum! {
    /// A role granted on a workspace through its user or group ACL (Coder's `use` and
    /// `admin`).
    pub enum AclRole { Use = "use", Admin = "admin" }
}

text_enum!(
    SiteRole,
    AclRole,
    AutomaticUpdates,
    BuildReason,
    JobStatus,
    JobType,
    UserStatus,
    AgentLifecycle,
    PortShareLevel,
    PortShareProtocol,
    AppHealth,
    AppOpenIn,
    AppSharingLevel,
    WorkspaceTransition,
    WorkspaceStatus,
    TimingStage,
);

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::deserialize::FromSqlRow;

    fn loads<T: FromSqlRow<Text, MultiBackend>>() {}
    fn loads_nullable<T: FromSqlRow<Nullable<Text>, MultiBackend>>() {}

    #[test]
    fn ids_and_enums_load_from_text() {
        loads::<Uuid>();
        loads::<JobStatus>();
        loads_nullable::<Option<Uuid>>();
    }
}
