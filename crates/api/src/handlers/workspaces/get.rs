//! `GET /workspaces/{workspace}` and `GET /users/{user}/workspace/{workspacename}`.

use actix_web::{get, web, HttpResponse};
use chrono::Utc;
use workspaced_sdk::{Response, Workspace};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::etag::Conditional;
use crate::handlers::params::{IncludeDeleted, Params, UserWorkspaceNamePath, WorkspacePath};
use crate::handlers::{examples, CommonErrors};
use crate::services::workspaces as service;
use crate::AppState;

crate::handlers::route!(100, get_workspace);
/// Get workspace metadata by ID
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "get-workspace-metadata-by-id",
    params(WorkspacePath, IncludeDeleted, Conditional),
    responses(
        (status = 200, description = "The workspace.", body = Workspace, headers(("ETag" = String, description = "The entity tag of this representation; send it back in `If-None-Match` to get 304 while it is current."))),
        (status = 304, description = "Not modified: the `If-None-Match` tag is the current representation's (no body).", headers(("ETag" = String, description = "The current entity tag (the one matched)."))),
        (status = 400, description = "The workspace ID is not a UUID, or a bad query parameter.", body = Response, example = examples::invalid_uuid),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        (status = 410, description = "The workspace was deleted and `include_deleted` is not true.", body = Response, example = examples::deleted),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}")]
pub(super) async fn get_workspace(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    query: Params<IncludeDeleted>,
    conditional: Conditional,
) -> ApiResult<HttpResponse> {
    let bodies = state.bodies.clone();
    let ws = state
        .read_as(session, move |s, caller| {
            let (id, include_deleted) = (path.get()?.workspace, query.get()?.value());
            let agg = service::get(s, &caller, id, include_deleted)?;
            bodies.workspace(&agg, caller.user.id, Utc::now())
        })
        .await?;
    Ok(conditional.respond(ws))
}

crate::handlers::route!(120, get_workspace_by_owner_and_name);
/// Get workspace metadata by user and workspace name
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "get-workspace-metadata-by-user-and-workspace-name",
    params(UserWorkspaceNamePath, IncludeDeleted, Conditional),
    responses(
        (status = 200, description = "The workspace.", body = Workspace, headers(("ETag" = String, description = "The entity tag of this representation; send it back in `If-None-Match` to get 304 while it is current."))),
        (status = 304, description = "Not modified: the `If-None-Match` tag is the current representation's (no body).", headers(("ETag" = String, description = "The current entity tag (the one matched)."))),
        (status = 400, description = "Unknown user or a bad query parameter.", body = Response, example = examples::unknown_user),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/users/{user}/workspace/{workspacename}")]
pub(super) async fn get_workspace_by_owner_and_name(
    state: web::Data<AppState>,
    session: Session,
    path: Params<UserWorkspaceNamePath>,
    query: Params<IncludeDeleted>,
    conditional: Conditional,
) -> ApiResult<HttpResponse> {
    let bodies = state.bodies.clone();
    let ws = state
        .read_as(session, move |s, caller| {
            let (path, include_deleted) = (path.get()?, query.get()?.value());
            let agg = service::get_by_owner_and_name(s, &caller, &path.user, &path.workspacename, include_deleted)?;
            bodies.workspace(&agg, caller.user.id, Utc::now())
        })
        .await?;
    Ok(conditional.respond(ws))
}
