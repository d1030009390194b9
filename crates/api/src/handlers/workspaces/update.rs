//! `PATCH /workspaces/{workspace}`: rename.

use actix_web::{patch, web, HttpResponse};
use workspaced_sdk::{Response, UpdateWorkspaceRequest};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::workspaces as service;
use crate::AppState;

crate::handlers::route!(150, update_workspace);
/// Update workspace metadata by ID
///
/// Renames the workspace. An empty or unchanged name changes nothing.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "update-workspace-metadata-by-id",
    params(WorkspacePath),
    request_body(content = UpdateWorkspaceRequest, description = "Metadata update request"),
    responses(
        (status = 204, description = "The workspace was renamed."),
        (status = 400, description = "Invalid body or name, or the workspace ID is not a UUID.", body = Response, example = examples::invalid_name),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        (status = 409, description = "The owner already has a workspace with this name.", body = Response, example = examples::name_taken),
        (status = 410, description = "The workspace was deleted.", body = Response, example = examples::deleted),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[patch("/workspaces/{workspace}")]
pub(super) async fn update_workspace(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<UpdateWorkspaceRequest>,
) -> ApiResult<HttpResponse> {
    state
        .call_as(session, move |s, caller| {
            let id = path.get()?.workspace;
            Ok(service::rename(s, &caller, id, body.into_inner())?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
