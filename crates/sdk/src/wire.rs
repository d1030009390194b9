//! The serde helpers behind the four rules of how Coder's Go server writes a key
//! (see [`crate::shapes`]), one helper per rule:
//!
//! | rule | Rust field | attributes |
//! |---|---|---|
//! | **always** | a plain type (`String`, `Vec<T>`, `Uuid`, ...) | none |
//! | **always**, request member the server may go without | `Option<T>` | `#[serde(default, with = "crate::wire::zero_is_absent")]`, `#[schema(nullable = false)]` |
//! | **null-when-unset** | `Option<T>` (or [`crate::NullUUID`]) | `#[schema(required = true)]` |
//! | **omitted-when-empty** | `String`, `Vec<T>`, a map, or `Option<T>` for a Go pointer | `#[serde(default, skip_serializing_if = "crate::wire::is_empty")]`, and `#[schema(nullable = false)]` on an `Option` |
//! | **never** | no field | — |
//!
//! Go's `omitempty` drops `false`, `0`, `""`, a nil pointer and an empty slice or map;
//! [`Empty`] says the same of the Rust types standing for them (an `Option` stands for a
//! pointer: only `None` is empty, `Some("")` is written).
//!
//! Go writes a value-typed member of a request (a `uuid.UUID`, a string enum) even when
//! it is unset, as its zero value: the nil UUID `00000000-0000-0000-0000-000000000000` or
//! `""`. [`zero_is_absent`] writes `None` that way and reads the zero value (or `null`, or
//! a missing key) back as `None`, so a request from Coder's Go SDK means what it means to
//! Coder's server.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// What Go's `omitempty` counts as empty.
pub trait Empty {
    /// Whether Go would leave the key out.
    fn is_empty(&self) -> bool;
}

impl Empty for String {
    fn is_empty(&self) -> bool {
        String::is_empty(self)
    }
}

impl<T> Empty for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl<K, V> Empty for BTreeMap<K, V> {
    fn is_empty(&self) -> bool {
        BTreeMap::is_empty(self)
    }
}

impl<T> Empty for Option<T> {
    /// A Go pointer is empty only when nil.
    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

impl Empty for bool {
    fn is_empty(&self) -> bool {
        !*self
    }
}

macro_rules! empty_numbers {
    ($($t:ty),+) => {
        $(impl Empty for $t {
            fn is_empty(&self) -> bool {
                *self == 0 as $t
            }
        })+
    };
}
empty_numbers!(i32, i64, u32, u64, f64);

/// The **omitted-when-empty** rule: `skip_serializing_if = "crate::wire::is_empty"`.
pub fn is_empty<T: Empty>(value: &T) -> bool {
    value.is_empty()
}

/// A request member Go reads `null` into as its zero value (a map, a slice):
/// `#[serde(default, deserialize_with = "crate::wire::null_is_default")]`, documented nullable.
pub fn null_is_default<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: Default + Deserialize<'de>,
    D: Deserializer<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A Go value type with a zero value that a request uses to mean "not given".
pub trait GoZero: Sized {
    /// Writes the zero value (`""`, the nil UUID).
    fn serialize_zero<S: Serializer>(serializer: S) -> Result<S::Ok, S::Error>;
    /// Whether `value` (already known not to be `null`) is the zero value.
    fn is_zero(value: &serde_json::Value) -> bool;

    /// Reads a value that is not the zero value, as Go reads it.
    fn from_value(value: serde_json::Value) -> Result<Self, String>
    where
        Self: serde::de::DeserializeOwned,
    {
        Self::deserialize(value).map_err(|e| e.to_string())
    }

    /// [`zero_is_absent`]'s reading: `null` and the zero value are `None`. By default through
    /// a JSON value ([`GoZero::is_zero`], then [`GoZero::from_value`]).
    fn deserialize_zero_is_absent<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error>
    where
        Self: serde::de::DeserializeOwned,
    {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.is_null() || Self::is_zero(&value) {
            return Ok(None);
        }
        Self::from_value(value).map(Some).map_err(serde::de::Error::custom)
    }
}

impl GoZero for Uuid {
    fn serialize_zero<S: Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
        Uuid::nil().serialize(serializer)
    }

    fn is_zero(value: &serde_json::Value) -> bool {
        value
            .as_str()
            .and_then(|s| crate::go::parse_coder_uuid(s).ok())
            .is_some_and(|id| id.is_nil())
    }

    /// Google's `uuid.Parse`, with its error texts.
    fn from_value(value: serde_json::Value) -> Result<Self, String> {
        match value.as_str() {
            Some(s) => crate::go::parse_coder_uuid(s),
            None => Self::deserialize(value).map_err(|e| e.to_string()),
        }
    }
}

impl GoZero for String {
    fn serialize_zero<S: Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("")
    }

    fn is_zero(value: &serde_json::Value) -> bool {
        value.as_str() == Some("")
    }
}

impl GoZero for i32 {
    fn serialize_zero<S: Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i32(0)
    }

    fn is_zero(value: &serde_json::Value) -> bool {
        value.as_i64() == Some(0)
    }
}

/// The **always** rule for a request member that the server may go without:
/// `#[serde(default, with = "crate::wire::zero_is_absent")]` on an `Option<T>`.
pub mod zero_is_absent {
    use super::*;

    /// `None` is written as Go's zero value.
    pub fn serialize<T: GoZero + Serialize, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => value.serialize(serializer),
            None => T::serialize_zero(serializer),
        }
    }

    /// `null` and Go's zero value are read as `None`.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        T: GoZero + serde::de::DeserializeOwned,
        D: Deserializer<'de>,
    {
        T::deserialize_zero_is_absent(deserializer)
    }
}

/// A member typed as a Go string enum (`type WorkspaceRole string`), which Go's
/// `encoding/json` reads from **any** string (and `null` as `""`): Coder checks the value
/// afterwards, answering an unknown one with its own validation text (which may quote it).
/// A request type says so by declaring the member `Lenient<E>` (documented as `E` with
/// `#[schema(value_type = …)]`); the server then reads the body as that very type.
/// Written as the string it holds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lenient<E> {
    /// One of the enum's values.
    Known(E),
    /// Any other string, as sent.
    Unknown(String),
}

impl<E> Lenient<E> {
    /// The enum's value, if the string was one.
    pub fn known(&self) -> Option<&E> {
        match self {
            Lenient::Known(e) => Some(e),
            Lenient::Unknown(_) => None,
        }
    }
}

impl<E: std::fmt::Display> Lenient<E> {
    /// The string as sent (a known value in its wire spelling).
    pub fn raw(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Lenient::Known(e) => std::borrow::Cow::Owned(e.to_string()),
            Lenient::Unknown(s) => std::borrow::Cow::Borrowed(s),
        }
    }
}

impl<E> From<E> for Lenient<E> {
    fn from(value: E) -> Self {
        Lenient::Known(value)
    }
}

impl<E: std::str::FromStr> Lenient<E> {
    /// Reads a string as Go would hold it.
    pub fn parse(raw: &str) -> Self {
        raw.parse().map(Lenient::Known).unwrap_or_else(|_| Lenient::Unknown(raw.to_owned()))
    }
}

impl<E: std::fmt::Display> Serialize for Lenient<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw())
    }
}

impl<'de, E: std::str::FromStr> Deserialize<'de> for Lenient<E> {
    /// Any string; `null` is `""`; anything else is refused ("expected a string").
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Lenient::parse(&Option::<String>::deserialize(deserializer)?.unwrap_or_default()))
    }
}

impl<E: std::str::FromStr> GoZero for Lenient<E> {
    fn serialize_zero<S: Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("")
    }

    fn is_zero(value: &serde_json::Value) -> bool {
        value.as_str() == Some("")
    }

    /// Read as a Go string: any string, `""` and `null` being unset (directly, so that an
    /// error names the position of the value itself).
    fn deserialize_zero_is_absent<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.filter(|s| !s.is_empty()).map(|s| Lenient::parse(&s)))
    }
}
