//! `GET`, `PATCH` and `DELETE /workspaces/{workspace}/acl`: who besides the owner may use
//! or administer the workspace.

use actix_web::{delete, get, patch, web, HttpResponse};
use serde_json::Value;
use workspaced_sdk::{Response, UpdateWorkspaceACL, WorkspaceACL};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::sharing as service;
use crate::{convert, AppState};

fn invalid_acl() -> Value {
    serde_json::to_value(service::invalid_acl_example().body).unwrap_or_default()
}

crate::handlers::route!(220, get_workspace_acls);
/// Get workspace ACLs
///
/// The users and groups the workspace is shared with, each with its role. For callers who
/// may manage the workspace's sharing: its owner, site owners and users or groups holding
/// `admin` on it.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "get-workspace-acls",
    params(WorkspacePath),
    responses(
        (status = 200, description = "The workspace's ACL.", body = WorkspaceACL),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 403, description = "The caller may see the workspace (it is shared with them with the `use` role) but not manage its sharing.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[get("/workspaces/{workspace}/acl")]
pub(super) async fn get_workspace_acls(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    let acl = state
        .read_as(session, move |s, caller| {
            let acl = service::get_acl(s, &caller, path.get()?.workspace)?;
            Ok(convert::workspace_acl(&acl))
        })
        .await?;
    Ok(HttpResponse::Ok().json(acl))
}

crate::handlers::route!(230, update_workspace_acl);
/// Update workspace ACL
///
/// Gives each user and group named in the body its role (`admin` or `use`), or removes
/// its entry (`""`); entries not named are kept. Every problem of the body is reported,
/// one validation each.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "update-workspace-acl",
    params(WorkspacePath),
    request_body(content = UpdateWorkspaceACL, description = "Update workspace ACL request"),
    responses(
        (status = 204, description = "The ACL was updated."),
        (status = 400, description = "Invalid body: a role that is not `admin`, `use` or `\"\"`, an ID that is not a UUID, an unknown user or group, or the workspace's owner given a role; or the workspace ID is not a UUID.", body = Response, example = invalid_acl),
        (status = 403, description = "The caller may see the workspace but not manage its sharing.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[patch("/workspaces/{workspace}/acl")]
pub(super) async fn update_workspace_acl(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
    body: JsonBody<UpdateWorkspaceACL>,
) -> ApiResult<HttpResponse> {
    state
        .call_as(session, move |s, caller| Ok(service::update_acl(s, &caller, path.get()?.workspace, body.into_inner())?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

crate::handlers::route!(240, delete_workspace_acl);
/// Completely clears the workspace's user and group ACLs.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "completely-clears-the-workspaces-user-and-group-acls",
    params(WorkspacePath),
    responses(
        (status = 204, description = "The workspace is shared with nobody."),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 403, description = "The caller may see the workspace but not manage its sharing.", body = Response, example = examples::forbidden),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[delete("/workspaces/{workspace}/acl")]
pub(super) async fn delete_workspace_acl(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    state.call_as(session, move |s, caller| Ok(service::clear_acl(s, &caller, path.get()?.workspace)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
