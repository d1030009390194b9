//! `GET /workspaces/{workspace}/resolve-autostart`.

use actix_web::{get, web, HttpResponse};
use workspaced_sdk::{ResolveAutostartResponse, Response};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, CommonErrors};
use crate::services::schedules as service;
use crate::AppState;

crate::handlers::route!(190, resolve_workspace_autostart);
/// Resolve workspace autostart by id.
///
/// Whether an automatic start, which moves the workspace to the template's active version
/// when it follows that version, would lack parameter values that version needs.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "resolve-workspace-autostart-by-id",
    params(WorkspacePath),
    responses(
        (status = 200, description = "Whether the parameters mismatch.", body = ResolveAutostartResponse),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/resolve-autostart")]
pub(super) async fn resolve_workspace_autostart(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    let answer = state
        .read_as(session, move |s, caller| Ok(service::resolve_autostart(s, &caller, path.get()?.workspace)?))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
