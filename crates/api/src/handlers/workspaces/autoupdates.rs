//! `PUT /workspaces/{workspace}/autoupdates`: whether starts move to the active version.

use actix_web::{put, web, HttpResponse};
use serde_json::Value;
use workspaced_sdk::{Response, UpdateWorkspaceAutomaticUpdatesRequest};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::workspace_settings as service;
use crate::AppState;

fn invalid_value() -> Value {
    serde_json::to_value(service::invalid_automatic_updates().body).unwrap_or_default()
}

crate::handlers::route!(270, update_workspace_automatic_updates);
/// Update workspace automatic updates by ID
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "update-workspace-automatic-updates-by-id",
    params(WorkspacePath),
    request_body(content = UpdateWorkspaceAutomaticUpdatesRequest, description = "Automatic updates request"),
    responses(
        (status = 204, description = "The setting was saved."),
        (status = 400, description = "`automatic_updates` is neither `always` nor `never`, the body is not JSON, or the workspace ID is not a UUID.", body = Response, example = invalid_value),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[put("/workspaces/{workspace}/autoupdates")]
pub(super) async fn update_workspace_automatic_updates(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<UpdateWorkspaceAutomaticUpdatesRequest>,
) -> ApiResult<HttpResponse> {
    state
        .call_as(session, move |s, caller| {
            Ok(service::set_automatic_updates(s, &caller, path.get()?.workspace, body.into_inner())?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
