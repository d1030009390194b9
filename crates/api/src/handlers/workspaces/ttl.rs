//! `PUT /workspaces/{workspace}/ttl`.

use actix_web::{put, web, HttpResponse};
use workspaced_sdk::{Response, UpdateWorkspaceTTLRequest};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::schedules as service;
use crate::AppState;

crate::handlers::route!(170, update_workspace_ttl);
/// Update workspace TTL by ID
///
/// How long after a start the workspace stops: 1 minute to 30 days, and not above the
/// template's maximum; null turns autostop off (the running build keeps only the deadline
/// its template imposes).
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "update-workspace-ttl-by-id",
    params(WorkspacePath),
    request_body(content = UpdateWorkspaceTTLRequest, description = "Workspace TTL update request"),
    responses(
        (status = 204, description = "The TTL was set (or autostop turned off)."),
        (status = 400, description = "Invalid body or TTL, the template does not allow a custom TTL, or the workspace ID is not a UUID.", body = Response, example = examples::invalid_ttl),
        (status = 403, description = "The caller may see the workspace but not change it.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[put("/workspaces/{workspace}/ttl")]
pub(super) async fn update_workspace_ttl(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<UpdateWorkspaceTTLRequest>,
) -> ApiResult<HttpResponse> {
    state
        .call_as(session, move |s, caller| Ok(service::set_ttl(s, &caller, path.get()?.workspace, body.into_inner())?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
