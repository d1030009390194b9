//! `PUT /workspaces/{workspace}/dormant`: make a workspace dormant, or wake it.

use actix_web::{put, web, HttpResponse};
use workspaced_sdk::{Response, UpdateWorkspaceDormancy, Workspace};

use super::response;
use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::workspace_settings as service;
use crate::AppState;

crate::handlers::route!(290, update_workspace_dormancy);
/// Update workspace dormancy status by id.
///
/// Dormancy sets `dormant_at` and, when the template deletes dormant workspaces,
/// `deleting_at` (after its `time_til_dormant_autodelete_ms`); waking clears both and
/// counts as a use.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "update-workspace-dormancy-status-by-id",
    params(WorkspacePath),
    request_body(content = UpdateWorkspaceDormancy, description = "Make a workspace dormant or active"),
    responses(
        (status = 200, description = "The workspace, now dormant or awake.", body = Workspace),
        (status = 304, description = "The workspace already was in that state; nothing changed."),
        (status = 400, description = "The body is not JSON, or the workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[put("/workspaces/{workspace}/dormant")]
pub(super) async fn update_workspace_dormancy(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<UpdateWorkspaceDormancy>,
) -> ApiResult<HttpResponse> {
    let ws = state
        .call_as(session, move |s, caller| {
            let agg = service::set_dormant(s, &caller, path.get()?.workspace, body.into_inner())?;
            Ok(agg.map(|agg| response(&agg, &caller)))
        })
        .await?;
    Ok(match ws {
        Some(ws) => HttpResponse::Ok().json(ws),
        None => HttpResponse::NotModified().finish(),
    })
}
