//! `PUT` and `DELETE /workspaces/{workspace}/favorite`: the owner's favorites, listed first.

use actix_web::{delete, put, web, HttpResponse};
use serde_json::Value;
use workspaced_sdk::Response;

use crate::auth::Session;
use crate::error::ApiResult;
use crate::handlers::params::{Params, WorkspacePath};
use crate::handlers::{examples, CommonErrors};
use crate::services::workspace_settings as service;
use crate::AppState;

fn not_owner() -> Value {
    serde_json::to_value(service::favorite_forbidden_example().body).unwrap_or_default()
}

crate::handlers::route!(250, favorite_workspace);
/// Favorite workspace by ID.
///
/// Only the workspace's owner may: favorites are personal, and come first in the owner's
/// list.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "favorite-workspace-by-id",
    params(WorkspacePath),
    responses(
        (status = 204, description = "The workspace is a favorite of its owner."),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 403, description = "The caller does not own the workspace.", body = Response, example = not_owner),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[put("/workspaces/{workspace}/favorite")]
pub(super) async fn favorite_workspace(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    state.call_as(session, move |s, caller| Ok(service::set_favorite(s, &caller, path.get()?.workspace, true)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}

crate::handlers::route!(260, unfavorite_workspace);
/// Unfavorite workspace by ID.
///
/// Only the workspace's owner may.
#[utoipa::path(
    tag = "Workspaces",
    operation_id = "unfavorite-workspace-by-id",
    params(WorkspacePath),
    responses(
        (status = 204, description = "The workspace is not a favorite."),
        (status = 400, description = "The workspace ID is not a UUID.", body = Response, example = examples::invalid_uuid),
        (status = 403, description = "The caller does not own the workspace (`You can only un-favorite workspaces that you own.`).", body = Response, example = not_owner),
        (status = 404, description = "No such workspace, or not visible to the caller.", body = Response, example = examples::not_found),
        CommonErrors,
    ),
)]
#[delete("/workspaces/{workspace}/favorite")]
pub(super) async fn unfavorite_workspace(
    state: web::Data<AppState>,
    session: Session,
    path: Params<WorkspacePath>,
) -> ApiResult<HttpResponse> {
    state.call_as(session, move |s, caller| Ok(service::set_favorite(s, &caller, path.get()?.workspace, false)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}
