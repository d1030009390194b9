//! The one error type of the HTTP layer. Every non-2xx body is a `codersdk.Response`
//! with Coder's status code and message.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use workspaced_sdk::{Response, ValidationError};
use workspaced_store::authz::Denied;
use workspaced_store::StoreError;

use crate::services::{Failure, FaultCause, Kind};

/// Coder's text for anything missing or invisible to the caller.
pub const NOT_FOUND_MESSAGE: &str = "Resource not found or you do not have access to this resource";

/// An error answer: a status and a `codersdk.Response` body.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Response,
    /// Headers the answer carries besides the body (`Retry-After`, `X-Ratelimit-*`).
    pub headers: Vec<(&'static str, String)>,
}

/// Seconds a client is told to wait (`Retry-After`) when the database is out of reach.
pub const RETRY_AFTER_UNAVAILABLE: u32 = 5;

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, body: Response::new(message), headers: Vec::new() }
    }

    /// Adds a header to the answer (`name` in lower case).
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> ApiError {
        self.headers.push((name, value.into()));
        self
    }

    /// 503 with `Retry-After`: the database cannot be reached (or cannot take writes) for
    /// now; the request may be sent again. Logged as a warning with its cause.
    pub fn unavailable(cause: impl std::fmt::Display) -> ApiError {
        tracing::warn!(error = %cause, "database unavailable");
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "The database is unavailable. Please try again shortly.")
            .detail(cause.to_string())
            .header("retry-after", RETRY_AFTER_UNAVAILABLE.to_string())
    }

    pub fn detail(mut self, detail: impl Into<String>) -> ApiError {
        self.body.detail = detail.into();
        self
    }

    pub fn validation(mut self, field: impl Into<String>, detail: impl Into<String>) -> ApiError {
        self.body.validations.push(ValidationError::new(field, detail));
        self
    }

    pub fn validations(mut self, v: Vec<ValidationError>) -> ApiError {
        self.body.validations.extend(v);
        self
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 400 `Validation failed.` with one entry per field.
    pub fn validation_failed(v: Vec<ValidationError>) -> ApiError {
        ApiError::bad_request("Validation failed.").validations(v)
    }

    /// 404 with Coder's text; also what a caller gets for something it may not see.
    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, NOT_FOUND_MESSAGE)
    }

    pub fn forbidden() -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "Forbidden.")
    }

    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, message)
    }

    /// A server fault: logged here with its cause, answered as 500.
    pub fn internal(message: impl Into<String>, cause: impl std::fmt::Display) -> ApiError {
        let message = message.into();
        tracing::error!(error = %cause, "{message}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message).detail(cause.to_string())
    }

    /// A store error with the operation's own 500 text, unless the database is only out of
    /// reach or full (503 with `Retry-After`, as every other store error of that kind).
    pub fn store_fault(message: impl Into<String>, e: StoreError) -> ApiError {
        match e {
            e @ (StoreError::Pool(_) | StoreError::ConnectionLost(_) | StoreError::Unwritable(_)) => e.into(),
            other => ApiError::internal(message, other),
        }
    }

    /// 400 for a malformed UUID in the path, with Coder's texts (`err`: Go's
    /// `uuid.Parse` error, from [`crate::go::parse_coder_uuid`]).
    pub fn invalid_uuid(raw: &str, err: impl std::fmt::Display) -> ApiError {
        ApiError::bad_request(format!("Invalid UUID {}.", crate::go::go_quote(raw))).detail(err.to_string())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status.as_u16(), self.body.message)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status);
        for (name, value) in &self.headers {
            res.insert_header((*name, value.as_str()));
        }
        res.json(&self.body)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::not_found(),
            // The database is out of reach (the pool found no live connection in time, a
            // connection died mid-request) or cannot take writes (disk full, read-only
            // file): nothing the client did; it may try again.
            e @ (StoreError::Pool(_) | StoreError::ConnectionLost(_) | StoreError::Unwritable(_)) => ApiError::unavailable(e),
            other => ApiError::internal("Internal error.", other),
        }
    }
}

/// The one place where a service's failure becomes a status: Coder's for each kind.
impl From<Failure> for ApiError {
    fn from(f: Failure) -> Self {
        let status = match f.kind {
            Kind::Invalid => StatusCode::BAD_REQUEST,
            Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::Forbidden => StatusCode::FORBIDDEN,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::Conflict => StatusCode::CONFLICT,
            Kind::Gone => StatusCode::GONE,
            Kind::Denied(Denied::NotVisible) => return ApiError::not_found(),
            Kind::Denied(Denied::Forbidden) => return ApiError::forbidden(),
            Kind::Store(e) => return e.into(),
            Kind::Fault(FaultCause::Store(e)) => return ApiError::store_fault(f.body.message, e),
            Kind::Fault(FaultCause::Other(cause)) => return ApiError::internal(f.body.message, cause),
        };
        ApiError { status, body: f.body, headers: Vec::new() }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::internal("Internal error.", e)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// How a JSON body that cannot be read or parsed is answered (the services see it as one
/// of their failures: they answer it in Coder's order, after the workspace's own).
pub fn json_error(err: &actix_web::error::JsonPayloadError) -> Failure {
    use actix_web::error::JsonPayloadError as E;
    match err {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => Failure::too_large("Request body is too large.").detail(err.to_string()),
        E::Deserialize(e) => Failure::invalid("Request body must be valid JSON.").detail(e.to_string()),
        _ => Failure::invalid("Request body must be valid JSON.").detail(err.to_string()),
    }
}

/// A path segment that cannot be decoded (bad percent-encoding): 400, not actix's 404.
pub fn path_error(err: actix_web::error::PathError, _req: &actix_web::HttpRequest) -> actix_web::Error {
    let api = ApiError::bad_request("Invalid path parameter.").detail(err.to_string());
    actix_web::error::InternalError::from_response(err, api.error_response()).into()
}
