//! `GET /workspaces/{workspace}/timings`.

use actix_web::{get, web, HttpResponse};
use workspaced_sdk::{Response, WorkspaceBuildTimings};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, CommonErrors};
use crate::services::builds as service;
use crate::{convert, AppState};

crate::handlers::route!(200, get_workspace_timings);
/// Get workspace timings by ID
///
/// What the latest build recorded as it ran: the provisioner's stages, the agents' script
/// runs, and how long each agent took to connect.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "get-workspace-timings-by-id",
    params(WorkspacePath),
    responses(
        (status = 200, description = "The timings of the latest build.", body = WorkspaceBuildTimings),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/timings")]
pub(super) async fn get_workspace_timings(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    let timings = state
        .read_as(session, move |s, caller| {
            let t = service::timings(s, &caller, path.get()?.workspace)?;
            Ok(convert::build_timings(&t))
        })
        .await?;
    Ok(HttpResponse::Ok().json(timings))
}
