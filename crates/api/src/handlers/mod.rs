//! Handlers of the documented routes. Each one is thin: parse → authorise → call the
//! store → convert → serialise. Shared steps (resolving `{user}`, loading `{workspace}`
//! with its visibility and deletion rules, query parameters) live here.

pub mod examples;
mod object_only;
pub mod workspaces;

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::HttpRequest;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use workspaced_sdk::ValidationError;
use workspaced_store::models::{User, Workspace};
use workspaced_store::{WorkspaceAction, WorkspaceAggregate};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// The responses every operation shares: a request without a valid session, and a server
/// fault. (Listed in each `#[utoipa::path]` as `CommonErrors`.)
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // a description of responses; never built
pub enum CommonErrors {
    /// Missing, malformed, unknown or expired session token.
    #[response(status = 401, example = json!(examples::unauthorized()))]
    Unauthorized(workspaced_sdk::Response),
    /// Internal server error.
    #[response(status = 500, example = json!(examples::internal()))]
    Internal(workspaced_sdk::Response),
}

/// The response of operations that take a JSON body, for a body over 1 MiB.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // a description of a response; never built
pub enum BodyTooLarge {
    /// The request body is larger than 1 MiB.
    #[response(status = 413, example = json!(examples::too_large()))]
    TooLarge(workspaced_sdk::Response),
}

/// Registers every documented route (under the `/api/v2` scope).
pub fn configure(cfg: &mut ServiceConfig) {
    workspaces::configure(cfg);
}

/// A JSON request body whose problems are reported only when the handler asks for it,
/// that is after authentication: a caller without a session gets 401, never a body error.
pub struct JsonBody<T>(Result<T, ApiError>);

impl<T> JsonBody<T> {
    /// The parsed body, or 400 (bad JSON, or an array or scalar where an object belongs) /
    /// 413 (over 1 MiB) in Coder's envelope.
    pub fn into_inner(self) -> ApiResult<T> {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for JsonBody<T> {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let fut = actix_web::web::Json::<ObjectOnly<T>>::from_request(req, payload);
        Box::pin(async move {
            Ok(JsonBody(fut.await.map(|j| j.into_inner().0).map_err(|e| match e.as_error::<actix_web::error::JsonPayloadError>() {
                Some(json) => crate::error::json_error(json),
                None => ApiError::bad_request("Request body must be valid JSON.").detail(e.to_string()),
            })))
        })
    }
}

/// A body read as `T`, except that a struct, at any depth, must be written as a JSON object:
/// serde would also read a struct from an array of its members in order, which Go (and so
/// Coder) refuses. See [`object_only`].
struct ObjectOnly<T>(T);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(object_only::Strict(deserializer)).map(ObjectOnly)
    }
}

/// Parses a `{workspace}`-style path UUID with Coder's error.
pub fn parse_uuid_param(raw: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(raw).map_err(|e| ApiError::invalid_uuid(raw, e))
}

/// Resolves a `{user}` path segment: `me`, a UUID or a username.
pub async fn resolve_user(state: &AppState, caller: &Caller, raw: &str) -> ApiResult<User> {
    if raw == "me" {
        return Ok(caller.user.clone());
    }
    let key = raw.to_owned();
    let found = match Uuid::parse_str(raw) {
        Ok(id) => state.db(move |s| s.user_by_id(id)).await?,
        Err(_) => state.db(move |s| s.user_by_username(&key)).await?,
    };
    found.ok_or_else(|| {
        ApiError::bad_request("\"user\" must be an existing uuid or username.")
            .detail(format!("no user is called or has the id {raw:?}"))
    })
}

/// Loads the workspace of a `{workspace}` path segment (parsed with [`parse_uuid_param`])
/// as the caller may read it: 404 when missing or not readable (the authorization rule),
/// 410 when deleted and `include_deleted` is not true.
pub async fn load_workspace(state: &AppState, caller: &Caller, id: Uuid, include_deleted: bool) -> ApiResult<WorkspaceAggregate> {
    let actor = caller.actor();
    let agg = state.db(move |s| s.workspace_for(&actor, id)).await?.ok_or_else(ApiError::not_found)?;
    if agg.workspace.deleted && !include_deleted {
        return Err(deleted(&agg.workspace));
    }
    Ok(agg)
}

/// 403 unless the caller may do `action` to a workspace it has been shown (Coder: "may
/// read but may not do this").
pub async fn authorize(state: &AppState, caller: &Caller, workspace_id: Uuid, action: WorkspaceAction) -> ApiResult<()> {
    let actor = caller.actor();
    if state.db(move |s| s.may(&actor, workspace_id, action)).await? {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

/// 410 for a deleted workspace, with Coder's text.
pub fn deleted(ws: &Workspace) -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        format!(
            "Workspace {:?} was deleted, you can view this workspace by specifying 'include_deleted=true' and trying again.",
            ws.name
        ),
    )
}

/// Query parameters with Coder's parsing rules; problems are collected and reported
/// together as `Query parameters have invalid values.`
pub struct QueryParams {
    values: HashMap<String, String>,
    errors: Vec<ValidationError>,
}

impl QueryParams {
    pub fn new(req: &HttpRequest) -> QueryParams {
        let values = actix_web::web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map(|q| q.into_inner().into_iter().collect())
            .unwrap_or_default();
        QueryParams { values, errors: Vec::new() }
    }

    pub fn string(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }

    pub fn boolean(&mut self, name: &str) -> bool {
        match self.values.get(name).map(String::as_str) {
            None | Some("") => false,
            Some("1" | "t" | "T" | "true" | "TRUE" | "True") => true,
            Some("0" | "f" | "F" | "false" | "FALSE" | "False") => false,
            Some(other) => {
                self.errors.push(ValidationError::new(
                    name,
                    format!("Query param {name:?} must be a valid boolean: strconv.ParseBool: parsing {other:?}: invalid syntax"),
                ));
                false
            }
        }
    }

    /// A non-negative 32-bit integer (0 when absent).
    pub fn non_negative_i32(&mut self, name: &str) -> i64 {
        match self.values.get(name).map(String::as_str) {
            None | Some("") => 0,
            Some(raw) => match raw.parse::<i32>() {
                Ok(v) if v >= 0 => v.into(),
                Ok(_) => {
                    self.errors.push(ValidationError::new(
                        name,
                        format!("Query param {name:?} must be a valid 32-bit positive integer: value is negative"),
                    ));
                    0
                }
                Err(e) => {
                    self.errors.push(ValidationError::new(
                        name,
                        format!("Query param {name:?} must be a valid 32-bit positive integer: strconv.ParseInt: parsing {raw:?}: {e}"),
                    ));
                    0
                }
            },
        }
    }

    /// Fails with 400 when any parameter was bad.
    pub fn finish(self) -> ApiResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::bad_request("Query parameters have invalid values.").validations(self.errors))
        }
    }
}
