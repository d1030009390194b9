//! `PUT /workspaces/{workspace}/autostart`.

use actix_web::{put, web, HttpResponse};
use workspaced_sdk::{Response, UpdateWorkspaceAutostartRequest};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::schedules as service;
use crate::AppState;

crate::handlers::route!(160, update_workspace_autostart);
/// Update workspace autostart schedule by ID
///
/// A weekly schedule `CRON_TZ=<zone> <minute> <hour> * * <days of week>` (UTC without a
/// zone); null or empty turns autostart off. The next start skips the days the template
/// does not allow.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "update-workspace-autostart-schedule-by-id",
    params(WorkspacePath),
    request_body(content = UpdateWorkspaceAutostartRequest, description = "Schedule update request"),
    responses(
        (status = 204, description = "The schedule was set (or turned off)."),
        (status = 400, description = "Invalid body or schedule, the template does not allow autostart, or the workspace ID is not a UUID.", body = Response, example = examples::invalid_schedule),
        (status = 403, description = "The caller may see the workspace but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[put("/workspaces/{workspace}/autostart")]
pub(super) async fn update_workspace_autostart(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<UpdateWorkspaceAutostartRequest>,
) -> ApiResult<HttpResponse> {
    state
        .call_as(session, move |s, caller| Ok(service::set_autostart(s, &caller, path.get()?.workspace, body.into_inner())?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
