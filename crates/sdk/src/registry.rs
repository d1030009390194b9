//! The one list of wire types. Each type registers itself in its own file, beside its
//! definition: a struct (and `uuid.NullUUID`) with `wire_type!`, which also records how
//! Coder's Go server writes each of its keys ([`crate::shapes`]); a string enum through
//! `wire_enum!`, which registers it. The list is collected when it is first read
//! ([`inventory`]), so no other file names the type.
//!
//! What reads it: the sdk's tests (the components of every type and what they refer to,
//! the examples, the enums), the shape tests, and `tests/api/document.rs` (every schema of
//! the served document has a registered Rust type and a shape). A type that is used by the
//! document but not registered fails those tests: it has no Rust type and no shape.

use std::borrow::Cow;

use serde_json::Value;
use utoipa::openapi::{schema::Schema, RefOr};

use crate::shapes::Kind;

/// One wire type.
pub struct WireType {
    /// Coder's schema name (`<T as ToSchema>::name`), e.g. `codersdk.Workspace`.
    pub name: fn() -> Cow<'static, str>,
    /// Object written by the server, request body, or string enum.
    pub kind: Kind,
    /// How Coder writes each key, in Go's order: one `<property> <rule> [required]` a line
    /// (see [`crate::shapes`]); text after `#` is a comment. Empty for an enum.
    pub keys: &'static str,
    /// Pushes the type's schema and the schemas it refers to (as utoipa collects them).
    pub schemas: fn(&mut Vec<(String, RefOr<Schema>)>),
    /// Reads a JSON value as the type and writes it back.
    pub round_trip: fn(Value) -> Result<Value, String>,
    /// A string enum: its wire strings, in order (`ALL`'s `as_str`).
    pub variants: Option<fn() -> Vec<&'static str>>,
    /// A string enum: parses a string (`FromStr`), answering the value's `Display`, or the
    /// error's text.
    pub parse: Option<fn(&str) -> Result<String, String>>,
}

inventory::collect!(WireType);

impl WireType {
    /// Coder's schema name.
    pub fn name(&self) -> &'static str {
        match (self.name)() {
            Cow::Borrowed(name) => name,
            Cow::Owned(name) => Box::leak(name.into_boxed_str()),
        }
    }
}

/// Every registered wire type, by name.
pub fn wire_types() -> Vec<&'static WireType> {
    let mut all: Vec<&'static WireType> = inventory::iter::<WireType>.into_iter().collect();
    all.sort_by_key(|t| t.name());
    all
}

/// The components of every registered wire type, with the schemas they refer to, as an
/// OpenAPI document's `components.schemas` holds them.
pub fn components() -> serde_json::Map<String, Value> {
    let mut schemas = Vec::new();
    for t in wire_types() {
        (t.schemas)(&mut schemas);
    }
    let components = utoipa::openapi::ComponentsBuilder::new().schemas_from_iter(schemas).build();
    match serde_json::to_value(components) {
        Ok(Value::Object(mut c)) => match c.remove("schemas") {
            Some(Value::Object(schemas)) => schemas,
            _ => serde_json::Map::new(),
        },
        _ => serde_json::Map::new(),
    }
}

#[doc(hidden)]
pub fn collect<T: utoipa::ToSchema>(out: &mut Vec<(String, RefOr<Schema>)>) {
    out.push((T::name().into_owned(), T::schema()));
    T::schemas(out);
}

#[doc(hidden)]
pub fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

#[doc(hidden)]
pub fn parse<T: std::str::FromStr<Err = crate::UnknownVariant> + std::fmt::Display>(s: &str) -> Result<String, String> {
    s.parse::<T>().map(|v| v.to_string()).map_err(|e| e.to_string())
}
