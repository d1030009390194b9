//! The error envelope every failing request answers with, and the enum parse error.

use std::fmt;

/// Body of every error answer (and of a few plain confirmations): a message, an optional
/// technical detail and optional per-field problems.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::Response, examples(crate::examples::response))]
pub struct Response {
    /// Technical reason behind the failure; left out when empty.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub detail: String,
    /// A full sentence telling the user what happened.
    pub message: String,
    /// Problems tied to single fields of the request; left out when empty.
    #[serde(default, skip_serializing_if = "crate::wire::is_empty")]
    pub validations: Vec<ValidationError>,
}

wire_type!(Response, response, r#"
    message always
    detail omitted-when-empty
    validations omitted-when-empty
"#);

impl Response {
    /// A response carrying only a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            detail: String::new(),
            message: message.into(),
            validations: Vec::new(),
        }
    }

    /// Sets the technical detail.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// Replaces the field validations.
    pub fn with_validations(mut self, validations: Vec<ValidationError>) -> Self {
        self.validations = validations;
        self
    }

    /// Appends one field validation.
    pub fn with_validation(mut self, field: impl Into<String>, detail: impl Into<String>) -> Self {
        self.validations.push(ValidationError::new(field, detail));
        self
    }
}

/// A problem with one field of a request.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = codersdk::ValidationError, examples(crate::examples::validation_error))]
pub struct ValidationError {
    /// What is wrong with the field.
    pub detail: String,
    /// The JSON name of the field (or query parameter).
    pub field: String,
}

wire_type!(ValidationError, response, r#"
    field always
    detail always
"#);

impl ValidationError {
    /// A validation for `field` explaining `detail`.
    pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            field: field.into(),
        }
    }
}

/// A string that names no variant of one of the wire enums.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownVariant {
    /// Human name of the enum, e.g. `workspace status`.
    pub kind: &'static str,
    /// The rejected input.
    pub value: String,
}

impl UnknownVariant {
    /// The error for `value` not being a valid `kind`.
    pub fn new(kind: &'static str, value: impl Into<String>) -> Self {
        Self {
            kind,
            value: value.into(),
        }
    }
}

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a valid {}", self.value, self.kind)
    }
}

impl std::error::Error for UnknownVariant {}
