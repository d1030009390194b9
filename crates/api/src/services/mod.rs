//! The services: what an operation does, apart from HTTP. Each takes the store and typed
//! inputs (the [`Caller`], parsed parameters and bodies) and returns domain results (store
//! aggregates) or a [`Failure`], so it runs in one blocking-pool hop and can be tested
//! without a request. Handlers extract, call one service, convert and respond.
//!
//! Services depend on the store, the sdk and the crate's pure helpers (`validate`, `search`,
//! `go`) only: no actix type, nothing of `handlers`. Who may do what is asked of the store
//! (`Store::workspace_for` and the rest of `workspaced_store::authz`), never decided here;
//! a [`Failure`] becomes an HTTP answer in one place, `crate::error`.

pub mod port_sharing;
pub mod sharing;
pub mod builds;
pub mod schedules;
pub mod templates;
pub mod users;
pub mod workspace_settings;
pub mod workspaces;

use workspaced_sdk::{Response, ValidationError};
use workspaced_store::authz::Denied;
use workspaced_store::models::User;
use workspaced_store::{Actor, StoreError};

/// The authenticated caller of a request (`crate::auth::Session::authenticate`).
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
}

impl Caller {
    /// The caller as the authorization rules see it ([`workspaced_store::authz`]: who may
    /// read and act on what is decided there, and only there).
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.user.id, site_role: self.user.site_role }
    }

    /// Site owners see and act on everything (but start a dormant workspace).
    pub fn is_owner(&self) -> bool {
        self.actor().is_site_owner()
    }
}

/// Which part of a list to answer: `limit = 0` means no limit.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

/// What a service answers.
pub type Outcome<T> = Result<T, Failure>;

/// Why an operation did not do what it was asked, in the API's terms but without HTTP:
/// its kind (which the edge turns into a status, `crate::error`'s one `From`) and what
/// the client is told (Coder's message, detail and validations).
#[derive(Debug)]
pub struct Failure {
    pub kind: Kind,
    pub body: Response,
}

/// The kinds of failure. The status each is answered with is decided in one place, the
/// `From<Failure> for ApiError` of `crate::error`.
#[derive(Debug)]
pub enum Kind {
    /// The request is wrong (400).
    Invalid,
    /// The request body is too large (413).
    TooLarge,
    /// The caller may see it but not do this, in the operation's own words (403).
    Forbidden,
    /// There is no such thing, in the operation's own words (404).
    NotFound,
    /// The state does not allow it (409).
    Conflict,
    /// It was deleted (410).
    Gone,
    /// The authorization rule refused (404 like a missing one, or 403 `Forbidden.`); the body
    /// is the edge's.
    Denied(Denied),
    /// A store error (a missing row 404, the database out of reach 503, else 500).
    Store(StoreError),
    /// A fault of the operation with its cause: logged, 500 with the body's message (503
    /// when the cause is the database being out of reach).
    Fault(FaultCause),
}

/// What caused a fault.
#[derive(Debug)]
pub enum FaultCause {
    Store(StoreError),
    Other(String),
}

impl Failure {
    fn new(kind: Kind, message: impl Into<String>) -> Failure {
        Failure { kind, body: Response::new(message) }
    }

    /// 400 with Coder's message.
    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Invalid, message)
    }

    /// 400 `Validation failed.` with one entry per field.
    pub fn validation_failed(v: Vec<ValidationError>) -> Failure {
        Failure::invalid("Validation failed.").validations(v)
    }

    /// 413 with Coder's message.
    pub fn too_large(message: impl Into<String>) -> Failure {
        Failure::new(Kind::TooLarge, message)
    }

    /// 403 in the operation's words.
    pub fn forbidden(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Forbidden, message)
    }

    /// 404 in the operation's words.
    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(Kind::NotFound, message)
    }

    /// 404 with Coder's text for anything missing or not visible to the caller.
    pub fn missing() -> Failure {
        Denied::NotVisible.into()
    }

    /// 409 with Coder's message.
    pub fn conflict(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Conflict, message)
    }

    /// 410 with Coder's message.
    pub fn gone(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Gone, message)
    }

    /// A server fault: logged with its cause, answered 500 with `message`.
    pub fn fault(message: impl Into<String>, cause: impl std::fmt::Display) -> Failure {
        Failure::new(Kind::Fault(FaultCause::Other(cause.to_string())), message)
    }

    /// A store error with the operation's own 500 text, unless the database is only out of
    /// reach or full (then as every other store error of that kind).
    pub fn store_fault(message: impl Into<String>, e: StoreError) -> Failure {
        Failure::new(Kind::Fault(FaultCause::Store(e)), message)
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Failure {
        self.body.detail = detail.into();
        self
    }

    pub fn validation(mut self, field: impl Into<String>, detail: impl Into<String>) -> Failure {
        self.body.validations.push(ValidationError::new(field, detail));
        self
    }

    pub fn validations(mut self, v: Vec<ValidationError>) -> Failure {
        self.body.validations.extend(v);
        self
    }
}

impl From<Denied> for Failure {
    fn from(d: Denied) -> Failure {
        Failure { kind: Kind::Denied(d), body: Response::new("") }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure { kind: Kind::Store(e), body: Response::new("") }
    }
}
