//! `PUT /workspaces/{workspace}/extend`.

use actix_web::{put, web, HttpResponse};
use workspaced_sdk::{PutExtendWorkspaceRequest, Response};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::schedules as service;
use crate::AppState;

crate::handlers::route!(180, extend_workspace_deadline);
/// Extend workspace deadline by ID
///
/// Moves the deadline of the running build: at least 30 minutes from now, and not past its
/// max deadline.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "extend-workspace-deadline-by-id",
    params(WorkspacePath),
    request_body(content = PutExtendWorkspaceRequest, description = "Extend deadline update request"),
    responses(
        (status = 200, description = "The deadline was moved; the message says to when.", body = Response, example = examples::deadline_updated),
        (status = 400, description = "Invalid body, a deadline too soon or past the max deadline, or the workspace ID is not a UUID.", body = Response, example = examples::deadline_too_soon),
        (status = 403, description = "The caller may see the workspace but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        (status = 409, description = "The workspace is not running: stopped or deleted, still building, or without autostop.", body = Response, example = examples::not_started),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[put("/workspaces/{workspace}/extend")]
pub(super) async fn extend_workspace_deadline(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<PutExtendWorkspaceRequest>,
) -> ApiResult<HttpResponse> {
    let message = state
        .call_as(session, move |s, caller| Ok(service::extend(s, &caller, path.get()?.workspace, body.into_inner())?))
        .await?;
    Ok(HttpResponse::Ok().json(Response::new(message)))
}
