//! Example error bodies shown per response in the document (Swagger UI shows them under
//! each status). Built from the same `ApiError` constructors the handlers answer with; a
//! test validates every one against `codersdk.Response`.

use serde_json::Value;

use crate::error::ApiError;

fn json(e: impl Into<ApiError>) -> Value {
    serde_json::to_value(e.into().body).expect("a Response serialises")
}

pub fn unauthorized() -> Value {
    json(
        ApiError::new(
            actix_web::http::StatusCode::UNAUTHORIZED,
            "You are signed out or your session has expired. Please sign in again to continue.",
        )
        .detail("Cookie \"coder_session_token\" or query parameter must be provided."),
    )
}

pub fn not_found() -> Value {
    json(ApiError::not_found())
}

pub fn forbidden() -> Value {
    json(ApiError::forbidden())
}

pub fn name_taken() -> Value {
    json(crate::services::workspaces::name_taken("dev"))
}

pub fn deleted() -> Value {
    json(ApiError::new(
        actix_web::http::StatusCode::GONE,
        "Workspace \"dev\" was deleted, you can view this workspace by specifying 'include_deleted=true' and trying again.",
    ))
}

pub fn too_large() -> Value {
    json(
        ApiError::new(actix_web::http::StatusCode::PAYLOAD_TOO_LARGE, "Request body is too large.")
            .detail("JSON payload (2097152 bytes) is larger than allowed (limit: 1048576 bytes)."),
    )
}

pub fn internal() -> Value {
    json(ApiError::new(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR, "Internal error.").detail("database: connection refused"))
}

pub fn forbidden_create() -> Value {
    json(crate::services::workspaces::forbidden_create())
}

pub fn invalid_name() -> Value {
    json(crate::validate::check_workspace_name("bad name!").expect_err("the name is invalid"))
}

pub fn invalid_uuid() -> Value {
    json(ApiError::invalid_uuid("not-a-uuid", crate::go::parse_coder_uuid("not-a-uuid").expect_err("not a UUID")))
}

/// 426: a `watch-ws` request that is not a WebSocket handshake.
pub fn upgrade_required() -> Value {
    json(ApiError::new(
        actix_web::http::StatusCode::UPGRADE_REQUIRED,
        "WebSocket protocol violation: Connection header \"\" does not contain Upgrade",
    ))
}

pub fn unknown_user() -> Value {
    json(
        ApiError::bad_request("\"user\" must be an existing uuid or username.")
            .detail("no user is called or has the id \"nobody\""),
    )
}

pub fn invalid_search() -> Value {
    json(
        ApiError::bad_request("Invalid workspace search query.")
            .validation("color", "Query param \"color\" is not a valid query param"),
    )
}

pub fn invalid_schedule() -> Value {
    json(crate::validate::check_schedule("0 9 1 * 1-5", "Invalid autostart schedule.").expect_err("day of month is set"))
}

pub fn invalid_ttl() -> Value {
    json(
        ApiError::bad_request("Error updating workspace time until shutdown.")
            .validation("ttl_ms", crate::validate::ttl_problem(30_000, 0).expect("too short")),
    )
}

pub fn deadline_updated() -> Value {
    json(ApiError::new(actix_web::http::StatusCode::OK, "Deadline updated to 2026-11-24T18:30:00Z."))
}

pub fn deadline_too_soon() -> Value {
    json(ApiError::bad_request("Cannot extend workspace: new deadline must be at least 30 minutes in the future"))
}

pub fn not_started() -> Value {
    json(ApiError::conflict("Workspace must be started, current status: stop"))
}

pub fn invalid_transition() -> Value {
    json(ApiError::validation_failed(vec![workspaced_sdk::ValidationError::new(
        "transition",
        "Validation failed for tag \"oneof\" with value: \"restart\"",
    )]))
}

pub fn forbidden_delete() -> Value {
    json(
        ApiError::new(actix_web::http::StatusCode::FORBIDDEN, "You do not have permission to delete this workspace.").detail(
            "You don't have permission to view this content. If you believe this is a mistake, please contact your \
             administrator or try signing in with different credentials.",
        ),
    )
}

pub fn build_active() -> Value {
    json(ApiError::conflict("A workspace build is already active.").detail("A workspace build is already active."))
}
