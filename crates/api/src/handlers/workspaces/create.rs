//! `POST /organizations/{organization}/members/{user}/workspaces` and
//! `POST /users/{user}/workspaces`: create a workspace and queue its first build.

use actix_web::{post, web, HttpResponse};
use workspaced_sdk::{CreateWorkspaceRequest, Response, Workspace};

use super::response;
use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{OrganizationMember, OrganizationMemberPath, Params, UserPath};
use crate::handlers::{examples, BodyTooLarge, CommonErrors, JsonBody};
use crate::services::{users, workspaces as service};
use crate::AppState;

crate::handlers::route!(130, create_user_workspace_by_organization);
/// Create user workspace by organization
///
/// Create a new workspace using a template. The request must specify either the Template
/// ID or the Template Version ID, not both. If the Template ID is specified, the active
/// version of the template will be used. Coder answers 201 Created.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "create-user-workspace-by-organization",
    params(OrganizationMemberPath),
    request_body(content = CreateWorkspaceRequest, description = "Create workspace request"),
    responses(
        (status = 201, description = "The workspace was created and its first build queued.", body = Workspace),
        (status = 400, description = "Bad request: invalid body, name, template, TTL, schedule or parameters, or an unknown user.", body = Response, example = examples::invalid_name),
        (status = 403, description = "The caller may not create workspaces for this user.", body = Response, example = examples::forbidden_create),
        (status = 404, description = "The organization does not exist or is not visible to the caller.", body = Response, example = examples::not_found),
        (status = 409, description = "The owner already has a workspace with this name.", body = Response, example = examples::name_taken),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[post("/organizations/{organization}/members/{user}/workspaces")]
pub(super) async fn create_user_workspace_by_organization(
    state: web::Data<AppState>,
    session: Session,
    path: Params<OrganizationMember>,
    body: JsonBody<CreateWorkspaceRequest>,
) -> ApiResult<HttpResponse> {
    let ws = state
        .call_as(session, move |s, caller| {
            let path = path.get()?;
            let org = users::resolve_organization(s, &caller, &path.organization)?;
            let agg = service::create(s, &caller, Some(&org), &path.user, body.into_inner()?)?;
            Ok(response(&agg, &caller))
        })
        .await?;
    state.provisioner_wake.notify_one();
    Ok(HttpResponse::Created().json(ws))
}

crate::handlers::route!(140, create_user_workspace);
/// Create user workspace
///
/// Create a new workspace using a template. The request must specify either the Template
/// ID or the Template Version ID, not both. If the Template ID is specified, the active
/// version of the template will be used. Coder answers 201 Created.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "create-user-workspace",
    params(UserPath),
    request_body(content = CreateWorkspaceRequest, description = "Create workspace request"),
    responses(
        (status = 201, description = "The workspace was created and its first build queued.", body = Workspace),
        (status = 400, description = "Bad request: invalid body, name, template, TTL, schedule or parameters, or an unknown user.", body = Response, example = examples::invalid_name),
        (status = 403, description = "The caller may not create workspaces for this user.", body = Response, example = examples::forbidden_create),
        (status = 409, description = "The owner already has a workspace with this name.", body = Response, example = examples::name_taken),
        BodyTooLarge,
        CommonErrors,
    ),
)]
#[post("/users/{user}/workspaces")]
pub(super) async fn create_user_workspace(
    state: web::Data<AppState>,
    session: Session,
    path: Params<UserPath>,
    body: JsonBody<CreateWorkspaceRequest>,
) -> ApiResult<HttpResponse> {
    let ws = state
        .call_as(session, move |s, caller| {
            let (path, body) = (path.get()?, body.into_inner()?);
            let agg = service::create(s, &caller, None, &path.user, body)?;
            Ok(response(&agg, &caller))
        })
        .await?;
    state.provisioner_wake.notify_one();
    Ok(HttpResponse::Created().json(ws))
}
